"""Key figures worked by hand for a small municipality, and beside reference figures."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from socialstyring.core.management.benchmarks import compare
from socialstyring.core.management.key_figures import inhabitants, key_figures, years_covered

CODE = "741"
AS_OF = dt.date(2025, 5, 31)
D = dt.date

POPULATION = pl.DataFrame(
    {
        "municipality_code": [CODE] * 8 + ["101"],
        "year": [2024] * 9,
        "age_from": [0, 18, 19, 20, 21, 22, 23, 65, 0],
        "age_to": [17, 18, 19, 20, 21, 22, 64, 125, 17],
        "count": [500, 20, 20, 20, 20, 20, 1500, 900, 99999],
    }
)

SPENDING = pl.DataFrame(
    {
        "year": [2024, 2024, 2024, 2024],
        "account": ["5.28.21", "5.28.23", "5.38.50", "6.45.51"],
        "expected": [3_000_000.0, 600_000.0, 1_600_000.0, 9_999_999.0],
    }
)


def _grant(citizen, caseworker, team, area, paragraph, price, start, end, provider, service="x"):
    return {
        "citizen_id": citizen,
        "caseworker": caseworker,
        "team": team,
        "area": area,
        "paragraph": paragraph,
        "service": service,
        "price": price,
        "price_unit": "month",
        "quantity": 1.0,
        "start": start,
        "end": end,
        "registered": start,
        "provider_type": provider,
    }


GRANTS = pl.DataFrame(
    [
        _grant("A", "X", "T1", "children", "BL § 46", 30_000.0, D(2024, 1, 1), None, "own"),
        _grant(
            "B", "X", "T1", "adults", "SEL § 85", 10_000.0, D(2024, 7, 1), D(2025, 6, 30), "private"
        ),
        _grant(
            "C",
            "Y",
            "T2",
            "children",
            "BL § 32",
            2_000.0,
            D(2024, 1, 1),
            D(2024, 12, 31),
            "other_municipality",
        ),
        _grant(
            "A", "Y", "T2", "children", "BL § 32", 1_000.0, D(2024, 1, 1), D(2024, 6, 30), "own"
        ),
    ]
)


def _figures() -> dict[tuple, float]:
    frame = key_figures(GRANTS, SPENDING, POPULATION, code=CODE, years=[2024], as_of=AS_OF)
    return {(r["code"], r["dimension"], r["group"]): r["value"] for r in frame.to_dicts()}


def test_inhabitants_count_whole_bands_inside_the_ages():
    assert inhabitants(POPULATION, CODE, (0, 22))["inhabitants"].to_list() == [600.0]
    assert inhabitants(POPULATION, CODE, (18, 64))["inhabitants"].to_list() == [1600.0]


def test_spending_per_inhabitant_by_hand():
    figures = _figures()
    # children: (3.000.000 + 600.000) / (500 + 5 × 20) inhabitants aged 0-22
    assert figures[("spend_per_inhabitant_0_22", None, None)] == pytest.approx(6_000.0)
    # adults: 1.600.000 / (5 × 20 + 1.500) aged 18-64; account 6.45 is neither area
    assert figures[("spend_per_inhabitant_18_64", None, None)] == pytest.approx(1_000.0)


def test_citizens_per_caseworker_in_total_and_per_team():
    figures = _figures()
    # active on 31 December 2024: A (X), B (X), C (Y); A's second grant ended in June
    assert figures[("citizens_per_caseworker", None, None)] == pytest.approx(1.5)
    assert figures[("citizens_per_caseworker", "team", "T1")] == pytest.approx(2.0)
    assert figures[("citizens_per_caseworker", "team", "T2")] == pytest.approx(1.0)


def test_average_run_rate_share_external_and_placements():
    figures = _figures()
    assert figures[("average_run_rate", None, None)] == pytest.approx(
        (360_000 + 120_000 + 24_000) / 3
    )
    assert figures[("average_run_rate", "paragraph", "BL § 32")] == pytest.approx(24_000)
    # 2024's cost: 360.000 own, 60.000 private, 24.000 other municipality, 6.000 own
    assert figures[("share_external", None, None)] == pytest.approx(84_000 / 450_000)
    # one child placed under BL § 46 per 500 inhabitants aged 0-17
    assert figures[("placements_per_1000_0_17", None, None)] == pytest.approx(2.0)


def test_a_year_without_population_has_no_per_inhabitant_figure():
    frame = key_figures(GRANTS, SPENDING, POPULATION.head(0), code=CODE, years=[2024], as_of=AS_OF)
    assert "spend_per_inhabitant_0_22" not in frame["code"].to_list()
    assert "citizens_per_caseworker" in frame["code"].to_list()


def test_years_covered_from_first_grant_and_ledger():
    assert years_covered(GRANTS, [2019], AS_OF) == [2019, 2024, 2025]


def test_beside_the_country_the_region_and_the_group():
    own = key_figures(GRANTS, SPENDING, POPULATION, code=CODE, years=[2024], as_of=AS_OF)
    references = pl.DataFrame(
        {
            "code": ["spend_per_inhabitant_0_22"] * 5,
            "year": [2024] * 5,
            "level": ["country", "region", "region", "municipality", "municipality"],
            "unit": ["", "1085", "1084", "706", "707"],
            "value": [9_000.0, 8_000.0, 1.0, 7_000.0, 8_000.0],
        }
    )
    table = compare(
        own, references, region_code="1085", group_name="Små øer", group_codes=["706", "707"]
    )
    row = table.filter(pl.col("code") == "spend_per_inhabitant_0_22").to_dicts()[0]
    assert (row["own"], row["country"], row["region"], row["comparison"]) == pytest.approx(
        (6_000.0, 9_000.0, 8_000.0, 7_500.0)
    )
    with_group = pl.concat(
        [
            references,
            pl.DataFrame(
                {
                    "code": ["spend_per_inhabitant_0_22"],
                    "year": [2024],
                    "level": ["group"],
                    "unit": ["Små øer"],
                    "value": [7_100.0],
                }
            ),
        ]
    )
    row = compare(own, with_group, region_code="1085", group_name="Små øer", group_codes=["706"])
    assert row.filter(pl.col("code") == "spend_per_inhabitant_0_22")["comparison"][0] == 7_100.0

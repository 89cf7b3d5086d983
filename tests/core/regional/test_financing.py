"""Objective financing, partial objective financing, special terms and the price frame,
each against figures worked by hand."""

from __future__ import annotations

import polars as pl
import pytest

from socialstyring.core.regional import (
    beyond_price_frame,
    children,
    collective_deficit,
    deficit_coverage,
    objective_financing,
    per_case_part,
    start_up_financing,
    tariffs,
    with_lower_occupancy,
)
from tests.core.regional.frames import HOVEDSTADEN, budget_rows

POPULATION = pl.DataFrame(
    {
        "municipality": ["851", "851", "851", "813", "813", "860", "860"],
        "year": [2026] * 7,
        "age": ["0-17", "18-64", "65", "5", "17", "0-17", "15-19"],
        "count": [30_000, 100_000, 2_000, 6_000, 4_000, 10_000, 9_999],
    }
)


def test_children_counts_ages_and_bands_inside_0_17_only():
    got = dict(children(POPULATION, 2026).iter_rows())
    # 813: the single ages 5 and 17; 860: the band 15-19 reaches past 17 and is left out
    assert got == {"813": 10_000.0, "851": 30_000.0, "860": 10_000.0}


def test_split_by_children_adds_up_to_the_total():
    out = objective_financing(1_000_000.0, POPULATION, 2026)
    amounts = dict(zip(out["municipality"], out["amount"], strict=True))
    assert amounts["851"] == pytest.approx(600_000.0)  # 30.000 / 50.000
    assert amounts["813"] == pytest.approx(200_000.0)
    assert amounts["860"] == pytest.approx(200_000.0)
    assert out["amount"].sum() == pytest.approx(1_000_000.0)


def test_greve_share_of_socialtilsyn_ost():
    # The reference's example: 11.166 children, 7,0 % of the region → 1.705.337 kr.
    total = 1_705_337 / (11_166 / 159_517)
    frame = pl.DataFrame(
        {"municipality": ["253", "999"], "age": ["0-17", "0-17"], "count": [11_166, 148_351]}
    )
    out = objective_financing(total, frame)
    greve = out.filter(pl.col("municipality") == "253").row(0, named=True)
    assert greve["share"] == pytest.approx(0.07, abs=0.0005)
    assert greve["amount"] == pytest.approx(1_705_337, abs=0.5)


def test_partial_objective_financing_60_40():
    out = objective_financing(2_500_000.0, POPULATION, 2026, objective_share=0.6)
    assert out["amount"].sum() == pytest.approx(1_500_000.0)
    assert out.filter(pl.col("municipality") == "851")["amount"].item() == pytest.approx(900_000.0)
    assert per_case_part(2_500_000.0, 0.6) == pytest.approx(1_000_000.0)


TERMS = pl.DataFrame(
    {
        "offer_id": ["NY", "NY", "NY"],
        "term": ["objective_start_up", "lower_occupancy", "collective_deficit"],
        "first_year": [2026, 2026, 2026],
        "last_year": [2027, 2028, 2028],
        "occupancy_pct": [None, 75.0, None],
        "municipalities": [["851", "813"], [], ["851", "860"]],
    }
)


def test_start_up_objective_financing_among_those_that_joined():
    out = start_up_financing(TERMS, "NY", 2027, 400_000.0, POPULATION)
    assert out is not None
    amounts = dict(zip(out["municipality"], out["amount"], strict=True))
    assert amounts == pytest.approx({"813": 100_000.0, "851": 300_000.0})
    assert start_up_financing(TERMS, "NY", 2028, 400_000.0, POPULATION) is None
    assert start_up_financing(TERMS, "OTHER", 2027, 400_000.0, POPULATION) is None


def test_lower_occupancy_in_the_covered_years_only():
    base = {"offer_id": "NY", "places": 4, "direct_costs": 1_000_000.0, "overhead_pct": 0.0}
    base |= {"occupancy_1": 95.0, "occupancy_2": 95.0}
    budgets = budget_rows({**base, "year": 2028}, {**base, "year": 2029})
    out = tariffs(with_lower_occupancy(budgets, TERMS), HOVEDSTADEN)
    occupancy = dict(zip(out["year"], out["occupancy"], strict=True))
    assert occupancy == pytest.approx({2028: 0.75, 2029: 0.95})
    # 1.000.000 / (4 × 366 × 0,75) in the leap year 2028
    assert out.filter(pl.col("year") == 2028)["tariff"].item() == round(
        1_000_000 / (4 * 366 * 0.75), 2
    )


def test_collective_deficit_by_purchases_of_those_that_joined():
    purchases = pl.DataFrame(
        {"municipality": ["851", "860", "813", "851"], "amount": [300.0, 100.0, 600.0, 100.0]}
    )
    out = deficit_coverage(TERMS, "NY", 2027, -200_000.0, purchases)
    assert out is not None
    amounts = dict(zip(out["municipality"], out["amount"], strict=True))
    # 813 bought most but did not join: 851 bought 400, 860 100 of the joined 500
    assert amounts == pytest.approx({"851": -160_000.0, "860": -40_000.0})


def test_collective_deficit_by_an_agreed_key():
    key = pl.DataFrame({"municipality": ["851", "860"], "weight": [1.0, 3.0]})
    out = collective_deficit(-100.0, pl.DataFrame(), ["851", "860"], agreed_key=key)
    assert dict(zip(out["municipality"], out["amount"], strict=True)) == pytest.approx(
        {"851": -25.0, "860": -75.0}
    )


def test_price_frame_lists_rises_beyond_it_with_the_excess():
    frame = pl.DataFrame(
        {
            "offer_id": ["A", "A", "A", "B", "B"],
            "year": [2024, 2025, 2026, 2025, 2026],
            "tariff": [1000.0, 1020.0, 1100.0, 500.0, 505.0],
        }
    )
    out = beyond_price_frame(frame, 2.0)
    assert out.select("offer_id", "year").rows() == [("A", 2026)]
    row = out.row(0, named=True)
    assert row["allowed_tariff"] == pytest.approx(1040.4)  # 1.020 × 1,02
    assert row["excess"] == pytest.approx(59.6)
    assert row["growth_pct"] == pytest.approx(100 * (1100 / 1020 - 1))

"""Occupancy, sales and purchases, offers at risk, supply and demand and bringing home,
on small frames worked by hand."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from socialstyring.core.regional import (
    at_risk,
    balances,
    bring_home,
    monthly_occupancy,
    municipality_view,
    offers,
    period_occupancy,
    sales_matrix,
    settlements,
    supply_and_demand,
    trades,
)
from tests.core.regional.frames import NORDJYLLAND, account_rows

D = dt.date

PROVIDERS = pl.DataFrame(
    {
        "municipality": ["851", "851", "813", "851"],
        "provider_id": ["BIRK", "KVIST", "BIRK", "EGEN"],
        "name": ["Birken", "Kvisten", "Birken (813)", "Egen bolig"],
        "provider_type": ["own", "region", "other_municipality", "own"],
        "municipality_code": [None, None, "851", None],
        "capacity": [10, 4, 10, 5],
        "target_group": ["selvskade", "spiseforstyrrelser", None, "selvskade"],
        "tariff": [3000.0, 4000.0, None, 1000.0],
        "tariff_unit": ["day", "day", None, "day"],
        "capacity_from": [None, None, None, None],
        "capacity_to": [None, D(2026, 9, 30), None, None],
    },
    schema_overrides={"capacity_from": pl.Date},
)


def grants(*rows: tuple) -> pl.DataFrame:
    return pl.DataFrame(
        rows,
        schema={
            "municipality": pl.String,
            "grant_id": pl.String,
            "citizen_id": pl.String,
            "provider_id": pl.String,
            "start": pl.Date,
            "end": pl.Date,
            "price": pl.Float64,
            "price_unit": pl.String,
            "quantity": pl.Float64,
            "registered": pl.Date,
        },
        orient="row",
    )


GRANTS = grants(
    # Aalborg's own citizen at Birken all of January and February
    ("851", "G1", "C1", "BIRK", D(2026, 1, 1), D(2026, 2, 28), 3000.0, "day", 1.0, None),
    # Hjørring buys two places at Birken from 16 January, open-ended
    ("813", "G2", "C2", "BIRK", D(2026, 1, 16), None, 3000.0, "day", 2.0, None),
    # Hjørring buys a place at the region's Kvisten for 2026, priced per month
    ("813", "G3", "C3", "KVIST", D(2026, 1, 1), D(2026, 12, 31), 120_000.0, "month", 1.0, None),
    # an hourly grant at Birken fills no place
    ("813", "G4", "C4", "BIRK", D(2026, 1, 1), None, 500.0, "hour", 10.0, None),
    # Aalborg's citizen at the region's Kvisten since June 2025
    ("851", "G5", "C5", "KVIST", D(2025, 6, 1), None, 4000.0, "day", 1.0, None),
)


def test_the_register_names_each_offer_s_operator_once():
    register = offers(PROVIDERS)
    got = dict(zip(register["offer_id"], register["operator"], strict=True))
    assert got == {"BIRK": "851", "EGEN": "851", "KVIST": "region"}
    # the operating municipality's own registration wins
    assert register.filter(pl.col("offer_id") == "BIRK")["name"].item() == "Birken"


def test_monthly_occupancy():
    out = monthly_occupancy(GRANTS, offers(PROVIDERS), 2026)
    birk = out.filter(pl.col("offer_id") == "BIRK").sort("month")
    jan = birk.row(0, named=True)
    # January: G1 31 days + G2 2 × 16 days = 63 of 10 × 31 place-days
    assert jan["occupied_days"] == 63.0 and jan["place_days"] == 310.0
    assert jan["occupancy"] == pytest.approx(63 / 310)
    feb = birk.row(1, named=True)
    assert feb["occupancy"] == pytest.approx((28 + 2 * 28) / 280)
    kvist = out.filter(pl.col("offer_id") == "KVIST").sort("month")
    # places end 30 September: October has no place-days, so no occupancy
    assert kvist.filter(pl.col("month") == 10)["place_days"].item() == 0.0
    assert kvist.filter(pl.col("month") == 10)["occupancy"].item() is None
    assert kvist.filter(pl.col("month") == 3)["occupancy"].item() == pytest.approx(
        2 * 31 / (4 * 31)
    )


def test_sales_and_purchases_between_municipalities():
    t = trades(GRANTS, offers(PROVIDERS), 2026)
    rows = {(r["buyer"], r["seller"], r["offer_id"]): r["amount"] for r in t.iter_rows(named=True)}
    # The amount is the grant's own cost in the year (spec: "its cost in the year is the
    # amount"), not the offer's tariff: G3 is sold at its 120.000 a month, Kvisten's tariff
    # being 4.000 a day. G2: 2 × 3.000 × 350 days (16 Jan – 31 Dec); G4: 10 h a week × 500
    # × 365 / 7
    assert rows[("813", "851", "BIRK")] == pytest.approx(2 * 3000 * 350 + 10 * 500 * 365 / 7)
    assert rows[("813", "region", "KVIST")] == pytest.approx(12 * 120_000)
    assert rows[("851", "region", "KVIST")] == pytest.approx(365 * 4000)
    assert ("851", "851", "BIRK") not in rows  # an own citizen at an own offer is no trade
    matrix = sales_matrix(t)
    assert matrix.height == 3
    view = municipality_view(t, "851")
    assert view["sales"]["buyer"].to_list() == ["813"]
    assert view["purchases"]["seller"].to_list() == ["region"]
    net = dict(
        zip(*balances(t).select("party", "net").to_dict(as_series=False).values(), strict=True)
    )
    assert net["region"] == pytest.approx(12 * 120_000 + 365 * 4000)
    assert net["851"] == pytest.approx(rows[("813", "851", "BIRK")] - 365 * 4000)


def test_period_occupancy_over_twelve_months():
    out = period_occupancy(GRANTS, offers(PROVIDERS), D(2026, 1, 1), D(2026, 12, 31))
    egen = out.filter(pl.col("offer_id") == "EGEN").row(0, named=True)
    assert egen["occupancy"] == 0.0 and egen["place_days"] == 5 * 365


def test_at_risk_with_reasons():
    accounts = account_rows(
        ("BIRK", 2024, 1_000_000.0, 940_000.0, 1_000_000.0),
        ("BIRK", 2025, 1_000_000.0, 980_000.0, 1_000_000.0),
        ("EGEN", 2025, 1_000_000.0, 990_000.0, 1_000_000.0),
    )
    out = at_risk(
        GRANTS, offers(PROVIDERS), settlements(accounts, NORDJYLLAND), NORDJYLLAND, D(2026, 6, 30)
    )
    reasons = {(r["offer_id"], r["reason"]) for r in out.iter_rows(named=True)}
    assert ("BIRK", "deficit") in reasons  # −80.000 of a 1.000.000 budget: 8 % > 5 %
    assert ("EGEN", "deficit") not in reasons  # 1 %
    assert ("EGEN", "low_occupancy") in reasons  # nobody there
    assert ("KVIST", "capacity_fall") in reasons  # places end 30-09-2026
    birk_deficit = out.filter((pl.col("offer_id") == "BIRK") & (pl.col("reason") == "deficit"))
    assert birk_deficit["value"].item() == pytest.approx(8.0)
    kvist = out.filter(pl.col("offer_id") == "KVIST")
    assert kvist["reason"].to_list() == ["low_occupancy", "capacity_fall"]  # 2 of 4 places
    assert set(kvist["name"]) == {"Kvisten"}


def test_supply_and_demand_per_target_group():
    out = supply_and_demand(
        GRANTS, offers(PROVIDERS), ["851", "813"], 2026, ("spiseforstyrrelser",), years=2
    )
    rows = {(r["target_group"], r["year"]): r for r in out.iter_rows(named=True)}
    assert rows[("selvskade", 2026)]["supply"] == 15  # Birken 10 + Egen bolig 5
    assert rows[("selvskade", 2026)]["demand_inside"] == 2  # C1, C2; the hourly C4 fills no place
    assert rows[("spiseforstyrrelser", 2026)]["demand_inside"] == 2  # C3, C5
    assert rows[("spiseforstyrrelser", 2025)]["demand_inside"] == 1  # C5 from June 2025
    assert rows[("spiseforstyrrelser", 2026)]["central_announcement"] is True
    assert rows[("selvskade", 2026)]["central_announcement"] is False


def test_bring_home_candidates_with_their_yearly_saving():
    home = grants(
        ("851", "G9", "C9", "BIRK2", D(2026, 1, 1), None, 2500.0, "day", 1.0, None),
        ("851", "G8", "C8", "KVIST", D(2026, 1, 1), None, 4000.0, "day", 1.0, None),
    )
    providers = pl.concat(
        [
            PROVIDERS,
            pl.DataFrame(
                {
                    "municipality": ["851"],
                    "provider_id": ["BIRK2"],
                    "name": ["Privat opholdssted"],
                    "provider_type": ["private"],
                    "municipality_code": [None],
                    "capacity": [6],
                    "target_group": ["selvskade"],
                    "tariff": [2500.0],
                    "tariff_unit": ["day"],
                    "capacity_from": [None],
                    "capacity_to": [None],
                },
                schema=PROVIDERS.schema,
            ),
        ]
    )
    out = bring_home(home, offers(providers), D(2026, 3, 1))
    # C9 at a private offer of the group selvskade; Aalborg's own Egen bolig (1.000 a day,
    # 5 free) is cheaper than its own Birken (3.000): saving (2.500 − 1.000) × 365
    assert out["citizen_id"].to_list() == ["C9"]
    row = out.row(0, named=True)
    assert row["own_offer_id"] == "EGEN"
    assert row["saving"] == pytest.approx((2500 - 1000) * 365)
    # C8's group (spiseforstyrrelser) has no own offer: not a candidate


def test_bring_home_prices_the_own_offer_at_its_computed_tariff_of_the_year():
    """Where the agreement's tariff of the year is known (tilbudsøkonomi), it replaces the
    providers file's takst: Egen bolig at 2.000 a day, not 1.000."""
    from socialstyring.core.regional import with_computed_tariffs

    home = grants(("851", "G9", "C9", "KVIST", D(2026, 1, 1), None, 2500.0, "day", 1.0, None))
    register = offers(PROVIDERS).with_columns(
        pl.when(pl.col("offer_id") == "KVIST")
        .then(pl.lit("selvskade"))
        .otherwise(pl.col("target_group"))
        .alias("target_group")
    )
    computed = pl.DataFrame(
        {
            "offer_id": ["EGEN", "EGEN"],
            "year": [2025, 2026],
            "tariff": [1500.0, 2000.0],
            "tariff_unit": ["day", "day"],
        }
    )
    priced = with_computed_tariffs(register, computed, 2026)
    assert priced.filter(pl.col("offer_id") == "BIRK")["tariff"].item() == 3000.0  # no basis
    row = bring_home(home, priced, D(2026, 3, 1)).row(0, named=True)
    assert row["own_offer_id"] == "EGEN"
    assert row["saving"] == pytest.approx((2500 - 2000) * 365)

"""Tariffs by the agreement's rule, with the spec's worked example."""

from __future__ import annotations

from dataclasses import replace

import polars as pl
import pytest

from socialstyring.core.regional import settlements, tariffs, with_adjustments
from tests.core.regional.frames import (
    HOVEDSTADEN,
    NORDJYLLAND,
    account_rows,
    budget_rows,
    worked_budget,
)


def test_worked_example_2563_74_a_day():
    row = tariffs(worked_budget(), NORDJYLLAND).row(0, named=True)
    assert row["cost_base"] == pytest.approx(10_780_000.0, abs=1e-6)
    assert row["occupancy"] == pytest.approx(0.96)
    assert row["units"] == 365
    assert row["tariff"] == 2563.74
    assert row["tariff_unit"] == "day"
    assert row["overhead_pct"] == 6.0


def test_leap_year_has_366_days():
    frame = budget_rows(
        {
            "offer_id": "L",
            "year": 2028,
            "places": 10,
            "direct_costs": 3_000_000.0,
            "occupancy_1": 90.0,
            "occupancy_2": 94.0,
        }
    )
    row = tariffs(frame, HOVEDSTADEN).row(0, named=True)
    assert row["units"] == 366
    # 3.180.000 / (10 × 366 × 0,92) = 944,4045… → 944,40
    assert row["tariff"] == 944.40
    assert row["occupancy"] == pytest.approx(0.92)


def test_monthly_tariff_has_twelve_units_and_occupancy_is_capped_at_100():
    frame = budget_rows(
        {
            "offer_id": "M",
            "year": 2026,
            "places": 5,
            "direct_costs": 1_200_000.0,
            "overhead_pct": 0.0,
            "occupancy_1": 104.0,
            "occupancy_2": 100.0,
            "tariff_unit": "month",
        },
        {
            "offer_id": "E",
            "year": 2026,
            "places": 2,
            "direct_costs": 100_000.0,
            "overhead_pct": 0.0,
            "occupancy_1": 50.0,
            "occupancy_2": 50.0,
            "expected_occupancy": 120.0,
        },
    )
    by_offer = {r["offer_id"]: r for r in tariffs(frame, HOVEDSTADEN).iter_rows(named=True)}
    assert by_offer["M"]["units"] == 12
    assert by_offer["M"]["occupancy"] == 1.0  # (104 + 100) / 2 = 102 → 100 %
    assert by_offer["M"]["tariff"] == 20_000.0  # 1.200.000 / (5 × 12 × 1)
    assert by_offer["E"]["occupancy"] == 1.0  # the expected 120 % → 100 %
    assert by_offer["E"]["tariff"] == round(100_000 / (2 * 365), 2)


def test_overhead_above_the_ceiling_is_marked_not_capped():
    frame = budget_rows(
        {
            "offer_id": "O",
            "year": 2026,
            "places": 1,
            "direct_costs": 1_000_000.0,
            "overhead_pct": 8.0,
            "expected_occupancy": 100.0,
        }
    )
    row = tariffs(frame, HOVEDSTADEN).row(0, named=True)
    assert row["cost_base"] == pytest.approx(1_080_000.0)
    assert row["overhead_above_ceiling"] is True
    higher = replace(HOVEDSTADEN, overhead_ceiling_pct=8)
    assert tariffs(frame, higher).row(0, named=True)["overhead_above_ceiling"] is False


def test_sorted_by_offer_then_year():
    rows = [
        {"offer_id": o, "year": y, "places": 1, "direct_costs": 1.0, "expected_occupancy": 100.0}
        for o, y in (("B", 2026), ("A", 2027), ("A", 2026))
    ]
    out = tariffs(budget_rows(*rows), HOVEDSTADEN)
    assert out.select("offer_id", "year").rows() == [("A", 2026), ("A", 2027), ("B", 2026)]


def test_a_settlement_feeds_the_tariff_two_years_later_unless_the_file_gives_one():
    accounts = account_rows(("T-1", 2024, 8_000_000.0, 8_418_000.0, 7_648_000.0))
    settled = settlements(accounts, NORDJYLLAND)
    base = {"places": 12, "direct_costs": 10_000_000.0, "depreciation": 400_000.0}
    base |= {"interest": 150_000.0, "expected_occupancy": 96.0}
    budgets = budget_rows(
        {"offer_id": "T-1", "year": 2026, **base},
        {"offer_id": "T-1", "year": 2027, **base},
    )
    adjusted = with_adjustments(budgets, settled)
    assert adjusted.sort("year")["adjustment"].to_list() == [370_000.0, None]
    assert tariffs(adjusted, NORDJYLLAND).filter(pl.col("year") == 2026)["tariff"].item() == 2563.74
    given = with_adjustments(budgets.with_columns(pl.lit(0.0).alias("adjustment")), settled)
    assert given["adjustment"].to_list() == [0.0, 0.0]

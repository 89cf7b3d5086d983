"""The settlement of surplus and deficit under both shipped agreements."""

from __future__ import annotations

import pytest

from socialstyring.core.regional import settlements
from tests.core.regional.frames import HOVEDSTADEN, NORDJYLLAND, account_rows


def _one(agreement, budget, income, costs, year=2024):
    frame = account_rows(("T", year, budget, income, costs))
    return settlements(frame, agreement).row(0, named=True)


def test_nordjylland_worked_example():
    row = _one(NORDJYLLAND, 8_000_000.0, 8_418_000.0, 7_648_000.0)
    assert row["result"] == 770_000.0
    assert row["result_pct"] == pytest.approx(9.625)
    assert row["carried_next_year"] == 0.0
    assert row["set_aside"] == 400_000.0
    assert row["set_aside_until"] == 2029
    assert row["into_tariff"] == 370_000.0
    assert row["into_tariff_year"] == 2026


def test_hovedstaden_carries_the_band_and_sends_the_rest():
    row = _one(HOVEDSTADEN, 8_000_000.0, 8_418_000.0, 7_648_000.0)
    assert (row["carried_next_year"], row["set_aside"], row["into_tariff"]) == (
        400_000.0,
        0.0,
        370_000.0,
    )
    assert row["set_aside_until"] is None
    assert row["into_tariff_year"] == 2026


@pytest.mark.parametrize("agreement", [HOVEDSTADEN, NORDJYLLAND])
def test_a_deficit_within_the_band_is_carried_and_its_parts_are_negative(agreement):
    row = _one(agreement, 1_000_000.0, 960_000.0, 1_000_000.0)
    assert row["result"] == -40_000.0
    assert row["carried_next_year"] == -40_000.0
    assert row["set_aside"] == 0.0
    assert row["into_tariff"] == 0.0
    assert row["into_tariff_year"] is None and row["set_aside_until"] is None


@pytest.mark.parametrize("agreement", [HOVEDSTADEN, NORDJYLLAND])
def test_a_large_deficit_is_recovered_through_the_tariff(agreement):
    row = _one(agreement, 1_000_000.0, 800_000.0, 1_000_000.0, year=2025)
    assert row["carried_next_year"] == -50_000.0
    assert row["into_tariff"] == -150_000.0
    assert row["into_tariff_year"] == 2027


def test_exactly_five_percent_is_within_the_band():
    row = _one(HOVEDSTADEN, 1_000_000.0, 1_050_000.0, 1_000_000.0)
    assert row["carried_next_year"] == 50_000.0 and row["into_tariff"] == 0.0
    row = _one(NORDJYLLAND, 1_000_000.0, 1_050_000.0, 1_000_000.0)
    assert row["set_aside"] == 50_000.0 and row["into_tariff"] == 0.0
    row = _one(NORDJYLLAND, 1_000_000.0, 950_000.0, 1_000_000.0)
    assert row["carried_next_year"] == -50_000.0 and row["into_tariff"] == 0.0


def test_parts_add_up_to_the_result_without_remainder():
    frame = account_rows(
        *(
            (f"T{i}", 2020 + i % 5, 1_234_567.0 + i, 1_300_000.0 - 7 * i, 1_250_000.0)
            for i in range(50)
        )
    )
    for agreement in (HOVEDSTADEN, NORDJYLLAND):
        out = settlements(frame, agreement)
        total = out["carried_next_year"] + out["set_aside"] + out["into_tariff"]
        assert (total - out["result"]).abs().max() < 1e-6


def test_zero_result_has_no_years():
    row = _one(NORDJYLLAND, 1_000_000.0, 1_000_000.0, 1_000_000.0)
    assert row["result"] == 0.0
    assert row["set_aside_until"] is None and row["into_tariff_year"] is None

"""Business cases (docs/economics.md): the spec's check and a discounted case by hand."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from socialstyring.core.business_case import DEFAULT_RATE, business_case, expected_savings

MIO = 1_000_000.0


def test_the_specs_check_at_no_discount():
    case = business_case([MIO, MIO, MIO], [MIO, 1.5 * MIO, 2 * MIO], rate=0.0, first_year=2024)
    assert case.npv == pytest.approx(1.5 * MIO)
    assert case.break_even == 0 and case.break_even_year == 2024
    assert case.return_per_krone == pytest.approx(1.50)
    assert case.years["net"].to_list() == pytest.approx([0.0, 0.5 * MIO, MIO])


def test_a_discounted_case_by_hand():
    # r = 10 %: nets -100, 50, 80 → -100 + 50/1.1 + 80/1.21 = 11.57…
    case = business_case([200, 50, 20], [100, 100, 100], rate=0.10)
    assert case.npv == pytest.approx(-100 + 50 / 1.1 + 80 / 1.21)
    # Cumulative: -100, -54.55, +11.57 → break-even in the third year (t = 2).
    assert case.break_even == 2
    saved = 100 + 100 / 1.1 + 100 / 1.21
    spent = 200 + 50 / 1.1 + 20 / 1.21
    assert case.return_per_krone == pytest.approx(saved / spent)


def test_never_breaking_even_and_no_cost():
    assert business_case([100, 100], [10, 10]).break_even is None
    free = business_case([], [5, 5])
    assert free.return_per_krone is None and free.break_even == 0


def test_the_default_rate_is_three_and_a_half_percent():
    case = business_case([0, 0], [0, 103.5])
    assert DEFAULT_RATE == 0.035 and case.npv == pytest.approx(100.0)


def test_expected_savings_from_a_cohort_and_an_assumed_effect():
    day = dt.date(2026, 1, 1)
    cohort = pl.DataFrame(
        {
            "start": [dt.date(2025, 1, 1)] * 2,
            "end": [None, None],
            "registered": [None, None],
            "price": [700.0, 1_000.0],
            "quantity": [7.0, 1.0],
            "price_unit": ["hour", "day"],
        },
        schema_overrides={"end": pl.Date, "registered": pl.Date},
    )
    hours_rate = 700 * 7 * 365 / 7
    day_rate = 1_000 * 365
    savings = expected_savings(cohort, day, share_closed=0.1, hours_reduced_pct=50, horizon=2)
    want = 0.1 * (hours_rate + day_rate) + 0.9 * hours_rate * 0.5
    assert savings == pytest.approx([want, want])

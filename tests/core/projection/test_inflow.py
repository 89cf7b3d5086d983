"""Inflow on arrival processes with known answers."""

import datetime as dt

import numpy as np
import polars as pl
import pytest

from socialstyring.core.projection import project
from socialstyring.core.projection.inflow import estimate_inflow, same_cut
from tests.helpers.projection import as_exported, process

YEAR, AS_OF = 2025, dt.date(2025, 5, 31)
REST = (dt.date(YEAR, 12, 31) - AS_OF).days  # 214 days, June to December


def _constant_arrivals(per_day: int, days: int) -> pl.DataFrame:
    """Exactly ``per_day`` grants start every day, each for ``days`` days at 100 kr. a day."""
    starts = pl.date_range(dt.date(2020, 1, 1), dt.date(2025, 12, 31), eager=True)
    starts = pl.concat([starts] * per_day).sort()
    return pl.DataFrame(
        {
            "account": "5.28.20",
            "paragraph": "§ 52",
            "start": starts,
            "price": 100.0,
            "quantity": 1.0,
            "price_unit": "day",
        }
    ).with_columns(
        pl.col("start").alias("registered"),
        (pl.col("start") + pl.duration(days=days - 1)).alias("end"),
    )


def test_a_constant_arrival_rate_gives_exactly_the_cost_of_the_grants_to_come():
    grants = _constant_arrivals(per_day=3, days=30)
    known = grants.filter(pl.col("registered") <= AS_OF)
    estimate = estimate_inflow(known, YEAR, AS_OF, "account")
    # Grants starting on each day after the cut cost 100 kr. a day up to 30 days or 31 December.
    left = np.arange(REST, 0, -1)
    truth = 3 * 100.0 * np.minimum(30, left).sum()
    assert estimate.years == [2024, 2023, 2022, 2021]
    assert estimate.total == pytest.approx(truth, abs=1.0)
    assert estimate.groups["inflow"].to_list() == pytest.approx([truth], abs=1.0)
    # And it is what the grants registered after the cut really cost in the rest of the year.
    future = grants.filter(pl.col("registered") > AS_OF)
    from socialstyring.core.costs import cost_expr

    real = future.select(cost_expr(dt.date(2025, 6, 1), dt.date(2025, 12, 31)).sum()).item()
    assert estimate.total == pytest.approx(real, abs=1.0)


def test_the_trend_scales_the_past_years():
    """Arrivals grow by a fifth a year: each past year is lifted to today's level."""
    rng = np.random.default_rng(8)
    first = dt.date(2020, 1, 1)
    grants = process(
        rng, first=first, last=dt.date(2025, 12, 31), per_day=4.0, mean_days=90.0, growth=1.2
    )
    estimate = estimate_inflow(as_exported(grants, AS_OF), YEAR, AS_OF, "account")
    rest = np.arange(1, REST + 1)  # days after the cut
    rate = 4.0 * 1.2 ** (((AS_OF - first).days + rest) / 365.0)
    q = np.exp(-1 / 90.0)
    truth = (rate * 100.0 * (1 - q ** (REST - rest + 1)) / (1 - q)).sum()
    assert estimate.total == pytest.approx(truth, rel=0.05)
    # Without the trend the past years would say about a third less.
    unscaled = truth / 1.2**2.5
    assert abs(estimate.total - truth) < abs(unscaled - truth) / 4


def test_a_poisson_arrival_rate_with_exponential_durations():
    rng = np.random.default_rng(3)
    grants = process(
        rng, first=dt.date(2020, 1, 1), last=dt.date(2025, 12, 31), per_day=3.0, mean_days=120.0
    )
    known = as_exported(grants, AS_OF)
    estimate = estimate_inflow(known, YEAR, AS_OF, "account")
    # E[min(T, n)] = Σ_{j<n} e^{-j/μ} for the whole-day exponential duration T.
    n = np.arange(REST, 0, -1)
    q = np.exp(-1 / 120.0)
    truth = 3.0 * 100.0 * ((1 - q**n) / (1 - q)).sum()
    assert estimate.total == pytest.approx(truth, rel=0.08)


def test_no_history_no_inflow_and_nothing_left_of_the_year():
    grants = _constant_arrivals(per_day=1, days=30).filter(pl.col("start") >= dt.date(2025, 1, 1))
    known = grants.filter(pl.col("registered") <= AS_OF)
    assert estimate_inflow(known, YEAR, AS_OF, "account").total == 0.0
    table = project(grants, None, None, year=YEAR, as_of=dt.date(2025, 12, 31)).table
    assert table["inflow"].to_list() == [0.0]


def test_the_same_cut_in_a_leap_year():
    assert same_cut(dt.date(2024, 2, 29), 1) == dt.date(2023, 2, 28)
    assert same_cut(dt.date(2025, 5, 31), 2) == dt.date(2023, 5, 31)


def test_an_export_of_grants_active_since_a_day_learns_only_from_complete_years():
    """Ended grants before 2023 left out (an export of grants active since 1 January 2023):
    the years before would count too few new grants, so only 2023 and 2024 are used."""
    grants = _constant_arrivals(per_day=3, days=30)
    active = grants.filter(pl.col("end") >= dt.date(2023, 1, 1))
    # A placement running since 2015 makes the data seem to begin long ago.
    old = active.head(1).with_columns(
        pl.lit(dt.date(2015, 3, 1)).alias("start"),
        pl.lit(dt.date(2015, 3, 1)).alias("registered"),
        pl.lit(None, dtype=pl.Date).alias("end"),
        pl.lit("5.28.23").alias("account"),
    )
    known = pl.concat([active, old]).filter(pl.col("registered") <= AS_OF)
    estimate = estimate_inflow(known, YEAR, AS_OF, "account")
    assert estimate.years == [2024, 2023]
    truth = 3 * 100.0 * np.minimum(30, np.arange(REST, 0, -1)).sum()
    assert estimate.total == pytest.approx(truth, abs=1.0)

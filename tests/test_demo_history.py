"""The demo's five years of history have the season and trend ``demo/history.py`` declares."""

import datetime as dt

import numpy as np
import polars as pl

from socialstyring.demo.days import day_number
from socialstyring.demo.generator import generate
from socialstyring.demo.history import SEASON, arrival_weights, start_days


def test_start_days_follow_the_weights():
    first, last = day_number(dt.date(2021, 1, 1)), day_number(dt.date(2025, 12, 31))
    days = start_days(np.random.default_rng(1).random(400_000), first, last)
    assert days.min() >= first and days.max() <= last
    counts = np.bincount(days - first, minlength=last - first + 1)
    weights = arrival_weights(first, last)
    expected = weights / weights.sum() * days.size
    # Month by month the drawn counts match the weights within a few per cent.
    month = np.array(
        pl.date_range(dt.date(2021, 1, 1), dt.date(2025, 12, 31), eager=True).dt.month()
    )
    for m in range(1, 13):
        drawn, wanted = counts[month == m].sum(), expected[month == m].sum()
        assert abs(drawn / wanted - 1) < 0.03, m


def test_the_demo_has_a_season_and_grows():
    grants = generate().grants.filter(pl.col("start") < dt.date(2026, 1, 1))
    by_month = grants.group_by(pl.col("start").dt.month().alias("m")).len().sort("m")["len"]
    july, september = by_month[6], by_month[8]
    assert september > 1.6 * july  # SEASON: 1,30 against 0,55
    assert SEASON.argmin() == 6
    by_year = grants.group_by(pl.col("start").dt.year().alias("y")).len().sort("y")["len"]
    assert by_year[-1] > by_year[1]  # more grants in recent years

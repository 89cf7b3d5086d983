"""Synthetic grant processes with known answers: Poisson arrivals, exponential durations."""

from __future__ import annotations

import datetime as dt

import numpy as np
import polars as pl

EPOCH = dt.date(1970, 1, 1)


def day(d: dt.date) -> int:
    return (d - EPOCH).days


def process(
    rng: np.random.Generator,
    *,
    first: dt.date,
    last: dt.date,
    per_day: float,
    mean_days: float,
    price: float = 100.0,
    accounts: tuple[str, ...] = ("5.28.20",),
    season: np.ndarray | None = None,
    growth: float = 1.0,
) -> pl.DataFrame:
    """Grants arriving as a Poisson process from ``first`` to ``last`` (rate ``per_day``,
    times ``season[month - 1]`` when given, and ``growth`` per year), priced per day, with
    exponential durations of mean ``mean_days``; ``true_end`` is each grant's real last day."""
    days = np.arange(day(first), day(last) + 1)
    rate = per_day * growth ** ((days - days[0]) / 365.0)
    if season is not None:
        months = days.astype("datetime64[D]").astype("datetime64[M]").astype(np.int64) % 12
        rate = rate * season[months]
    counts = rng.poisson(rate)
    start = np.repeat(days, counts)
    duration = np.maximum(1, np.ceil(rng.exponential(mean_days, start.size))).astype(np.int64)
    n = start.size
    return pl.DataFrame(
        {
            "grant_id": [f"G{i}" for i in range(n)],
            "account": np.array(accounts)[rng.integers(0, len(accounts), n)],
            "paragraph": ["§ 52"] * n,
            "start": (start).astype("datetime64[D]"),
            "true_end": (start + duration - 1).astype("datetime64[D]"),
            "price": np.full(n, price),
            "quantity": np.ones(n),
            "price_unit": ["day"] * n,
        }
    ).with_columns(pl.col("start").alias("registered"), pl.col("start", "true_end").cast(pl.Date))


def as_exported(grants: pl.DataFrame, as_of: dt.date) -> pl.DataFrame:
    """The export on ``as_of``: grants registered by then; ended ones carry their end, the
    running ones are open-ended (no end date yet)."""
    known = grants.filter(pl.col("registered") <= as_of)
    return known.with_columns(
        pl.when(pl.col("true_end") <= as_of).then(pl.col("true_end")).alias("end")
    ).drop("true_end")


def outcome(grants: pl.DataFrame, year: int, by: str | None = None) -> pl.DataFrame | float:
    """The true cost of every grant in ``year`` (per ``by`` when given)."""
    from socialstyring.core.costs import cost_expr

    priced = grants.with_columns(pl.col("true_end").alias("end")).with_columns(
        cost_expr(dt.date(year, 1, 1), dt.date(year, 12, 31)).alias("cost")
    )
    if by is None:
        return float(priced["cost"].sum())
    return priced.group_by(by).agg(pl.col("cost").sum())

"""The cost of grants over a period, exactly as docs/forecast.md describes it.

Everything is a polars expression, so one call prices a million grants at once
and the same rule serves the forecast, the monthly profile and every drill-down.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import polars as pl

DateLike = dt.date | pl.Expr

# The grant fields the cost rule reads: a frame priced by it needs these columns.
COST_INPUTS = ("start", "end", "price", "quantity", "price_unit")


def as_date_expr(value: DateLike) -> pl.Expr:
    return value if isinstance(value, pl.Expr) else pl.lit(value, dtype=pl.Date)


def _days_in_year(d: pl.Expr) -> pl.Expr:
    return pl.when(d.dt.is_leap_year()).then(366).otherwise(365)


def _month_index(d: pl.Expr) -> pl.Expr:
    return d.dt.year().cast(pl.Int32) * 12 + d.dt.month().cast(pl.Int32)


def _months_covered(s: pl.Expr, e: pl.Expr) -> pl.Expr:
    """Sum over calendar months touched by [s, e] of covered days / days in month."""
    same_month = _month_index(s) == _month_index(e)
    dim_s = s.dt.days_in_month().cast(pl.Float64)
    dim_e = e.dt.days_in_month().cast(pl.Float64)
    inner = (e - s).dt.total_days().cast(pl.Float64) + 1.0
    first = (dim_s - s.dt.day().cast(pl.Float64) + 1.0) / dim_s
    last = e.dt.day().cast(pl.Float64) / dim_e
    between = (_month_index(e) - _month_index(s) - 1).cast(pl.Float64)
    return pl.when(same_month).then(inner / dim_s).otherwise(first + between + last)


def _years_covered(s: pl.Expr, e: pl.Expr) -> pl.Expr:
    """Sum over calendar years touched by [s, e] of covered days / days in year."""
    same_year = s.dt.year() == e.dt.year()
    diy_s = _days_in_year(s).cast(pl.Float64)
    diy_e = _days_in_year(e).cast(pl.Float64)
    inner = (e - s).dt.total_days().cast(pl.Float64) + 1.0
    first = (diy_s - s.dt.ordinal_day().cast(pl.Float64) + 1.0) / diy_s
    last = e.dt.ordinal_day().cast(pl.Float64) / diy_e
    between = (e.dt.year() - s.dt.year() - 1).cast(pl.Float64)
    return pl.when(same_year).then(inner / diy_s).otherwise(first + between + last)


def _period(first: DateLike, last: DateLike) -> tuple[pl.Expr, pl.Expr, pl.Expr, pl.Expr]:
    """The covered span ``s``–``e`` of [first, last], its days, and price × quantity."""
    a, b = as_date_expr(first), as_date_expr(last)
    s = pl.max_horizontal(a, pl.col("start"))
    e = pl.min_horizontal(b, pl.col("end").fill_null(b))
    days = (e - s).dt.total_days().cast(pl.Float64) + 1.0
    return s, e, days, pl.col("price") * pl.col("quantity")


# The cost of a periodic grant over its covered span, per price unit: one table that both
# ``cost_expr`` (a when/then chain) and ``costs_by_unit`` (a part per unit) are built from.
_PERIODIC = {
    "day": lambda p, s, e, days: p * days,
    "week": lambda p, s, e, days: p * days / 7.0,
    "hour": lambda p, s, e, days: p * days / 7.0,
    "month": lambda p, s, e, days: p * _months_covered(s, e),
    "year": lambda p, s, e, days: p * _years_covered(s, e),
}


def _unit_cost(unit: str, first: DateLike, last: DateLike) -> pl.Expr:
    """The cost over [first, last] of grants that all have the price unit ``unit``."""
    a, b = as_date_expr(first), as_date_expr(last)
    s, e, days, p = _period(first, last)
    start = pl.col("start")
    if unit == "once":
        return pl.when((start >= a) & (start <= b)).then(p).otherwise(0.0).cast(pl.Float64)
    return pl.when(e >= s).then(_PERIODIC[unit](p, s, e, days)).otherwise(0.0).cast(pl.Float64)


def cost_expr(first: DateLike, last: DateLike) -> pl.Expr:
    """Cost of each grant row over the closed period [first, last].

    Expects the grant columns ``start``, ``end`` (null = open-ended), ``price``,
    ``quantity`` and ``price_unit``. ``first``/``last`` may be dates or per-row
    date expressions (used by the monthly profile).
    """
    a, b = as_date_expr(first), as_date_expr(last)
    s, e, days, p = _period(first, last)
    start = pl.col("start")
    unit = pl.col("price_unit")
    periodic = (
        pl.when(unit == "day")
        .then(_PERIODIC["day"](p, s, e, days))
        .when(unit.is_in(["week", "hour"]))
        .then(_PERIODIC["week"](p, s, e, days))
        .when(unit == "month")
        .then(_PERIODIC["month"](p, s, e, days))
        .when(unit == "year")
        .then(_PERIODIC["year"](p, s, e, days))
        .otherwise(0.0)
    )
    once = pl.when((start >= a) & (start <= b)).then(p).otherwise(0.0)
    return (
        pl.when(unit == "once")
        .then(once)
        .when(e >= s)
        .then(periodic)
        .otherwise(0.0)
        .cast(pl.Float64)
    )


def costs_by_unit(
    grants: pl.LazyFrame, periods: Mapping[str, tuple[DateLike, DateLike]]
) -> pl.LazyFrame:
    """``grants`` with a cost column per named period, the same figures as
    :func:`cost_expr`, but each price unit's rows priced by their own formula only (a
    when/then chain computes every branch for every row: the month and year fractions for
    a million day-priced grants). The rows come back grouped by unit, not in their order."""
    unit = pl.col("price_unit")
    known = [*_PERIODIC, "once"]
    parts = [
        grants.filter(unit == name).with_columns(
            _unit_cost(name, first, last).alias(column) for column, (first, last) in periods.items()
        )
        for name in known
    ]
    other = grants.filter(unit.is_null() | ~unit.is_in(known))
    parts.append(other.with_columns(pl.lit(0.0).alias(column) for column in periods))
    return pl.concat(parts, how="vertical")


def grant_costs(grants: pl.DataFrame, first: dt.date, last: dt.date) -> pl.DataFrame:
    """``grants`` with a ``cost`` column for [first, last]."""
    return grants.with_columns(cost_expr(first, last).alias("cost"))


# Units of a year, per price unit: what a year of a grant costs at today's terms.
_UNITS_PER_YEAR = {
    "day": 365.0,
    "week": 365.0 / 7.0,
    "hour": 365.0 / 7.0,
    "month": 12.0,
    "year": 1.0,
}


def active_expr(day: DateLike) -> pl.Expr:
    """Active on ``day`` (docs/casework.md): known, started, not ended, and not a one-off."""
    d = as_date_expr(day)
    known = pl.col("registered").fill_null(pl.col("start")) <= d
    running = (pl.col("start") <= d) & (pl.col("end").is_null() | (pl.col("end") >= d))
    return known & running & (pl.col("price_unit") != "once")


def run_rate_expr(day: DateLike) -> pl.Expr:
    """``price × quantity × units per year`` for a grant active on ``day``, else 0."""
    per_year = pl.col("price_unit").replace_strict(
        _UNITS_PER_YEAR, default=0.0, return_dtype=pl.Float64
    )
    return (
        pl.when(active_expr(day))
        .then(pl.col("price") * pl.col("quantity") * per_year)
        .otherwise(0.0)
        .alias("run_rate")
    )

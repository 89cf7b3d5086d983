"""Which grants a list shows by time: their status as of a day, and whether they touch a
period. Pure polars; the day and the period are arguments."""

from __future__ import annotations

import datetime as dt

import polars as pl


def status_expr(as_of: dt.date) -> pl.Expr:
    """``future`` (starts after ``as_of``), ``ended`` (ended before it) or ``active``."""
    return (
        pl.when(pl.col("start") > as_of)
        .then(pl.lit("future"))
        .when(pl.col("end").is_not_null() & (pl.col("end") < as_of))
        .then(pl.lit("ended"))
        .otherwise(pl.lit("active"))
    )


def touches_period(first: dt.date | None, last: dt.date | None) -> pl.Expr:
    """The grant runs on at least one day of ``first``–``last`` (either end may be open;
    a grant without an end runs on)."""
    condition = pl.lit(True)
    if last is not None:
        condition &= pl.col("start") <= last
    if first is not None:
        condition &= pl.col("end").is_null() | (pl.col("end") >= first)
    return condition

"""The derived grant fields a condition may name, computed for a whole frame at once.

Only the fields a rule set names are computed (the course needs a sort; the rest are
column expressions), so a rule on ``area`` alone costs nothing more than a filter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

import polars as pl

from socialstyring.core.costs import active_expr, cost_expr, run_rate_expr
from socialstyring.core.people import age_on
from socialstyring.core.rules.courses import course_start, months_between

_DERIVED = (
    "known",
    "active",
    "periodic",
    "open_ended",
    "age",
    "cost_this_year",
    "run_rate",
    "course_start",
    "course_months",
    "months_since_review",
)
# Derived fields that need another derived field first.
_NEEDS = {"course_months": ("course_start",)}


def _expression(name: str, as_of: dt.date) -> pl.Expr:
    d = pl.lit(as_of, dtype=pl.Date)
    year = as_of.year
    return {
        "known": pl.col("registered").fill_null(pl.col("start")) <= d,
        "active": active_expr(as_of),
        "periodic": pl.col("price_unit") != "once",
        "open_ended": pl.col("end").is_null(),
        "age": age_on(as_of),
        "cost_this_year": cost_expr(dt.date(year, 1, 1), dt.date(year, 12, 31)),
        "run_rate": run_rate_expr(as_of),
        "course_months": months_between(pl.col("course_start"), as_of),
        "months_since_review": months_between(pl.col("last_review"), as_of),
    }[name]


def cost_this_year(grants: pl.DataFrame, year: int) -> pl.Series:
    """Each grant's cost over the year by the cost rule, priced only for the grants that
    can cost anything in it (the rest cost 0): most of a long history lies outside."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    may_cost = (pl.col("start") <= last) & (pl.col("end").is_null() | (pl.col("end") >= first))
    rows = grants.select(
        pl.arange(0, pl.len(), dtype=pl.UInt32).alias("_row"), may_cost.alias("_m")
    )
    picked = grants.filter(rows["_m"].fill_null(False))
    costs = picked.select(cost_expr(first, last).alias("c"))["c"]
    zeros = pl.repeat(0.0, grants.height, dtype=pl.Float64, eager=True)
    return zeros.scatter(rows.filter(pl.col("_m").fill_null(False))["_row"], costs).alias(
        "cost_this_year"
    )


def with_derived(grants: pl.DataFrame, names: Iterable[str], as_of: dt.date) -> pl.DataFrame:
    """``grants`` with the derived fields among ``names`` added (existing ones kept)."""
    wanted = set(names)
    for name, needs in _NEEDS.items():
        if name in wanted:
            wanted.update(needs)
    frame = grants
    if "last_review" not in frame.columns and "months_since_review" in wanted:
        frame = frame.with_columns(pl.lit(None, dtype=pl.Date).alias("last_review"))
    if "course_start" in wanted and "course_start" not in frame.columns:
        frame = frame.with_columns(course_start(frame, as_of))
    if "cost_this_year" in wanted and "cost_this_year" not in frame.columns:
        frame = frame.with_columns(cost_this_year(frame, as_of.year))
    plain = [
        _expression(n, as_of).alias(n)
        for n in _DERIVED
        if n in wanted and n not in ("course_start", "cost_this_year") and n not in frame.columns
    ]
    return frame.with_columns(plain) if plain else frame


def field_names(conditions: Iterable[object]) -> set[str]:
    """Every field the (possibly nested) conditions name."""
    found: set[str] = set()
    for c in conditions:
        if not isinstance(c, Mapping):
            continue
        if "any" in c:
            found |= field_names(c["any"])
        elif "not" in c:
            found |= field_names([c["not"]])
        elif isinstance(c.get("field"), str):
            found.add(c["field"])
    return found

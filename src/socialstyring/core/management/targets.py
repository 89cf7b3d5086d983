"""The status of an action plan's targets as of a day, computed from their live figures.

A target holds when its figure lies on the right side of its value (``below`` and ``above``
strictly, ``at_most`` and ``at_least`` with the value itself). On or after the target's
date a holding target is *met* and any other *not met*; before it a holding target is *on
track* (the expected figure already meets it) and any other *not met* yet. Without a figure
the status is *unknown*."""

from __future__ import annotations

import datetime as dt

import polars as pl


def holds(direction: pl.Expr, figure: pl.Expr, value: pl.Expr) -> pl.Expr:
    return (
        pl.when(direction == "below")
        .then(figure < value)
        .when(direction == "at_most")
        .then(figure <= value)
        .when(direction == "at_least")
        .then(figure >= value)
        .when(direction == "above")
        .then(figure > value)
    )


def statuses(targets: pl.DataFrame, as_of: dt.date) -> pl.DataFrame:
    """``targets`` (direction, value, due, figure) with ``status``."""
    ok = holds(pl.col("direction"), pl.col("figure"), pl.col("value"))
    reached = pl.col("due") <= pl.lit(as_of, pl.Date)
    status = (
        pl.when(pl.col("figure").is_null() | ok.is_null())
        .then(pl.lit("unknown"))
        .when(ok & reached)
        .then(pl.lit("met"))
        .when(ok)
        .then(pl.lit("on_track"))
        .otherwise(pl.lit("not_met"))
    )
    return targets.with_columns(status.alias("status"))


def status(direction: str, value: float, due: dt.date, figure: float | None, as_of: dt.date) -> str:
    """One target's status (the frame rule on one row)."""
    frame = pl.DataFrame(
        {"direction": [direction], "value": [value], "due": [due], "figure": [figure]},
        schema={"direction": pl.String, "value": pl.Float64, "due": pl.Date, "figure": pl.Float64},
    )
    return str(statuses(frame, as_of)["status"][0])

"""Courses (*forløb*) of a citizen under one paragraph (docs/casework.md).

The citizen's known grants under a paragraph with a periodic price unit, taken in order
of start, form one course as long as each next grant starts at most 31 days after the
latest end so far (open-ended never ends); a longer gap starts a new course. Computed
for the whole frame at once: a sort, a running maximum and a running count per group.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

# Days a grant may start after the course's latest end and still continue it.
MAX_GAP_DAYS = 31
_NEVER = dt.date(9999, 12, 31)


def course_start(grants: pl.DataFrame, as_of: dt.date) -> pl.Series:
    """The start of each grant's course (null for a grant in no course: not known on
    ``as_of``, or a one-off), in the order of ``grants``."""
    known = pl.col("registered").fill_null(pl.col("start")) <= pl.lit(as_of, dtype=pl.Date)
    in_course = known & (pl.col("price_unit") != "once") & pl.col("start").is_not_null()
    group = ["citizen_id", "paragraph"]
    frame = (
        grants.select(*group, "start", "end", in_course.alias("_in"))
        .with_row_index("_row")
        .filter(pl.col("_in"))
        .sort([*group, "start"])
    )
    latest_end = pl.col("end").fill_null(_NEVER).cum_max().shift(1).over(group)
    gap = (pl.col("start") - latest_end).dt.total_days()
    new_course = latest_end.is_null() | (gap > MAX_GAP_DAYS)
    starts = frame.with_columns(new_course.cast(pl.Int32).cum_sum().over(group).alias("_course"))
    starts = starts.with_columns(pl.col("start").min().over([*group, "_course"]).alias("_cs"))
    full = pl.DataFrame({"_row": pl.arange(0, grants.height, eager=True, dtype=pl.UInt32)})
    return full.join(starts.select("_row", "_cs"), on="_row", how="left", maintain_order="left")[
        "_cs"
    ].alias("course_start")


def months_between(first: pl.Expr, day: dt.date) -> pl.Expr:
    """Whole months from ``first`` to ``day``: a month counts once its day is reached."""
    d = pl.lit(day, dtype=pl.Date)
    months = (d.dt.year().cast(pl.Int32) - first.dt.year().cast(pl.Int32)) * 12 + (
        d.dt.month().cast(pl.Int32) - first.dt.month().cast(pl.Int32)
    )
    return months - (d.dt.day() < first.dt.day()).cast(pl.Int32)

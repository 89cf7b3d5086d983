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
_STEP = 10_000_000  # more days than lie between 1970 and 9999-12-31 (2.9 million)


def course_start(
    grants: pl.DataFrame, as_of: dt.date, keys: pl.DataFrame | None = None
) -> pl.Series:
    """The start of each grant's course (null for a grant in no course: not known on
    ``as_of``, or a one-off), in the order of ``grants``. With ``keys`` (``citizen_id``,
    ``paragraph``) only those citizens' courses under those paragraphs are found."""
    known = pl.col("registered").fill_null(pl.col("start")) <= pl.lit(as_of, dtype=pl.Date)
    in_course = known & (pl.col("price_unit") != "once") & pl.col("start").is_not_null()
    group = ["citizen_id", "paragraph"]
    frame = (
        grants.select(*group, "start", "end", in_course.alias("_in"))
        .with_row_index("_row")
        .filter(pl.col("_in"))
    )
    if keys is not None:
        # The paragraph alone first: a cheap filter before the join on two text keys.
        paragraphs = keys["paragraph"].unique().implode()
        frame = frame.filter(pl.col("paragraph").is_in(paragraphs)).join(
            keys, on=group, how="semi", nulls_equal=True
        )
    frame = frame.sort([*group, "start"])
    # Window functions over two string keys run per group and are slow with many small
    # groups; on the sorted frame one global running maximum does the same job when each
    # group's values are lifted above the previous group's (group number × a big step).
    first_of_group = pl.any_horizontal(
        *(pl.col(c).ne_missing(pl.col(c).shift(1)) for c in group)
    ).fill_null(True)
    group_no = first_of_group.cast(pl.Int64).cum_sum()
    end_days = pl.col("end").fill_null(_NEVER).cast(pl.Int64)  # days since 1970
    lifted = (group_no * _STEP + end_days).cum_max()
    latest_end = pl.when(first_of_group).then(None).otherwise(lifted.shift(1) - group_no * _STEP)
    gap = pl.col("start").cast(pl.Int64) - latest_end
    new_course = latest_end.is_null() | (gap > MAX_GAP_DAYS)
    starts = frame.with_columns(
        pl.when(new_course).then(pl.col("start")).otherwise(None).forward_fill().alias("_cs")
    )
    empty = pl.repeat(None, grants.height, dtype=pl.Date, eager=True)
    return empty.scatter(starts["_row"], starts["_cs"]).alias("course_start")


def months_between(first: pl.Expr, day: dt.date) -> pl.Expr:
    """Whole months from ``first`` to ``day``: a month counts once its day is reached."""
    d = pl.lit(day, dtype=pl.Date)
    months = (d.dt.year().cast(pl.Int32) - first.dt.year().cast(pl.Int32)) * 12 + (
        d.dt.month().cast(pl.Int32) - first.dt.month().cast(pl.Int32)
    )
    return months - (d.dt.day() < first.dt.day()).cast(pl.Int32)

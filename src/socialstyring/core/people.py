"""Who a grant belongs to: ages on a day, the 67th birthday, and the refund subject.

Shared by the focus rules (docs/casework.md) and the refunds (docs/refunds.md), so the
two can never disagree on an age or on what counts as one household.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from socialstyring import terms
from socialstyring.core.costs import DateLike, as_date_expr


def age_on(day: DateLike, birth: pl.Expr | None = None) -> pl.Expr:
    """Whole years from ``birth`` (default the ``birth_date`` column) to ``day``; null when
    the birth date is unknown. A 29 February child turns a year older on 1 March in other
    years, because (2, 29) > (2, 28) in the month-day comparison."""
    b = pl.col("birth_date") if birth is None else birth
    d = as_date_expr(day)
    before_birthday = (d.dt.month() < b.dt.month()) | (
        (d.dt.month() == b.dt.month()) & (d.dt.day() < b.dt.day())
    )
    years = d.dt.year().cast(pl.Int32) - b.dt.year().cast(pl.Int32)
    return (years - before_birthday.cast(pl.Int32)).alias("age")


def birthday(birth: pl.Expr, years: int) -> pl.Expr:
    """The day of the ``years``-th birthday; 29 February falls on 1 March in other years."""
    year = birth.dt.year().cast(pl.Int32) + years
    leap_child = (birth.dt.month() == 2) & (birth.dt.day() == 29)
    target_leap = ((year % 4 == 0) & (year % 100 != 0)) | (year % 400 == 0)
    moved = leap_child & ~target_leap
    month = pl.when(moved).then(3).otherwise(birth.dt.month().cast(pl.Int32))
    day = pl.when(moved).then(1).otherwise(birth.dt.day().cast(pl.Int32))
    return pl.date(year, month, day)


def years_before(day: dt.date, years: int) -> dt.date:
    """The same month and day ``years`` earlier; 29 February → 28 February."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def refund_subject() -> pl.Expr:
    """The refund subject of each grant (SEL § 176, BL § 198): in the children's area the
    household (``family_id``, else the citizen alone); in the adults' area the citizen. A
    citizen's own household and the citizen are one subject, so the key is the family id
    when there is one and the citizen id otherwise."""
    household = pl.col("family_id").fill_null(pl.col("citizen_id"))
    return (
        pl.when(pl.col("area") == terms.CHILDREN)
        .then(household)
        .otherwise(pl.col("citizen_id"))
        .alias("subject_id")
    )


def refund_subject_kind() -> pl.Expr:
    """``household`` for the children's area, ``citizen`` for the adults'."""
    return (
        pl.when(pl.col("area") == terms.CHILDREN)
        .then(pl.lit("household"))
        .otherwise(pl.lit("citizen"))
        .alias("kind")
    )

"""A grant's expense in a calendar month for the refund: the cost rule, except that a
one-off grant is spread evenly over the 12 months of the year it starts in."""

from __future__ import annotations

import polars as pl

from socialstyring import terms
from socialstyring.core.costs import DateLike, cost_expr
from socialstyring.core.people import birthday
from socialstyring.core.periods import month_bounds_inclusive

MONTHS = tuple(range(1, 13))
ADULTS = terms.ADULTS


def month_column(month: int) -> str:
    return f"_m{month:02d}"


MONTH_COLUMNS = tuple(month_column(m) for m in MONTHS)


def month_expense(first: DateLike, last: DateLike, year: int | pl.Expr) -> pl.Expr:
    """Expense of each grant over the month [first, last] of ``year`` (dates or per-row
    expressions): one-offs starting in ``year`` add price × quantity / 12."""
    spread = pl.col("price") * pl.col("quantity") / 12.0
    in_year = pl.col("start").dt.year().cast(pl.Int32) == year
    return (
        pl.when(pl.col("price_unit") == "once")
        .then(pl.when(in_year).then(spread).otherwise(0.0))
        .otherwise(cost_expr(first, last))
        .cast(pl.Float64)
    )


def year_months(year: int) -> list[pl.Expr]:
    """The 12 monthly expenses of ``year`` as columns ``_m01`` … ``_m12``."""
    return [
        month_expense(*month_bounds_inclusive(year, m), year).alias(month_column(m)) for m in MONTHS
    ]


def sixty_seventh(birth: pl.Expr) -> pl.Expr:
    return birthday(birth, 67)


def first_month_after_67(birth: pl.Expr, year: int) -> pl.Expr:
    """The first month of ``year`` (1-12) whose first day is on or after the 67th
    birthday; 13 when none is, 1 when all are; null without a birth date."""
    b = sixty_seventh(birth)
    index = b.dt.year().cast(pl.Int32) * 12 + b.dt.month().cast(pl.Int32)
    # The birthday's own month counts only when the birthday is its 1st.
    first = index + pl.when(b.dt.day() == 1).then(0).otherwise(1)
    return (first - year * 12).clip(1, 13).alias("_after_67_from")


def month_before_67(birth: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    """First and last day of the calendar month before the 67th birthday's month."""
    b = sixty_seventh(birth)
    month_first = pl.date(b.dt.year(), b.dt.month(), 1)
    return month_first.dt.offset_by("-1mo"), month_first.dt.offset_by("-1d")

"""A grant's expense in a calendar month for the refund: the cost rule, except that a
one-off grant is spread evenly over the 12 months of the year it starts in."""

from __future__ import annotations

import datetime as dt

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


def in_year(year: int) -> pl.Expr:
    """The grants that can have an expense in ``year``."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    start, end = pl.col("start"), pl.col("end")
    once = pl.col("price_unit") == "once"
    return (
        pl.when(once)
        .then(start.dt.year() == year)
        .otherwise((start <= last) & (end.is_null() | (end >= first)))
    )


def year_months(year: int) -> list[pl.Expr]:
    """The 12 monthly expenses of ``year`` as columns ``_m01`` … ``_m12``.

    The same figures as :func:`month_expense` month by month (a test holds them to it), but
    cheaper: within one calendar month the cost rule is linear in the days covered — a day,
    a seventh of a week, 1/days-in-month of a month, 1/days-in-year of a year — so each
    month is its covered days times a daily rate, integer day arithmetic instead of twelve
    evaluations of the whole rule. Call :func:`rates` first for the helper columns."""
    out = []
    for month in MONTHS:
        first, last = month_bounds_inclusive(year, month)
        a, b = _epoch_day(first), _epoch_day(last)
        days = (pl.min_horizontal(pl.col("_e"), b) - pl.max_horizontal(pl.col("_s"), a) + 1).clip(
            lower_bound=0
        )
        dim = float(b - a + 1)
        rate = pl.col("_daily") + pl.col("_monthly") / dim
        out.append((days * rate + pl.col("_once")).alias(month_column(month)))
    return out


def rates(year: int) -> list[pl.Expr]:
    """Helper columns of :func:`year_months`: the covered span ``_s``–``_e`` of ``year`` as
    epoch days, the daily rate, the monthly price and a one-off's twelfth."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    days_in_year = float((last - first).days + 1)
    p = pl.col("price") * pl.col("quantity")
    unit = pl.col("price_unit")
    per_day = unit.replace_strict(
        {"day": 1.0, "week": 1 / 7, "hour": 1 / 7, "year": 1 / days_in_year},
        default=0.0,
        return_dtype=pl.Float64,
    )
    return [
        pl.max_horizontal(pl.col("start"), pl.lit(first)).cast(pl.Int32).alias("_s"),
        pl.min_horizontal(pl.col("end").fill_null(last), pl.lit(last)).cast(pl.Int32).alias("_e"),
        (p * per_day).alias("_daily"),
        pl.when(unit == "month").then(p).otherwise(0.0).alias("_monthly"),
        pl.when((unit == "once") & (pl.col("start").dt.year() == year))
        .then(p / 12.0)
        .otherwise(0.0)
        .alias("_once"),
    ]


def _epoch_day(day: dt.date) -> int:
    return (day - dt.date(1970, 1, 1)).days


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

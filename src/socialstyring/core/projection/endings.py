"""Expected early endings: the cost of open-ended known grants that the survival curves say
will not be incurred, because the grant ends before 31 December.

Month by month after the cut (at most twelve steps, each over every open-ended grant at
once), a grant that has run ``x₀`` days on the cut still runs in the middle of month ``m``
with probability ``r_m = S(x_m) / S(x₀)``. Its lost cost ``L = Σ c_m · 1[ended before m]``
has ``E[L] = Σ c_m (1 − r_m)`` and, because endings are nested in time,
``E[L²] = Σ c_m (1 − r_m)(c_m + 2 Σ_{m' > m} c_m')``: the variance is exact for the
monthly steps, and grants are independent.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from socialstyring.core.costs import cost_expr
from socialstyring.core.periods import month_bounds_inclusive, year_end_inclusive, year_start
from socialstyring.core.projection.survival import SurvivalTable


def rest_of_year(year: int, as_of: dt.date) -> tuple[dt.date, dt.date] | None:
    """``[D+1, Y-12-31]`` kept inside the year; None when nothing of the year is left."""
    first = max(as_of + dt.timedelta(days=1), year_start(year))
    last = year_end_inclusive(year)
    return (first, last) if first <= last else None


def rest_months(year: int, as_of: dt.date) -> list[tuple[int, dt.date, dt.date]]:
    """The months left after ``as_of``, each as (month, first day, last day) inside the rest."""
    rest = rest_of_year(year, as_of)
    if rest is None:
        return []
    first, _ = rest
    months = []
    for m in range(first.month, 13):
        a, b = month_bounds_inclusive(year, m)
        months.append((m, max(a, first), b))
    return months


def open_ended(known: pl.DataFrame, year: int) -> pl.Series:
    """Which known grants are open-ended, periodic and not started after the year."""
    return known.select(
        pl.col("end").is_null()
        & (pl.col("price_unit") != "once")
        & (pl.col("start") <= year_end_inclusive(year))
    ).to_series()


def early_endings(
    known: pl.DataFrame, survival: SurvivalTable, year: int, as_of: dt.date
) -> tuple[pl.DataFrame, dict[int, float]]:
    """The open-ended grants with ``early_endings`` (expected lost cost in the rest of the
    year) and ``early_var`` (its variance); and the expected loss per month of the year."""
    months = rest_months(year, as_of)
    grants = known.filter(open_ended(known, year))
    if not months or grants.height == 0:
        empty = grants.with_columns(
            pl.lit(0.0).alias("early_endings"), pl.lit(0.0).alias("early_var")
        )
        return empty, {}
    code = survival.codes_of(grants)
    start = grants["start"]
    cut = months[0][1] - dt.timedelta(days=1)
    s0 = survival.lookup(code, _days(cut, start))
    costs, stay = [], []
    for _, a, b in months:
        costs.append(grants.select(cost_expr(a, b)).to_series())
        middle = a + (b - a) / 2
        ratio = survival.lookup(code, _days(middle, start)) / s0
        # Alive beyond every observed duration: the curve says nothing, so no ending is expected.
        stay.append(ratio.fill_nan(1.0).clip(0.0, 1.0).fill_null(1.0))
    lost = [c * (1.0 - r) for c, r in zip(costs, stay, strict=True)]
    mean = sum(lost[1:], lost[0])
    square = pl.Series([0.0] * grants.height)
    tail = pl.Series([0.0] * grants.height)
    for c, loss in zip(reversed(costs), reversed(lost), strict=True):
        square = square + loss * (c + 2.0 * tail)
        tail = tail + c
    per_month = {m: float(loss.sum()) for (m, _, _), loss in zip(months, lost, strict=True)}
    out = grants.with_columns(
        mean.alias("early_endings"), (square - mean * mean).clip(0.0).alias("early_var")
    )
    return out, per_month


def _days(day: dt.date, start: pl.Series) -> pl.Series:
    """Whole days from each ``start`` to ``day``."""
    return pl.select((pl.lit(day, dtype=pl.Date) - start).dt.total_days()).to_series()

"""Expected early endings: the cost of open-ended known grants that the survival curves say
will not be incurred, because the grant ends before 31 December.

Month by month after the cut (at most twelve expressions, evaluated together over every
open-ended grant), a grant that has run ``x₀`` days on the cut still runs in the middle of
month ``m`` with probability ``r_m = S(x_m) / S(x₀)``. Its lost cost
``L = Σ c_m · 1[ended before m]`` has ``E[L] = Σ c_m (1 − r_m)`` and, because endings are
nested in time, ``E[L²] = Σ c_m (1 − r_m)(c_m + 2 Σ_{m' > m} c_m')``: the variance is exact
for the monthly steps, and grants are independent.
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


def open_ended(year: int) -> pl.Expr:
    """Known grants that are open-ended, periodic and not started after the year."""
    return (
        pl.col("end").is_null()
        & (pl.col("price_unit") != "once")
        & (pl.col("start") <= year_end_inclusive(year))
    )


def _age(day: dt.date) -> pl.Expr:
    """Whole days from each grant's start to ``day``."""
    return (pl.lit(day, dtype=pl.Date) - pl.col("start")).dt.total_days()


def early_endings(
    known: pl.DataFrame, survival: SurvivalTable, year: int, as_of: dt.date
) -> tuple[pl.DataFrame, dict[int, float]]:
    """The open-ended grants with ``early_endings`` (expected lost cost in the rest of the
    year) and ``early_var`` (its variance); and the expected loss per month of the year."""
    months = rest_months(year, as_of)
    grants = known.filter(open_ended(year))
    if not months or grants.height == 0:
        empty = grants.with_columns(
            pl.lit(0.0).alias("early_endings"), pl.lit(0.0).alias("early_var")
        )
        return empty, {}
    cut = months[0][1] - dt.timedelta(days=1)
    code = pl.col("_code")
    with_code = grants.with_columns(survival.codes_of(grants).alias("_code"))
    base = survival.survival_expr(code, _age(cut))
    costs, lost = [], []
    for m, a, b in months:
        stay = survival.survival_expr(code, _age(a + (b - a) / 2)) / base
        # Alive beyond every observed duration: the curve says nothing, so no ending expected.
        stay = stay.fill_nan(1.0).clip(0.0, 1.0)
        costs.append(cost_expr(a, b).alias(f"_c{m}"))
        lost.append((pl.col(f"_c{m}") * (1.0 - stay)).alias(f"_l{m}"))
    parts = with_code.lazy().with_columns(costs).with_columns(lost)
    square, tail = pl.lit(0.0), pl.lit(0.0)
    for m, _, _ in reversed(months):
        square = square + pl.col(f"_l{m}") * (pl.col(f"_c{m}") + 2.0 * tail)
        tail = tail + pl.col(f"_c{m}")
    mean = pl.sum_horizontal(pl.col(f"_l{m}") for m, _, _ in months)
    out = parts.with_columns(
        mean.alias("early_endings"), (square - mean * mean).clip(0.0).alias("early_var")
    ).collect()
    sums = out.select(pl.col(f"_l{m}").sum() for m, _, _ in months).row(0)
    per_month = {m: float(v) for (m, _, _), v in zip(months, sums, strict=True)}
    helper = ["_code", *(f"_c{m}" for m, _, _ in months), *(f"_l{m}" for m, _, _ in months)]
    return out.drop(helper), per_month

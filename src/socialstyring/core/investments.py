"""An investment after the fact (docs/economics.md): what the cohort's grants would have
cost on their terms on the start day (the baseline), what they cost as they are now (the
actual), and the saving year by year against what was invested.

The cohort's terms on the start day are frozen when the investment is recorded (the
grant rows as they were); the actual comes from the grants as they are now, where a grant
that replaces a cohort grant — the same citizen and paragraph, starting on or after the
start day — counts as part of the cohort.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl

from socialstyring.core.costs import active_expr, cost_expr
from socialstyring.core.periods import year_end_inclusive, year_start

TABLE_FIGURES = ("invested", "baseline", "actual", "saving", "net")


@dataclass(frozen=True)
class InvestmentResult:
    table: pl.DataFrame  # year, invested, baseline, actual, saving, net
    totals: dict[str, float]
    citizens: int
    baseline_per_citizen: float  # over the years of the table
    actual_per_citizen: float


def cohort_now(cohort: pl.DataFrame, grants: pl.DataFrame, start_day: dt.date) -> pl.DataFrame:
    """The cohort's grants as they are now: the same grant ids, plus the grants that
    replace one of them (same citizen and paragraph, starting on or after ``start_day``)."""
    ids = cohort.select("grant_id").unique()
    pairs = cohort.select("citizen_id", "paragraph").unique()
    same = grants.join(ids, on="grant_id", how="semi")
    replacing = grants.filter(pl.col("start") >= start_day).join(
        pairs, on=["citizen_id", "paragraph"], how="semi"
    )
    return pl.concat([same, replacing], how="vertical_relaxed").unique(
        "grant_id", keep="first", maintain_order=True
    )


def _costs_by_year(grants: pl.DataFrame, years: list[int], start_day: dt.date) -> list[float]:
    if grants.height == 0:
        return [0.0] * len(years)
    firsts = [max(year_start(y), start_day) for y in years]
    sums = grants.select(
        cost_expr(first, year_end_inclusive(y)).sum().alias(str(y))
        for first, y in zip(firsts, years, strict=True)
    )
    return [float(sums[str(y)][0]) for y in years]


def investment_table(
    cohort: pl.DataFrame,
    grants: pl.DataFrame,
    *,
    start_day: dt.date,
    invested: list[float],
    price_index: float = 0.0,
    through: int | None = None,
) -> InvestmentResult:
    """Year by year from the start day's year: ``invested`` (typed in, by year from the
    start), the ``baseline`` (the frozen ``cohort`` terms, open-ended grants going on,
    raised by ``price_index`` a year after the first), the ``actual`` of the cohort's grants
    now, ``saving`` = baseline − actual and ``net`` = saving − invested. Each year counts
    from the start day (its first year from that day)."""
    first = start_day.year
    last = max(first + len(invested) - 1, through or first)
    years = list(range(first, last + 1))
    index = [(1.0 + price_index) ** (y - first) for y in years]
    baseline = [b * i for b, i in zip(_costs_by_year(cohort, years, start_day), index, strict=True)]
    actual = _costs_by_year(cohort_now(cohort, grants, start_day), years, start_day)
    table = pl.DataFrame(
        {
            "year": years,
            "invested": [
                float(invested[t]) if t < len(invested) else 0.0 for t in range(len(years))
            ],
            "baseline": baseline,
            "actual": actual,
        },
        schema={
            "year": pl.Int64,
            "invested": pl.Float64,
            "baseline": pl.Float64,
            "actual": pl.Float64,
        },
    ).with_columns((pl.col("baseline") - pl.col("actual")).alias("saving"))
    table = table.with_columns((pl.col("saving") - pl.col("invested")).alias("net"))
    totals = {f: float(table[f].sum()) for f in TABLE_FIGURES}
    citizens = cohort["citizen_id"].n_unique() if cohort.height else 0
    return InvestmentResult(
        table=table,
        totals=totals,
        citizens=citizens,
        baseline_per_citizen=totals["baseline"] / citizens if citizens else 0.0,
        actual_per_citizen=totals["actual"] / citizens if citizens else 0.0,
    )


def cohort_on(grants: pl.DataFrame, day: dt.date, condition: pl.Expr | None) -> pl.DataFrame:
    """The grants a cohort holds on ``day``: active then (known, started, not ended, not a
    one-off) and matching ``condition`` — the rows to freeze as the start day's terms."""
    hit = active_expr(day) if condition is None else active_expr(day) & condition
    return grants.filter(hit.fill_null(False))

"""The municipality's key figures for each year its data covers (docs/management.md).

Spending of an area in a year is the forecast's ``expected`` of the area's accounts for that
year: for a past year the ledger's postings when a ledger covers it, else the cost of the
grants; for the current year the expected outturn. Counts of people are taken on 31
December, or on the as-of day in the current year. One frame out: ``code``, ``year``,
``dimension`` (null for the municipality as a whole, else the grant field), ``group`` (the
dimension's value) and ``value``.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from socialstyring.core.costs import active_expr, cost_expr, run_rate_expr
from socialstyring.core.periods import year_end_inclusive, year_start
from socialstyring.terms import CHILDREN, MAIN_FUNCTION_AREAS
from socialstyring.terms.management import (
    ADULT_AGES,
    CHILD_AGES,
    KEY_FIGURES,
    PLACEMENT_AGES,
    PLACEMENT_PARAGRAPHS,
)

FIGURE_SCHEMA = {
    "code": pl.String,
    "year": pl.Int64,
    "dimension": pl.String,
    "group": pl.String,
    "value": pl.Float64,
}
_ORDER = {k.code: i for i, k in enumerate(KEY_FIGURES)}


def count_day(year: int, as_of: dt.date) -> dt.date:
    """The day people are counted for ``year``: 31 December, or ``as_of`` within the year."""
    return min(as_of, year_end_inclusive(year))


def account_area() -> pl.Expr:
    """The area of an account from its hovedfunktion (5.28 children, 5.38 adults)."""
    return (
        pl.col("account")
        .str.slice(0, 4)
        .replace_strict(MAIN_FUNCTION_AREAS, default=None, return_dtype=pl.String)
        .alias("area")
    )


def inhabitants(population: pl.DataFrame, code: str, ages: tuple[int, int]) -> pl.DataFrame:
    """``year``, ``inhabitants``: the municipality's people whose age (or whole age band)
    lies within ``ages``, both ends included."""
    lo, hi = ages
    return (
        population.filter(
            (pl.col("municipality_code") == code)
            & (pl.col("age_from") >= lo)
            & (pl.col("age_to") <= hi)
        )
        .group_by("year")
        .agg(pl.col("count").sum().cast(pl.Float64).alias("inhabitants"))
    )


def _figure(frame: pl.DataFrame, code: str, dimension: str | None = None) -> pl.DataFrame:
    """``frame`` (year, [group], value) in the figures' shape."""
    group = pl.col(dimension).cast(pl.String) if dimension else pl.lit(None, pl.String)
    return frame.select(
        pl.lit(code).alias("code"),
        pl.col("year").cast(pl.Int64),
        pl.lit(dimension, pl.String).alias("dimension"),
        group.alias("group"),
        pl.col("value").cast(pl.Float64),
    )


def spend_per_inhabitant(
    spending: pl.DataFrame, population: pl.DataFrame, code: str
) -> pl.DataFrame:
    """The two per-inhabitant figures from ``spending`` (year, account, expected)."""
    by_area = (
        spending.with_columns(account_area())
        .group_by("year", "area")
        .agg(pl.col("expected").sum().alias("spend"))
    )
    parts = []
    for figure, area, ages in (
        ("spend_per_inhabitant_0_22", CHILDREN, CHILD_AGES),
        ("spend_per_inhabitant_18_64", "adults", ADULT_AGES),
    ):
        joined = by_area.filter(pl.col("area") == area).join(
            inhabitants(population, code, ages), on="year", how="inner"
        )
        parts.append(
            _figure(
                joined.filter(pl.col("inhabitants") > 0).with_columns(
                    (pl.col("spend") / pl.col("inhabitants")).alias("value")
                ),
                figure,
            )
        )
    return pl.concat(parts)


def _active(grants: pl.DataFrame, day: dt.date) -> pl.DataFrame:
    return grants.filter(active_expr(day))


def per_caseworker(active: pl.DataFrame, year: int) -> pl.DataFrame:
    """Citizens with an active grant ÷ caseworkers with active grants, per team and total."""
    staffed = active.filter(pl.col("caseworker").is_not_null())
    ratio = (pl.col("citizen_id").n_unique() / pl.col("caseworker").n_unique()).alias("value")
    total = staffed.select(ratio).with_columns(pl.lit(year).alias("year"))
    teams = staffed.group_by("team").agg(ratio).with_columns(pl.lit(year).alias("year"))
    if staffed.height == 0:
        return pl.DataFrame(schema=FIGURE_SCHEMA)
    return pl.concat(
        [
            _figure(total, "citizens_per_caseworker"),
            _figure(teams.filter(pl.col("team").is_not_null()), "citizens_per_caseworker", "team"),
        ]
    )


def average_run_rate(active: pl.DataFrame, year: int, day: dt.date) -> pl.DataFrame:
    """The mean run rate of the active grants, in total, per paragraph and per service."""
    rated = active.with_columns(run_rate_expr(day), pl.lit(year).alias("year"))
    if rated.height == 0:
        return pl.DataFrame(schema=FIGURE_SCHEMA)
    mean = pl.col("run_rate").mean().alias("value")
    parts = [_figure(rated.group_by("year").agg(mean), "average_run_rate")]
    for dimension in ("paragraph", "service"):
        grouped = rated.filter(pl.col(dimension).is_not_null()).group_by("year", dimension)
        parts.append(_figure(grouped.agg(mean), "average_run_rate", dimension))
    return pl.concat(parts)


def share_external(grants: pl.DataFrame, year: int, as_of: dt.date) -> pl.DataFrame:
    """The share of the year's grant cost at providers of another type than the
    municipality's own; a grant whose provider type is unknown counts as not external."""
    known = grants.filter(pl.col("registered").fill_null(pl.col("start")) <= as_of)
    costed = known.select(
        cost_expr(year_start(year), year_end_inclusive(year)).alias("cost"),
        (pl.col("provider_type").is_not_null() & (pl.col("provider_type") != "own")).alias(
            "_external"
        ),
    )
    total = float(costed["cost"].sum())
    if not total:
        return pl.DataFrame(schema=FIGURE_SCHEMA)
    external = float(costed.filter("_external")["cost"].sum())
    return _figure(pl.DataFrame({"year": [year], "value": [external / total]}), "share_external")


def placements_per_1000(
    active: pl.DataFrame, population: pl.DataFrame, code: str, year: int
) -> pl.DataFrame:
    """Children with an active placement ÷ 1.000 inhabitants aged 0-17."""
    placed = active.filter(
        (pl.col("area") == CHILDREN) & pl.col("paragraph").is_in(PLACEMENT_PARAGRAPHS)
    )["citizen_id"].n_unique()
    people = inhabitants(population, code, PLACEMENT_AGES).filter(pl.col("year") == year)
    if people.height == 0 or not people["inhabitants"][0]:
        return pl.DataFrame(schema=FIGURE_SCHEMA)
    value = placed / (people["inhabitants"][0] / 1000.0)
    return _figure(pl.DataFrame({"year": [year], "value": [value]}), "placements_per_1000_0_17")


def key_figures(
    grants: pl.DataFrame,
    spending: pl.DataFrame,
    population: pl.DataFrame,
    *,
    code: str,
    years: list[int],
    as_of: dt.date,
) -> pl.DataFrame:
    """Every key figure of every year in ``years`` for the municipality ``code``.

    ``grants`` with provider types filled; ``spending`` the forecast's expected per year and
    account; ``population`` the befolkning rows. One pass per year (a handful), each over
    all grants at once."""
    parts = [spend_per_inhabitant(spending.filter(pl.col("year").is_in(years)), population, code)]
    for year in years:
        day = count_day(year, as_of)
        active = _active(grants, day)
        parts += [
            per_caseworker(active, year),
            average_run_rate(active, year, day),
            share_external(grants, year, as_of),
            placements_per_1000(active, population, code, year),
        ]
    figures = pl.concat([p.cast(FIGURE_SCHEMA) for p in parts])  # type: ignore[arg-type]
    return (
        figures.with_columns(
            pl.col("code").replace_strict(_ORDER, return_dtype=pl.Int64).alias("_order")
        )
        .sort("_order", "year", "dimension", "group", nulls_last=False)
        .drop("_order")
    )


def years_covered(grants: pl.DataFrame, postings_years: list[int], as_of: dt.date) -> list[int]:
    """The years the data covers, up to ``as_of``'s: those with a ledger, and those from the
    first grant's start on (at most ten years back)."""
    first = grants["start"].min() if grants.height else None
    years = set(postings_years)
    if isinstance(first, dt.date):
        years |= set(range(first.year, as_of.year + 1))
    return sorted(y for y in years if as_of.year - 10 < y <= as_of.year)

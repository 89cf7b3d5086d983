"""The demo's budget distributed to areas and teams (docs/demo.md), so that the overview
has a budget and a deviation on every line in every grouping the budget file can carry."""

from __future__ import annotations

import datetime as dt

import polars as pl

from socialstyring.core.costs import cost_expr

GROUP = ["area", "team"]


def _costs(grants: pl.DataFrame, years: list[int]) -> pl.DataFrame:
    """The grants' cost per year, account, area and team (only where above 0)."""
    parts = [
        grants.lazy()
        .select(
            pl.lit(year, pl.Int64).alias("year"),
            "account",
            *GROUP,
            cost_expr(dt.date(year, 1, 1), dt.date(year, 12, 31)).alias("_cost"),
        )
        .group_by("year", "account", *GROUP)
        .agg(pl.col("_cost").sum())
        .filter(pl.col("_cost") > 0)
        for year in years
    ]
    return pl.concat(pl.collect_all(parts))


def distributed(budgets: pl.DataFrame, grants: pl.DataFrame) -> pl.DataFrame:
    """Each budget row split over the account's areas and teams by their share of its
    grants' cost in the row's year, in whole kroner (largest remainders), so every
    account's amount stays exactly what it was. An account without cost in a year stays
    one undistributed row (area and team null)."""
    if budgets.height == 0:
        return budgets.with_columns(pl.lit(None, pl.String).alias(c) for c in GROUP)
    costs = _costs(grants, sorted(budgets["year"].unique().to_list()))
    rows = budgets.with_row_index("_row").join(costs, on=["year", "account"], how="left")
    row = pl.col("_row")
    exact = pl.col("amount") * pl.col("_cost") / pl.col("_cost").sum().over(row)
    floor = exact.floor()
    left_over = (pl.col("amount") - floor.sum().over(row)).round(0)
    rank = (exact - floor).rank("ordinal", descending=True).over(row)
    part = floor + (rank <= left_over).cast(pl.Float64)
    return (
        rows.with_columns(
            pl.when(pl.col("_cost").is_null())
            .then(pl.col("amount"))
            .otherwise(part)
            .alias("amount")
        )
        .sort("_row", *GROUP, nulls_last=True)
        .select(*budgets.columns, *GROUP)
    )

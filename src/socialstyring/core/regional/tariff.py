"""The tariff of each offer and year (regional agreement, docs/regional.md):
cost base / (places × units × occupancy)."""

from __future__ import annotations

import polars as pl

from socialstyring.core.regional.agreement import Agreement

TARIFF_COLUMNS = (
    "offer_id",
    "year",
    "cost_base",
    "occupancy",
    "units",
    "tariff",
    "tariff_unit",
    "places",
    "overhead_pct",
    "overhead_above_ceiling",
)


def _units() -> pl.Expr:
    """Days of the tariff year (365 or 366) for a daily tariff, 12 for a monthly one."""
    leap = pl.date(pl.col("year"), 1, 1).dt.is_leap_year()
    days = pl.when(leap).then(366).otherwise(365)
    return pl.when(pl.col("tariff_unit") == "month").then(12).otherwise(days).cast(pl.Int64)


def occupancy_expr() -> pl.Expr:
    """The occupancy the tariff rests on, a fraction: the expected one when given, else
    the average of the two years before; never above 100 %."""
    average = (pl.col("occupancy_1") + pl.col("occupancy_2")) / 2.0
    return pl.min_horizontal(pl.coalesce("expected_occupancy", average), 100.0) / 100.0


def cost_base_expr(default_overhead_pct: float) -> pl.Expr:
    """Direct costs with overhead, plus depreciation, interest and pensions, less the
    earlier result returned through the tariff (positive: a surplus)."""
    overhead = pl.col("overhead_pct").fill_null(default_overhead_pct)
    direct = pl.col("direct_costs")
    return (
        direct
        + direct * overhead / 100.0
        + pl.col("depreciation").fill_null(0.0)
        + pl.col("interest").fill_null(0.0)
        + pl.col("pensions").fill_null(0.0)
        - pl.col("adjustment").fill_null(0.0)
    )


def tariffs(budgets: pl.DataFrame, agreement: Agreement) -> pl.DataFrame:
    """One row per offer budget (``offer_budgets`` fields): the cost base line by line,
    occupancy (a fraction), units and the tariff, rounded to øre; sorted by offer, year.

    Rows must be valid (occupancy above 0, places above 0): validation ensures it."""
    overhead = pl.col("overhead_pct").fill_null(agreement.overhead_pct)
    lines = (
        budgets.with_columns(
            cost_base_expr(agreement.overhead_pct).alias("cost_base"),
            occupancy_expr().alias("occupancy"),
        )
        .with_columns(
            overhead.alias("overhead_pct"),
            (pl.col("direct_costs") * overhead / 100.0).alias("overhead"),
            *(pl.col(c).fill_null(0.0) for c in ("depreciation", "interest", "pensions")),
            pl.col("adjustment").fill_null(0.0),
            pl.col("tariff_unit").fill_null("day"),
        )
        .with_columns(
            _units().alias("units"),
            (pl.col("overhead_pct") > agreement.overhead_ceiling_pct).alias(
                "overhead_above_ceiling"
            ),
        )
    )
    denominator = pl.col("places") * pl.col("units") * pl.col("occupancy")
    return lines.with_columns(
        (pl.col("cost_base") / denominator).round(2, mode="half_away_from_zero").alias("tariff")
    ).sort("offer_id", "year")


def with_adjustments(budgets: pl.DataFrame, settlements: pl.DataFrame) -> pl.DataFrame:
    """In the app, a settlement's amount into a tariff becomes that tariff year's
    ``adjustment``, unless the budget row gives one itself."""
    sent = (
        settlements.filter(pl.col("into_tariff_year").is_not_null())
        .group_by("offer_id", pl.col("into_tariff_year").alias("year"))
        .agg(pl.col("into_tariff").sum().alias("_settled"))
        .with_columns(pl.col("year").cast(budgets.schema["year"]))
    )
    joined = budgets.join(sent, on=["offer_id", "year"], how="left")
    return joined.with_columns(pl.coalesce("adjustment", "_settled").alias("adjustment")).drop(
        "_settled"
    )

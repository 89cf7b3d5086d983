"""The settlement of an accounts year's surplus or deficit (*efterregulering*): what is
carried to next year's budget, set aside, or sent through the tariff two years later.

The three parts always add up to the result exactly, so a deficit's parts are negative."""

from __future__ import annotations

import polars as pl

from socialstyring.core.regional.agreement import SET_ASIDE, Agreement

SETTLEMENT_COLUMNS = (
    "offer_id",
    "year",
    "budget",
    "income",
    "costs",
    "result",
    "result_pct",
    "carried_next_year",
    "set_aside",
    "set_aside_until",
    "into_tariff",
    "into_tariff_year",
)


def _year_when(amount: str, year: pl.Expr) -> pl.Expr:
    """A year field is empty when its amount is 0."""
    return pl.when(pl.col(amount) != 0).then(year).otherwise(None).cast(pl.Int64)


def settlements(accounts: pl.DataFrame, agreement: Agreement) -> pl.DataFrame:
    """One row per offer accounts year (``offer_accounts`` fields), sorted by offer, year.

    The band is ±``band_pct`` % of budget; exactly on its edge counts as inside. Within
    the band a result is carried to next year, except that under a set-aside agreement a
    surplus is set aside (used by year + ``set_aside_years``) and nothing is carried.
    What lies outside the band enters the tariff of year + ``tariff_delay_years``."""
    result = pl.col("income") - pl.col("costs")
    band = pl.col("budget") * agreement.band_pct / 100.0
    within = pl.min_horizontal(pl.max_horizontal(pl.col("result"), -band), band)
    set_aside = agreement.surplus_within_band == SET_ASIDE
    surplus_kept = (pl.col("result") > 0) if set_aside else pl.lit(False)
    year = pl.col("year").cast(pl.Int64)
    framed = (
        accounts.with_columns(result.alias("result"))
        .with_columns(
            (100.0 * pl.col("result") / pl.col("budget")).alias("result_pct"),
            pl.when(surplus_kept).then(0.0).otherwise(within).alias("carried_next_year"),
            pl.when(surplus_kept).then(within).otherwise(0.0).alias("set_aside"),
        )
        .with_columns(
            (pl.col("result") - pl.col("carried_next_year") - pl.col("set_aside")).alias(
                "into_tariff"
            )
        )
        .with_columns(
            _year_when("set_aside", year + agreement.set_aside_years).alias("set_aside_until"),
            _year_when("into_tariff", year + agreement.tariff_delay_years).alias(
                "into_tariff_year"
            ),
        )
    )
    return framed.select(
        *(c for c in accounts.columns if c not in SETTLEMENT_COLUMNS),
        *SETTLEMENT_COLUMNS,
    ).sort("offer_id", "year")

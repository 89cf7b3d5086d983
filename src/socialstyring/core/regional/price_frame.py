"""The agreement's price frame: the most a tariff may rise from one year to the next;
offers whose tariff rose beyond it are listed with the excess."""

from __future__ import annotations

import polars as pl


def beyond_price_frame(tariffs: pl.DataFrame, frame_pct: float) -> pl.DataFrame:
    """From ``tariffs`` (``offer_id``, ``year``, ``tariff``): the rows whose tariff rose
    more than ``frame_pct`` % over the offer's tariff of the year before, with the growth
    (%), the highest tariff the frame allowed and the excess per unit; by offer, year."""
    ordered = tariffs.select("offer_id", "year", "tariff").sort("offer_id", "year")
    previous = ordered.select(
        "offer_id",
        (pl.col("year") + 1).alias("year"),
        pl.col("tariff").alias("previous_tariff"),
    )
    return (
        ordered.join(previous, on=["offer_id", "year"], how="inner")
        .filter(pl.col("previous_tariff") > 0)
        .with_columns(
            (100.0 * (pl.col("tariff") / pl.col("previous_tariff") - 1.0)).alias("growth_pct"),
            (pl.col("previous_tariff") * (1.0 + frame_pct / 100.0)).alias("allowed_tariff"),
        )
        .with_columns((pl.col("tariff") - pl.col("allowed_tariff")).alias("excess"))
        .filter(pl.col("excess") > 1e-9)
        .sort("offer_id", "year")
    )

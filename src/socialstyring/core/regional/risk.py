"""Offers at risk (*nødspor* candidates), each with its reasons: occupancy over the last
12 months below the agreement's threshold, an accumulated deficit above a share of the
budget, or places that end (a planned fall in capacity). The expert panel decides."""

from __future__ import annotations

import datetime as dt

import polars as pl

from socialstyring.core.regional.agreement import Agreement
from socialstyring.core.regional.occupancy import period_occupancy

LOW_OCCUPANCY, DEFICIT, CAPACITY_FALL = "low_occupancy", "deficit", "capacity_fall"
REASONS = (LOW_OCCUPANCY, DEFICIT, CAPACITY_FALL)
_SCHEMA = {"offer_id": pl.String, "reason": pl.String, "value": pl.Float64, "day": pl.Date}


def at_risk(
    grants: pl.DataFrame,
    register: pl.DataFrame,
    settlements: pl.DataFrame | None,
    agreement: Agreement,
    as_of: dt.date,
) -> pl.DataFrame:
    """One row per offer and reason: ``value`` is the occupancy (a fraction) or the
    accumulated deficit as % of the latest budget; ``day`` the last day of the places."""
    first = as_of - dt.timedelta(days=364)
    occupancy = period_occupancy(grants, register, first, as_of)
    low = occupancy.filter(pl.col("occupancy") < agreement.at_risk_occupancy_pct / 100.0).select(
        "offer_id",
        pl.lit(LOW_OCCUPANCY).alias("reason"),
        pl.col("occupancy").alias("value"),
        pl.lit(None, pl.Date).alias("day"),
    )
    parts = [low.cast(_SCHEMA)]  # type: ignore[arg-type]
    if settlements is not None and settlements.height:
        done = settlements.filter(pl.col("year") < as_of.year)
        latest = done.sort("year").group_by("offer_id").agg(pl.col("budget").last())
        deficit = (
            done.group_by("offer_id")
            .agg(pl.col("result").sum().alias("accumulated"))
            .join(latest, on="offer_id")
            .with_columns((-100.0 * pl.col("accumulated") / pl.col("budget")).alias("value"))
            .filter(pl.col("value") > agreement.at_risk_deficit_pct)
            .select(
                "offer_id",
                pl.lit(DEFICIT).alias("reason"),
                "value",
                pl.lit(None, pl.Date).alias("day"),
            )
        )
        parts.append(deficit.cast(_SCHEMA))  # type: ignore[arg-type]
    if "capacity_to" in register.columns:
        falling = register.filter(
            (pl.col("capacity") > 0) & (pl.col("capacity_to") >= as_of)
        ).select(
            "offer_id",
            pl.lit(CAPACITY_FALL).alias("reason"),
            pl.lit(None, pl.Float64).alias("value"),
            pl.col("capacity_to").alias("day"),
        )
        parts.append(falling.cast(_SCHEMA))  # type: ignore[arg-type]
    names = register.select("offer_id", "name", "operator", "target_group", "capacity")
    return (
        pl.concat(parts)
        .join(names, on="offer_id", how="left")
        .with_columns(
            pl.col("reason")
            .replace_strict({r: i for i, r in enumerate(REASONS)}, return_dtype=pl.Int8)
            .alias("_order")
        )
        .sort("offer_id", "_order")
        .drop("_order")
    )

"""The first refund threshold of a year's price level (docs/refunds.md, step 3): the level
``Y`` when it has all three tiers, else the latest earlier level that has. The refunds
capability owns the full rule; the focus rule ``expensive_cases`` needs only tier 1."""

from __future__ import annotations

import polars as pl

TIERS = 3


def price_level(thresholds: pl.DataFrame, year: int) -> int | None:
    """The price level used for ``year``, or None when no level up to it is complete."""
    complete = (
        thresholds.filter(pl.col("price_level") <= year)
        .group_by("price_level")
        .agg(pl.col("tier").n_unique().alias("tiers"))
        .filter(pl.col("tiers") >= TIERS)
    )
    return None if complete.height == 0 else int(complete["price_level"].max())  # type: ignore[arg-type]


def first_threshold(thresholds: pl.DataFrame, year: int) -> float | None:
    """``T1`` of ``year``'s price level (kr. a year), or None without a complete level."""
    level = price_level(thresholds, year)
    if level is None:
        return None
    tier1 = thresholds.filter((pl.col("price_level") == level) & (pl.col("tier") == 1))
    return float(tier1["threshold"].min())  # type: ignore[arg-type]

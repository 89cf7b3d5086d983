"""Grant frame preparation shared by every computation."""

from __future__ import annotations

import polars as pl


def with_provider_types(grants: pl.DataFrame, providers: pl.DataFrame | None) -> pl.DataFrame:
    """Fill a grant's missing ``provider_type`` from the provider register."""
    if providers is None or providers.height == 0 or "provider_id" not in grants.columns:
        return grants
    types = providers.select("provider_id", pl.col("provider_type").alias("_register_type"))
    if types["provider_id"].is_unique().all():
        # Only the key goes through the join: joining the whole frame would copy every column.
        register = grants.select("provider_id").join(
            types, on="provider_id", how="left", maintain_order="left"
        )["_register_type"]
        return grants.with_columns(pl.coalesce(pl.col("provider_type"), register))
    return (
        grants.join(types, on="provider_id", how="left", maintain_order="left")
        .with_columns(pl.coalesce("provider_type", "_register_type").alias("provider_type"))
        .drop("_register_type")
    )

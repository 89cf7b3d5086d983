"""The region's register of offers, from the providers every municipality registered:
one row per offer, with who runs it (a municipality code, or ``region``)."""

from __future__ import annotations

import polars as pl

REGION = "region"  # the operator code of an offer the region runs
PLACE_UNITS = ("day", "week", "month", "year")  # the periodic price units that fill a place
_OPTIONAL = {
    "target_group": pl.String,
    "tariff": pl.Float64,
    "tariff_unit": pl.String,
    "capacity_from": pl.Date,
    "capacity_to": pl.Date,
}


def offers(providers: pl.DataFrame) -> pl.DataFrame:
    """One row per ``provider_id``: name, operator, places, target group, tariff and the
    period of the places; where municipalities registered the same offer differently, the
    first value given wins (the register of the operating municipality first)."""
    operator = (
        pl.when(pl.col("provider_type") == "region")
        .then(pl.lit(REGION))
        .otherwise(pl.col("municipality_code"))
    )
    if "municipality" in providers.columns:  # an own offer is the registering municipality's
        operator = pl.coalesce(
            operator,
            pl.when(pl.col("provider_type") == "own").then(pl.col("municipality")),
        )
    frame = providers.with_columns(operator.alias("operator"))
    if "municipality" in frame.columns:
        own = pl.col("municipality") == pl.col("operator")
        frame = frame.sort(own, descending=True, maintain_order=True)
    frame = frame.with_columns(
        pl.lit(None, dtype).alias(c) for c, dtype in _OPTIONAL.items() if c not in frame.columns
    )
    columns = ["name", "provider_type", "operator", "capacity", *_OPTIONAL]
    return (
        frame.group_by("provider_id", maintain_order=True)
        .agg(pl.col(c).drop_nulls().first() for c in columns)
        .rename({"provider_id": "offer_id"})
        .sort("offer_id")
    )


def with_operator(grants: pl.DataFrame, register: pl.DataFrame) -> pl.DataFrame:
    """Grants with the operator of their offer (null for an offer not in the register)."""
    operators = register.select(pl.col("offer_id").alias("provider_id"), "operator")
    return grants.join(operators, on="provider_id", how="left", maintain_order="left")


def with_computed_tariffs(register: pl.DataFrame, tariffs: pl.DataFrame, year: int) -> pl.DataFrame:
    """The register with each offer's tariff of ``year`` computed by the agreement (from its
    ``tilbudsøkonomi``) in place of the providers file's ``takst``, where there is one."""
    computed = tariffs.filter(pl.col("year") == year).select(
        "offer_id", pl.col("tariff").alias("_tariff"), pl.col("tariff_unit").alias("_unit")
    )
    return (
        register.join(computed, on="offer_id", how="left")
        .with_columns(
            pl.coalesce("_tariff", "tariff").alias("tariff"),
            pl.when(pl.col("_tariff").is_not_null())
            .then(pl.col("_unit"))
            .otherwise(pl.col("tariff_unit"))
            .alias("tariff_unit"),
        )
        .drop("_tariff", "_unit")
    )

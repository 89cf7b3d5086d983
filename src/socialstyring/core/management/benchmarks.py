"""The municipality's key figures beside the imported reference figures (nøgletal): the
country's, the region's, and a comparison group's (its own figure, else the mean of its
municipalities' figures)."""

from __future__ import annotations

import polars as pl


def reference_value(
    references: pl.DataFrame, level: str, unit: str | list[str], name: str
) -> pl.DataFrame:
    """``code``, ``year``, ``name``: the reference figures of one level and unit (or the
    mean over several units, a group given by its municipalities)."""
    units = [unit] if isinstance(unit, str) else unit
    return (
        references.filter((pl.col("level") == level) & pl.col("unit").is_in(units))
        .group_by("code", "year")
        .agg(pl.col("value").mean().alias(name))
    )


def compare(
    own: pl.DataFrame,
    references: pl.DataFrame,
    *,
    region_code: str,
    group_name: str = "",
    group_codes: list[str] | None = None,
) -> pl.DataFrame:
    """One row per key figure and year: ``own`` (the municipality as a whole), ``country``,
    ``region`` and ``comparison``. The group's own figure (level ``gruppe``, unit = its
    name) wins over the mean of its municipalities' figures."""
    totals = own.filter(pl.col("dimension").is_null()).select(
        "code", "year", pl.col("value").alias("own")
    )
    group = reference_value(references, "group", group_name, "_group")
    members = reference_value(references, "municipality", group_codes or [], "_members")
    keys = pl.concat(
        [totals.select("code", "year"), references.select("code", pl.col("year").cast(pl.Int64))]
    ).unique()
    table = keys
    for part in (
        totals,
        reference_value(references, "country", "", "country"),
        reference_value(references, "region", region_code, "region"),
        group,
        members,
    ):
        table = table.join(
            part.with_columns(pl.col("year").cast(pl.Int64)), on=["code", "year"], how="left"
        )
    return (
        table.with_columns(pl.coalesce("_group", "_members").alias("comparison"))
        .drop("_group", "_members")
        .sort("code", "year")
    )

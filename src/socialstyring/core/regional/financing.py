"""Objective financing (*objektiv finansiering*) and the special terms of new offers:
an amount split among municipalities by a key, the key being their children (0-17 years)
or, for collective deficit coverage, their purchases at the offer."""

from __future__ import annotations

import polars as pl

CHILD_AGES = (0, 17)


def _children_in(age: pl.Expr) -> pl.Expr:
    """The count of a population row that is 0-17 years old: a whole age inside the span,
    or a band (``0-17``, ``6-11``) wholly inside it; other bands do not count."""
    text = age.cast(pl.String).str.replace_all(r"[^0-9\-]", "")
    low = text.str.extract(r"^(\d+)", 1).cast(pl.Int64, strict=False)
    high = pl.coalesce(text.str.extract(r"^\d+-(\d+)$", 1), text.str.extract(r"^(\d+)$", 1))
    high = high.cast(pl.Int64, strict=False)
    first, last = CHILD_AGES
    return (low >= first) & (high <= last) & (low <= high)


def children(population: pl.DataFrame, year: int | None = None) -> pl.DataFrame:
    """0-17-year-olds per municipality (``municipality``, ``age``, ``count`` and, when
    given, ``year``), sorted by municipality. Without figures for ``year`` the latest
    earlier year's are used (a budget year's population is often not published yet)."""
    frame = population
    if year is not None and "year" in frame.columns:
        known = frame.filter(pl.col("year") <= year)["year"]
        frame = frame.filter(pl.col("year") == (known.max() if known.len() else year))
    return (
        frame.filter(_children_in(pl.col("age")).fill_null(False))
        .group_by("municipality")
        .agg(pl.col("count").sum().cast(pl.Float64).alias("children"))
        .sort("municipality")
    )


def from_stored(stored: pl.DataFrame) -> pl.DataFrame:
    """The ``befolkning`` import's rows (``municipality_code``, ``year``, ``age_from``,
    ``age_to``, ``count``) as this module's population frame. Where several municipalities
    imported figures for the same one and year, one import is used whole (its own first),
    since their age bands need not match and summing them would count children twice."""
    frame = stored
    if "municipality" in frame.columns:  # the importing municipality (the row's tenant)
        source = (
            frame.select(
                "municipality_code",
                "year",
                "municipality",
                (pl.col("municipality") != pl.col("municipality_code")).alias("_other"),
            )
            .unique()
            .sort("_other", "municipality")
            .unique(["municipality_code", "year"], keep="first")
            .drop("_other")
        )
        frame = frame.join(source, on=["municipality_code", "year", "municipality"], how="semi")
    age = (
        pl.when(pl.col("age_from") == pl.col("age_to"))
        .then(pl.col("age_from").cast(pl.String))
        .otherwise(pl.format("{}-{}", pl.col("age_from"), pl.col("age_to")))
    )
    return frame.select(
        pl.col("municipality_code").alias("municipality"),
        pl.col("year").cast(pl.Int64),
        age.alias("age"),
        pl.col("count").cast(pl.Float64),
    )


def population_year(population: pl.DataFrame, year: int) -> int | None:
    """The year whose figures a split for ``year`` uses: ``year`` itself, else the latest
    earlier one; None when the population has no year up to ``year``."""
    known = population.filter(pl.col("year") <= year)["year"]
    return int(known.max()) if known.len() else None  # type: ignore[arg-type]


def without_children(population: pl.DataFrame, year: int, municipalities: list[str]) -> list[str]:
    """Those of ``municipalities`` without a 0-17-year-old in the population ``year`` uses:
    a split would silently give them nothing."""
    counted = children(population, year).filter(pl.col("children") > 0)
    have = set(counted["municipality"])
    return [code for code in municipalities if code not in have]


def split(total: float, key: pl.DataFrame, weight: str) -> pl.DataFrame:
    """``total`` split by ``key``'s ``weight`` column: each municipality's share and
    amount (unrounded, so the amounts add up to the total)."""
    weights = key.filter(pl.col(weight) > 0)
    whole = weights[weight].sum()
    if not whole:
        return weights.with_columns(share=pl.lit(0.0), amount=pl.lit(0.0)).head(0)
    return weights.with_columns((pl.col(weight) / whole).alias("share")).with_columns(
        (pl.col("share") * total).alias("amount")
    )


def objective_financing(
    total: float,
    population: pl.DataFrame,
    year: int | None = None,
    *,
    objective_share: float = 1.0,
    municipalities: list[str] | None = None,
) -> pl.DataFrame:
    """The objectively financed part of ``total`` (all of it, or e.g. 0,6 of a Børnehus)
    split by the region's children; ``municipalities`` narrows the key (those that joined
    a new offer's special terms). The rest is paid per case by the buyers."""
    key = children(population, year)
    if municipalities is not None:
        key = key.filter(pl.col("municipality").is_in(municipalities))
    return split(total * objective_share, key, "children")


def per_case_part(total: float, objective_share: float) -> float:
    """What partial objective financing leaves to be paid per case through the tariff."""
    return total * (1.0 - objective_share)


def collective_deficit(
    deficit: float,
    purchases: pl.DataFrame,
    joined: list[str],
    agreed_key: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """A year's deficit of an offer with collective deficit coverage, split among the
    municipalities that joined by their purchases at the offer that year (``municipality``,
    ``amount``), or by an agreed key (``municipality``, ``weight``)."""
    if agreed_key is not None:
        key = agreed_key.filter(pl.col("municipality").is_in(joined))
    else:
        key = (
            purchases.filter(pl.col("municipality").is_in(joined))
            .group_by("municipality")
            .agg(pl.col("amount").sum().alias("weight"))
        )
    return split(deficit, key.sort("municipality"), "weight")

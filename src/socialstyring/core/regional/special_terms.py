"""Special terms for new offers (*særlige vilkår*): each a term on the offer with its
years and the municipalities that joined. Terms frame: ``offer_id``, ``term`` (one of
TERMS), ``first_year``, ``last_year``, ``occupancy_pct`` (the lower occupancy's rate),
``municipalities`` (list of codes)."""

from __future__ import annotations

import polars as pl

from socialstyring.core.regional.financing import collective_deficit, objective_financing

OBJECTIVE_START_UP, LOWER_OCCUPANCY, COLLECTIVE_DEFICIT = (
    "objective_start_up",
    "lower_occupancy",
    "collective_deficit",
)
TERMS = (OBJECTIVE_START_UP, LOWER_OCCUPANCY, COLLECTIVE_DEFICIT)


def _in_force(terms: pl.DataFrame, term: str, year: pl.Expr | int) -> pl.Expr:
    y = year if isinstance(year, pl.Expr) else pl.lit(year)
    return (pl.col("term") == term) & (pl.col("first_year") <= y) & (pl.col("last_year") >= y)


def with_lower_occupancy(budgets: pl.DataFrame, terms: pl.DataFrame) -> pl.DataFrame:
    """Offer budgets whose year a lower-occupancy term covers take its rate as the expected
    occupancy of the tariff."""
    lower = terms.filter(pl.col("term") == LOWER_OCCUPANCY).select(
        "offer_id", "first_year", "last_year", "occupancy_pct"
    )
    if lower.height == 0:
        return budgets
    matched = (
        budgets.select("offer_id", "year")
        .join(lower, on="offer_id", how="inner")
        .filter((pl.col("first_year") <= pl.col("year")) & (pl.col("last_year") >= pl.col("year")))
        .group_by("offer_id", "year")
        .agg(pl.col("occupancy_pct").min().alias("_lower"))
    )
    joined = budgets.join(matched, on=["offer_id", "year"], how="left")
    return joined.with_columns(
        pl.coalesce("_lower", "expected_occupancy").alias("expected_occupancy")
    ).drop("_lower")


def _joined(terms: pl.DataFrame, offer_id: str, term: str, year: int) -> list[str] | None:
    rows = terms.filter((pl.col("offer_id") == offer_id) & _in_force(terms, term, year))
    if rows.height == 0:
        return None
    return sorted({code for codes in rows["municipalities"].to_list() for code in codes or ()})


def start_up_financing(
    terms: pl.DataFrame, offer_id: str, year: int, amount: float, population: pl.DataFrame
) -> pl.DataFrame | None:
    """In a start-up year under objective financing: ``amount`` (the offer's cost base)
    split by the children of the municipalities that joined; None when no term applies."""
    joined = _joined(terms, offer_id, OBJECTIVE_START_UP, year)
    if joined is None:
        return None
    return objective_financing(amount, population, year, municipalities=joined)


def deficit_coverage(
    terms: pl.DataFrame, offer_id: str, year: int, deficit: float, purchases: pl.DataFrame
) -> pl.DataFrame | None:
    """A deficit year under collective deficit coverage: the deficit split among the
    municipalities that joined, by their purchases at the offer that year."""
    joined = _joined(terms, offer_id, COLLECTIVE_DEFICIT, year)
    if joined is None:
        return None
    return collective_deficit(deficit, purchases, joined)

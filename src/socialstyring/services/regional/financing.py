"""Objective financing for a population the caller supplies (``municipality``, ``age``,
``count``, ``year``); ``objective`` splits with the population the ``befolkning`` import
stored."""

from __future__ import annotations

import polars as pl

from socialstyring.core import regional as core
from socialstyring.services.regional.market import names


def objective_split(
    total: float,
    population: pl.DataFrame,
    year: int,
    *,
    objective_share: float = 1.0,
    municipalities: list[str] | None = None,
) -> tuple[pl.DataFrame, float]:
    """Each municipality's children, share and amount of the objectively financed part,
    with its name; and the part left to be paid per case."""
    split = core.objective_financing(
        total,
        population,
        year,
        objective_share=objective_share,
        municipalities=municipalities,
    )
    known = names()
    named = split.with_columns(
        pl.col("municipality")
        .replace_strict(known, default=pl.col("municipality"), return_dtype=pl.String)
        .alias("name")
    )
    return named, core.per_case_part(total, objective_share)

"""Shared inputs of the regional core's tests: the two shipped agreements, built here
from their numbers so a test shows what it assumes."""

from __future__ import annotations

import polars as pl

from socialstyring.core.regional import CARRY, SET_ASIDE, Agreement

HOVEDSTADEN = Agreement("hovedstaden", 6, 6, 5, CARRY, 0, 2, 85, 5, 2.0, 0.0)
NORDJYLLAND = Agreement("nordjylland", 6, 6, 5, SET_ASIDE, 5, 2, 85, 5, 2.0, 0.0)

BUDGET_SCHEMA = {
    "offer_id": pl.String,
    "year": pl.Int64,
    "places": pl.Int64,
    "direct_costs": pl.Float64,
    "overhead_pct": pl.Float64,
    "depreciation": pl.Float64,
    "interest": pl.Float64,
    "pensions": pl.Float64,
    "adjustment": pl.Float64,
    "occupancy_1": pl.Float64,
    "occupancy_2": pl.Float64,
    "expected_occupancy": pl.Float64,
    "tariff_unit": pl.String,
}


def budget_rows(*rows: dict) -> pl.DataFrame:
    """Offer budgets; unnamed fields empty."""
    return pl.DataFrame(
        [{k: row.get(k) for k in BUDGET_SCHEMA} for row in rows], schema=BUDGET_SCHEMA
    )


def account_rows(*rows: tuple) -> pl.DataFrame:
    return pl.DataFrame(
        rows,
        schema={
            "offer_id": pl.String,
            "year": pl.Int64,
            "budget": pl.Float64,
            "income": pl.Float64,
            "costs": pl.Float64,
        },
        orient="row",
    )


def worked_budget() -> pl.DataFrame:
    """The spec's worked example: 10.000.000 + 6 % + 400.000 + 150.000 − 370.000."""
    return budget_rows(
        {
            "offer_id": "T-1",
            "year": 2026,
            "places": 12,
            "direct_costs": 10_000_000.0,
            "depreciation": 400_000.0,
            "interest": 150_000.0,
            "adjustment": 370_000.0,
            "expected_occupancy": 96.0,
        }
    )

"""Sales and purchases between municipalities: a grant at an offer another municipality
(or the region) runs is a purchase of the paying municipality and a sale of the operator;
its amount is the grant's cost in the year (the one cost rule, ``core.costs``)."""

from __future__ import annotations

import datetime as dt

import polars as pl

from socialstyring.core.costs import cost_expr
from socialstyring.core.regional.offers import with_operator


def trades(grants: pl.DataFrame, register: pl.DataFrame, year: int) -> pl.DataFrame:
    """Per buyer, seller and offer: the year's amount and the number of grants. Only
    grants at a registered offer run by someone other than the buyer count."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    priced = (
        with_operator(
            grants.lazy()
            .filter(
                (pl.col("start") <= last) & (pl.col("end").is_null() | (pl.col("end") >= first))
            )
            .select(
                "municipality", "provider_id", "start", "end", "price", "price_unit", "quantity"
            )
            .collect(),
            register,
        )
        .lazy()
        .filter(pl.col("operator").is_not_null() & (pl.col("operator") != pl.col("municipality")))
        .with_columns(pl.col("quantity").fill_null(1.0))
        .select(
            pl.col("municipality").alias("buyer"),
            pl.col("operator").alias("seller"),
            pl.col("provider_id").alias("offer_id"),
            cost_expr(first, last).alias("amount"),
        )
        .filter(pl.col("amount") != 0)
    )
    return (
        priced.group_by("buyer", "seller", "offer_id")
        .agg(pl.col("amount").sum(), pl.len().cast(pl.Int64).alias("grants"))
        .sort("buyer", "seller", "offer_id")
        .collect()
    )


def sales_matrix(trades_frame: pl.DataFrame) -> pl.DataFrame:
    """Buyer × seller: amount and grants (long form; pivot for display)."""
    return (
        trades_frame.group_by("buyer", "seller")
        .agg(pl.col("amount").sum(), pl.col("grants").sum())
        .sort("buyer", "seller")
    )


def municipality_view(trades_frame: pl.DataFrame, code: str) -> dict[str, pl.DataFrame]:
    """What ``code`` buys (by seller and offer) and sells (by buyer and offer)."""
    return {
        "purchases": trades_frame.filter(pl.col("buyer") == code).sort("seller", "offer_id"),
        "sales": trades_frame.filter(pl.col("seller") == code).sort("buyer", "offer_id"),
    }


def balances(trades_frame: pl.DataFrame) -> pl.DataFrame:
    """Per party: total sold, total bought and the net (sold − bought)."""
    sold = trades_frame.group_by(pl.col("seller").alias("party")).agg(
        pl.col("amount").sum().alias("sold")
    )
    bought = trades_frame.group_by(pl.col("buyer").alias("party")).agg(
        pl.col("amount").sum().alias("bought")
    )
    return (
        sold.join(bought, on="party", how="full", coalesce=True)
        .with_columns(pl.col("sold").fill_null(0.0), pl.col("bought").fill_null(0.0))
        .with_columns((pl.col("sold") - pl.col("bought")).alias("net"))
        .sort("party")
    )

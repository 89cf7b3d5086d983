"""How the picture moved between two follow-ups (budgetopfølgninger): each grant's change
split into new grants, ended grants, price changes and the rest, and each account's
movement in whole kroner whose parts add up exactly to the movement as shown.

Frames in, frames out: a follow-up's grant figures are ``grant_id``, ``account``, ``end``,
``unit_price`` (price × quantity) and ``expected`` (the grant's cost in the year).
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from socialstyring.core.forecast import grant_year_costs
from socialstyring.terms import PARTS

GRANT_FIGURES = {
    "grant_id": pl.String,
    "account": pl.String,
    "end": pl.Date,
    "unit_price": pl.Float64,
    "expected": pl.Float64,
}
EXPECTED = {"account": pl.String, "expected": pl.Float64}
_EXPLAINED = ("new", "ended", "price")  # the parts grants explain; "other" is the rest
MIN_EFFECT = 0.005  # smaller effects are rounding, not change


def grant_figures(grants: pl.DataFrame, year: int, as_of: dt.date) -> pl.DataFrame:
    """Each known grant with cost in the year: what a follow-up keeps to explain a later
    movement."""
    priced = grant_year_costs(grants, year, as_of)
    return priced.select(
        "grant_id",
        "account",
        "end",
        (pl.col("price") * pl.col("quantity").fill_null(1.0)).alias("unit_price"),
        (pl.col("grant_spent") + pl.col("committed_rest")).alias("expected"),
    ).filter(pl.col("expected") != 0)


def grant_changes(a: pl.DataFrame, b: pl.DataFrame) -> pl.DataFrame:
    """Each grant's effect per part, one row per (grant, part) with an effect: the grant's
    figures in A and B (``expected_a``, ``unit_price_a``, ``end_a``, … ``_b``), ``part`` and
    ``effect``. A grant that moved account counts as removed from the old account and new
    on the new one."""
    joined = a.join(b, on=["grant_id", "account"], how="full", coalesce=True, suffix="_b").rename(
        {"end": "end_a", "unit_price": "unit_price_a", "expected": "expected_a"}
    )
    return (
        joined.with_columns(_effects())
        .unpivot(
            on=list(PARTS),
            index=list(joined.columns),
            variable_name="part",
            value_name="effect",
        )
        .filter(pl.col("effect").abs() >= MIN_EFFECT)
    )


def _effects() -> list[pl.Expr]:
    """Per grant: new (only in B), ended (only in A, or B ends earlier), price and other.

    The price effect is (B − A) unit price times B's volume in the year, i.e. what B would
    cost less at A's price; the rest of a kept grant's change is ``ended`` when its end
    moved earlier, else ``other`` (a later end, a moved start).
    """
    exp_a, exp_b = pl.col("expected_a"), pl.col("expected_b")
    up_a, up_b = pl.col("unit_price_a"), pl.col("unit_price_b")
    end_a, end_b = pl.col("end_a"), pl.col("end_b")
    in_a, in_b = exp_a.is_not_null(), exp_b.is_not_null()
    kept = in_a & in_b
    price = (
        pl.when(kept & (up_a != up_b))
        .then(pl.when(up_b != 0).then(exp_b * (up_b - up_a) / up_b).otherwise(-exp_a))
        .otherwise(0.0)
    )
    rest = exp_b - exp_a - price
    ended_earlier = end_b.is_not_null() & (end_a.is_null() | (end_b < end_a))
    return [
        pl.when(in_a).then(0.0).otherwise(exp_b).alias("new"),
        pl.when(~in_b)
        .then(-exp_a)
        .when(kept & ended_earlier)
        .then(rest)
        .otherwise(0.0)
        .alias("ended"),
        price.alias("price"),
        pl.when(kept & ~ended_earlier).then(rest).otherwise(0.0).alias("other"),
    ]


def account_movements(
    expected_a: pl.DataFrame, expected_b: pl.DataFrame, changes: pl.DataFrame
) -> pl.DataFrame:
    """Per account (sorted): ``expected_a``, ``expected_b`` and one column per part, in
    whole kroner. ``expected_*`` are the follow-ups' lines (``account``, ``expected``),
    ``changes`` is :func:`grant_changes`. The grants' parts are rounded sums; ``other`` is
    what they do not explain (the ledger, the split between spent and committed as time
    passes, grants whose period or start moved), so the parts add up to the movement."""
    accounts = (
        pl.concat([expected_a["account"], expected_b["account"], changes["account"]])
        .unique()
        .sort()
        .to_frame("account")
    )
    # A running sum in row order: the same float sum, to the last bit, as adding the grants'
    # effects one by one.
    explained = (
        changes.filter(pl.col("part").is_in(_EXPLAINED))
        .group_by("account", "part", maintain_order=True)
        .agg(pl.col("effect").cum_sum().last())
        .pivot(on="part", index="account", values="effect")
    )
    table = accounts.join(_rounded(expected_a, "expected_a"), on="account", how="left").join(
        _rounded(expected_b, "expected_b"), on="account", how="left"
    )
    table = table.join(explained, on="account", how="left")
    whole = [
        pl.col(p).round(0).fill_null(0.0).cast(pl.Int64).alias(p)
        if p in explained.columns
        else pl.lit(0, dtype=pl.Int64).alias(p)
        for p in _EXPLAINED
    ]
    table = table.with_columns(pl.col("expected_a", "expected_b").fill_null(0), *whole)
    other = pl.col("expected_b") - pl.col("expected_a") - sum(pl.col(p) for p in _EXPLAINED)
    return table.with_columns(other.alias("other")).select(
        "account", "expected_a", "expected_b", *PARTS
    )


def _rounded(expected: pl.DataFrame, name: str) -> pl.DataFrame:
    return expected.select("account", pl.col("expected").round(0).cast(pl.Int64).alias(name))

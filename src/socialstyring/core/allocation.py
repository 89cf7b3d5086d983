"""Budgets in a grouping other than the account (docs/forecast.md, "Budget per group").

Budgets are set per account. An account's budget belongs to a group (an area, a team …)
when all its grants with cost in the year carry that one value. A group's budget is known
when every account that spends in it belongs to it wholly; otherwise its budget and
deviation are unknown, and the accounts that split it are named.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import polars as pl

from socialstyring.core.forecast import grant_year_costs
from socialstyring.terms import UNASSIGNED


@dataclass
class Allocation:
    table: pl.DataFrame  # the forecast table with budget and deviation where known
    split_accounts: list[str] = field(default_factory=list)  # accounts in several groups
    unallocated: float = 0.0  # budget of accounts split or without spending
    budget_total: float = 0.0


def _value(column: str) -> pl.Expr:
    return pl.col(column).cast(pl.String).fill_null(UNASSIGNED).alias("_value")


def _account_groups(grants: pl.DataFrame, by: str, year: int, as_of: dt.date) -> pl.DataFrame:
    """The distinct (account, group value) pairs of the grants with cost in the year.
    Postings without a grant are the ``(uden)`` group's, which has no budget of its own."""
    used = dict.fromkeys(["account", by, "registered", "start", "end", "price"])
    used.update(dict.fromkeys(["quantity", "price_unit"]))
    priced = grant_year_costs(grants.select(list(used)), year, as_of)
    spending = priced.filter((pl.col("grant_spent") + pl.col("committed_rest")) != 0)
    return spending.select("account", _value(by)).unique()


def allocate(
    table: pl.DataFrame,
    grants: pl.DataFrame,
    account_budgets: pl.DataFrame,
    *,
    by: str,
    year: int,
    as_of: dt.date,
) -> Allocation:
    """``table`` (the forecast grouped ``by``) with the budget of each group whose
    accounts are wholly its own; ``account_budgets`` holds one budget per account."""
    pairs = _account_groups(grants, by, year, as_of)
    per_account = pairs.group_by("account").agg(
        pl.col("_value").n_unique().alias("_groups"), pl.col("_value").first()
    )
    whole = per_account.filter(pl.col("_groups") == 1)
    split = per_account.filter(pl.col("_groups") > 1)
    unknown = pairs.join(split.select("account"), on="account", how="semi")["_value"].unique()
    budgets = account_budgets.join(whole.select("account", "_value"), on="account", how="left")
    per_group = (
        budgets.drop_nulls("_value")
        .group_by("_value")
        .agg(pl.col("budget").sum().alias("_budget"))
        .rename({"_value": by})
    )
    key = pl.col(by).cast(pl.String).fill_null(UNASSIGNED)
    allocated = (
        table.with_columns(key.alias("_key"))
        .join(per_group.rename({by: "_key"}), on="_key", how="left")
        .with_columns(
            pl.when(pl.col("_key").is_in(unknown.implode()))
            .then(None)
            .otherwise(pl.col("_budget"))
            .alias("budget")
        )
        .with_columns((pl.col("budget") - pl.col("expected")).alias("deviation"))
        .drop("_key", "_budget")
    )
    unallocated = budgets.filter(pl.col("_value").is_null())["budget"].sum()
    return Allocation(
        table=allocated.select(table.columns),
        split_accounts=sorted(split["account"].to_list()),
        unallocated=float(unallocated or 0.0),
        budget_total=float(account_budgets["budget"].sum() or 0.0),
    )

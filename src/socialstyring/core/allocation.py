"""Budgets in a grouping other than the account (docs/forecast.md, "Budget per group").

Budgets are set per account, and the budget file may distribute an account's budget to
areas and teams. A distributed budget belongs to its group as given. An undistributed
account's budget belongs to a group (an area, a team …) when all its grants with cost in
the year carry that one value. A group's budget is known when every undistributed account
that spends in it belongs to it wholly; otherwise its budget and deviation are unknown,
and the accounts that split it are named.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import polars as pl

from socialstyring.core.forecast import chosen_budget_rows, grant_year_costs
from socialstyring.terms import UNASSIGNED


@dataclass
class Allocation:
    table: pl.DataFrame  # the forecast table with budget and deviation where known
    split_accounts: list[str] = field(default_factory=list)  # accounts in several groups
    unallocated: float = 0.0  # budget of undistributed accounts split or without spending
    budget_total: float = 0.0
    distributed: float = 0.0  # budget the file gave to groups of this grouping


def split_budgets(
    budgets: pl.DataFrame | None, year: int, by: str
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(the budget the file distributed on ``by``, as ``account``, ``by`` and ``budget``;
    the budget of each account not distributed on ``by``, as ``account`` and ``budget``).
    Only area and team can be distributed; every other grouping gets account budgets."""
    rows = chosen_budget_rows(budgets, year)
    if by not in rows.columns:
        rows = rows.with_columns(pl.lit("", pl.String).alias(by))
    given = pl.col(by).fill_null("") != ""
    distributed = (
        rows.filter(given)
        .group_by("account", by)
        .agg(pl.col("amount").sum().alias("budget"))
        .sort("account", by)
    )
    undistributed = (
        rows.filter(~given)
        .group_by("account")
        .agg(pl.col("amount").sum().alias("budget"))
        .sort("account")
    )
    return distributed, undistributed


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
    distributed: pl.DataFrame | None = None,
) -> Allocation:
    """``table`` (the forecast grouped ``by``) with the budget of each group: what
    ``distributed`` gives it (``account``, ``by``, ``budget``), plus the budgets of the
    accounts wholly its own; ``account_budgets``: one budget per undistributed account."""
    if distributed is None:
        distributed = pl.DataFrame(
            schema={"account": pl.String, by: pl.String, "budget": pl.Float64}
        )
    # A distributed account's grants decide nothing: its budget is where the file put it.
    pairs = _account_groups(grants, by, year, as_of).join(
        distributed.select("account"), on="account", how="anti"
    )
    per_account = pairs.group_by("account").agg(
        pl.col("_value").n_unique().alias("_groups"), pl.col("_value").first()
    )
    whole = per_account.filter(pl.col("_groups") == 1)
    split = per_account.filter(pl.col("_groups") > 1)
    unknown = pairs.join(split.select("account"), on="account", how="semi")["_value"].unique()
    budgets = account_budgets.join(whole.select("account", "_value"), on="account", how="left")
    given = distributed.select(pl.col(by).cast(pl.String).alias("_value"), "budget")
    per_group = (
        pl.concat([budgets.drop_nulls("_value").select("_value", "budget"), given])
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
            # a line whose accounts are all known but none budgeted has the budget 0 kr.,
            # as an account without a budget row has (docs/forecast.md)
            .when(pl.col("_key") == UNASSIGNED)
            .then(pl.col("_budget"))
            .otherwise(pl.col("_budget").fill_null(0.0))
            .alias("budget")
        )
        .with_columns((pl.col("budget") - pl.col("expected")).alias("deviation"))
        .drop("_key", "_budget")
    )
    unallocated = budgets.filter(pl.col("_value").is_null())["budget"].sum()
    total = float(account_budgets["budget"].sum() or 0.0) + float(given["budget"].sum() or 0.0)
    return Allocation(
        table=allocated.select(table.columns),
        split_accounts=sorted(split["account"].to_list()),
        unallocated=float(unallocated or 0.0),
        budget_total=total,
        distributed=float(given["budget"].sum() or 0.0),
    )

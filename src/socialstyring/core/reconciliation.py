"""How the ledger's spent-to-date and the grants' cost meet (docs/forecast.md,
"Reconciliation").

With a ledger, the overview's spent-to-date of a group is the sum of its postings; the
grants behind the figure carry their own cost. The two are bridged per account by five
sums, each a whole-frame aggregation:

    ledger     = linked postings + postings without a grant on the list
    grant cost = cost of the grants with postings + cost of the grants without postings
    difference = cost of the grants with postings − linked postings

A posting belongs to a group the way the forecast puts it there: by its own account, or
by the grouping value of its grant (``(uden)`` without one). It is *linked* when its grant
is one of the group's grants.
"""

from __future__ import annotations

import polars as pl

from socialstyring.terms import UNASSIGNED

FIGURES = (
    "linked_postings",
    "unlinked_postings",
    "ledger",
    "linked_cost",
    "difference",
    "unposted_cost",
    "grant_cost",
)


def _value(field: str) -> pl.Expr:
    return pl.col(field).cast(pl.String).fill_null(UNASSIGNED)


def grant_members(grants: pl.DataFrame, filters: dict[str, str]) -> pl.Expr:
    """The grant rows of a drill-down, as the grant list filters them."""
    condition = pl.lit(True)
    for field, value in filters.items():
        if field in grants.columns:
            condition = condition & (_value(field) == value)
    return condition


def postings_of_group(
    postings: pl.DataFrame, grants: pl.DataFrame, filters: dict[str, str]
) -> pl.DataFrame:
    """The postings behind a figure, each with ``linked`` (its grant is on the list) and
    ``grant_account`` (the account of its grant, null without one)."""
    dims = [f for f in filters if f != "account" and f in grants.columns]
    members = grants.filter(grant_members(grants, filters)).select("grant_id")
    if "account" in filters:  # narrow the ledger before the join
        postings = postings.filter(pl.col("account") == filters["account"])
    # A grant id is a grant's key, so the join adds no rows (as the forecast's).
    keyed = grants.select("grant_id", pl.col("account").alias("grant_account"), *dims)
    frame = postings.join(keyed, on="grant_id", how="left", maintain_order="left")
    condition = pl.lit(True)
    for field, value in filters.items():
        if field in dims:
            condition = condition & (_value(field) == value)
    frame = frame.filter(condition).drop(dims)
    linked = pl.col("grant_id").is_in(members["grant_id"].implode()).fill_null(False)
    return frame.with_columns(linked.alias("linked"))


def reconcile(
    postings: pl.DataFrame, grants: pl.DataFrame, filters: dict[str, str]
) -> pl.DataFrame:
    """One line per account of the drill-down with :data:`FIGURES`. ``postings`` are the
    ledger's rows of the period, ``grants`` the priced grants (``spent_to_date`` = cost
    up to the day) of every team: the list's figures before anyone's access is applied."""
    group = postings_of_group(postings, grants, filters)
    posted = group.filter(pl.col("linked"))["grant_id"].unique().implode()
    by_posting = group.group_by("account").agg(
        pl.col("amount").filter(pl.col("linked")).sum().alias("linked_postings"),
        pl.col("amount").filter(~pl.col("linked")).sum().alias("unlinked_postings"),
    )
    listed = grants.filter(grant_members(grants, filters))
    has_postings = pl.col("grant_id").is_in(posted).fill_null(False)
    by_grant = listed.group_by("account").agg(
        pl.col("spent_to_date").filter(has_postings).sum().alias("linked_cost"),
        pl.col("spent_to_date").filter(~has_postings).sum().alias("unposted_cost"),
    )
    lines = by_posting.join(by_grant, on="account", how="full", coalesce=True).with_columns(
        pl.col(c).fill_null(0.0).cast(pl.Float64)
        for c in ("linked_postings", "unlinked_postings", "linked_cost", "unposted_cost")
    )
    return lines.select(
        "account",
        "linked_postings",
        "unlinked_postings",
        (pl.col("linked_postings") + pl.col("unlinked_postings")).alias("ledger"),
        "linked_cost",
        (pl.col("linked_cost") - pl.col("linked_postings")).alias("difference"),
        "unposted_cost",
        (pl.col("linked_cost") + pl.col("unposted_cost")).alias("grant_cost"),
    ).sort("account")


def line_totals(lines: pl.DataFrame) -> dict[str, float]:
    return {f: float(lines[f].sum()) for f in FIGURES}

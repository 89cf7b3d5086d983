"""The commitment forecast (disponering), exactly as docs/forecast.md describes it.

Inputs are frames with the field names of the registry (``socialstyring.terms``); ``year``
and ``as_of`` are arguments, never read from a clock.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from socialstyring.core.costs import cost_expr, costs_by_unit
from socialstyring.core.periods import month_bounds_inclusive, year_end_inclusive, year_start
from socialstyring.terms import MEASURE_FIELDS as MEASURES
from socialstyring.terms import UNASSIGNED


def known_grants(grants: pl.DataFrame | pl.LazyFrame, as_of: dt.date):
    """Grants known on ``as_of``: registered (default: started) on or before it."""
    registered = pl.col("registered").fill_null(pl.col("start"))
    return grants.filter(registered <= as_of)


def uses_ledger(postings: pl.DataFrame | None, year: int) -> bool:
    if postings is None or postings.height == 0:
        return False
    in_year = pl.col("posting_date").is_between(year_start(year), year_end_inclusive(year))
    return postings.filter(in_year).height > 0


def chosen_budget_rows(budgets: pl.DataFrame | None, year: int) -> pl.DataFrame:
    """The budget rows of ``year`` of each account's chosen kind: corrected when the
    account has any, else adopted. An account's rows may be distributed to areas and
    teams (docs/import.md); they are all of one kind, so the sum is the account's."""
    if budgets is None or budgets.height == 0:
        return pl.DataFrame(schema={"account": pl.String, "kind": pl.String, "amount": pl.Float64})
    in_year = budgets.filter(pl.col("year") == year)
    corrected = (pl.col("kind") == "corrected").any().over("account")
    keep = pl.when(corrected).then(pl.col("kind") == "corrected").otherwise(True)
    return in_year.filter(keep)


def effective_budget(budgets: pl.DataFrame | None, year: int) -> pl.DataFrame:
    """One budget per account for ``year`` (the sum over its areas and teams): corrected
    when present, else adopted."""
    return (
        chosen_budget_rows(budgets, year)
        .group_by("account")
        .agg(pl.col("amount").sum().alias("budget"))
        .sort("account")
    )


def grant_year_costs(
    grants: pl.DataFrame, year: int, as_of: dt.date, *, any_order: bool = False
) -> pl.DataFrame:
    """Known grants with ``spent_to_date`` (cost up to ``as_of``) and ``committed_rest``.
    With ``any_order`` the rows come grouped by price unit, each unit priced by its own
    formula only (``costs_by_unit``: the same figures, a third of the work)."""
    # Both periods stay inside the year, also when ``as_of`` lies before or after it.
    rest_from = max(as_of + dt.timedelta(days=1), year_start(year))
    periods = {
        "grant_spent": (year_start(year), _spent_until(year, as_of)),
        "committed_rest": (rest_from, year_end_inclusive(year)),
    }
    known = known_grants(grants.lazy(), as_of)
    if any_order:
        return costs_by_unit(known, periods).collect()
    # Lazy, so polars evaluates the two cost expressions in parallel and shares their parts.
    return known.with_columns(
        cost_expr(first, last).alias(name) for name, (first, last) in periods.items()
    ).collect()


def _spent_until(year: int, as_of: dt.date) -> dt.date:
    """Last day of the spent period: ``as_of``, but never past the year (the posting date
    decides the year, also while the books stay open into February)."""
    return min(as_of, year_end_inclusive(year))


def _posting_spend(postings: pl.DataFrame, year: int, as_of: dt.date) -> pl.DataFrame:
    return postings.filter(
        pl.col("posting_date").is_between(year_start(year), _spent_until(year, as_of))
    )


def forecast(
    grants: pl.DataFrame,
    budgets: pl.DataFrame | None,
    postings: pl.DataFrame | None,
    *,
    year: int,
    as_of: dt.date,
    by: str = "account",
) -> pl.DataFrame:
    """Forecast for ``year`` as of ``as_of``, one row per value of ``by``.

    ``by`` is ``account`` or any grant column (``area``, ``paragraph``,
    ``provider_type``, ``team`` …). Budgets exist per account only, so other
    groupings carry budget and deviation only where the dimension is the account.
    Postings are attributed to a grant dimension through their ``grant_id``;
    postings without a known grant fall in the group ``(uden)``.
    """
    # Only the columns read here: filtering the known grants copies every column it carries.
    used = dict.fromkeys([by, "registered", "start", "end", "price", "quantity", "price_unit"])
    priced = grant_year_costs(grants.select(list(used)), year, as_of, any_order=True)
    ledger = uses_ledger(postings, year)
    spent_col = pl.lit(0.0) if ledger else pl.col("grant_spent")
    per_grant = priced.select(
        pl.col(by).fill_null(UNASSIGNED) if by != "account" else pl.col(by),
        spent_col.alias("spent_to_date"),
        pl.col("committed_rest"),
        (pl.col("grant_spent") + pl.col("committed_rest")).alias("_year_cost"),
    )
    parts = [per_grant]
    if ledger:
        spend = _posting_spend(postings, year, as_of)  # type: ignore[arg-type]
        if by != "account":
            dims = grants.select("grant_id", pl.col(by))
            spend = spend.join(dims, on="grant_id", how="left")
        parts.append(
            spend.select(
                pl.col(by).fill_null(UNASSIGNED) if by != "account" else pl.col(by),
                pl.col("amount").alias("spent_to_date"),
                pl.lit(0.0).alias("committed_rest"),
                pl.lit(0.0).alias("_year_cost"),
            )
        )
    sums = (
        pl.concat(parts, how="vertical_relaxed")
        .group_by(by)
        .agg(
            pl.col("spent_to_date").sum(),
            pl.col("committed_rest").sum(),
            pl.col("_year_cost").sum(),
            pl.len().alias("_rows"),
        )
    )
    # A grant dimension line exists when it has cost in the year or ledger spending.
    sums = sums.filter((pl.col("_year_cost") != 0) | (pl.col("spent_to_date") != 0))
    if by == "account":
        budget = effective_budget(budgets, year)
        table = budget.join(sums, on="account", how="full", coalesce=True)
    else:
        table = sums.with_columns(pl.lit(None, dtype=pl.Float64).alias("budget"))
    table = table.with_columns(
        pl.col("spent_to_date").fill_null(0.0),
        pl.col("committed_rest").fill_null(0.0),
    ).with_columns((pl.col("spent_to_date") + pl.col("committed_rest")).alias("expected"))
    if by == "account":
        table = table.with_columns(pl.col("budget").fill_null(0.0))
    table = table.with_columns((pl.col("budget") - pl.col("expected")).alias("deviation"))
    return table.select(by, *MEASURES).sort(by)


def totals(table: pl.DataFrame) -> dict[str, float | None]:
    """Column sums of a forecast table (None where the column has no values)."""
    row = table.select(
        pl.col(m).sum()
        if table[m].null_count() < table.height
        else pl.lit(None, dtype=pl.Float64).alias(m)
        for m in MEASURES
    )
    return {m: row[m][0] for m in MEASURES}


def monthly_profile(
    grants: pl.DataFrame,
    postings: pl.DataFrame | None,
    *,
    year: int,
    as_of: dt.date,
) -> pl.DataFrame:
    """Spending month by month in ``year``: ``spent`` up to ``as_of``, ``committed`` after it.

    Spent comes from the ledger when there is one, as in :func:`forecast`.
    """
    # Costs are additive over adjacent periods, so month m's part of [1 January, t] is
    # K(t ∧ end of m) − K(t ∧ end of m−1), with K(t) the total cost over [1 January, t].
    # Thirteen whole-frame sums instead of a grants × months cross join.
    first = year_start(year)
    cut = min(max(as_of, first - dt.timedelta(days=1)), year_end_inclusive(year))
    month_ends = [first - dt.timedelta(days=1)] + [
        month_bounds_inclusive(year, m)[1] for m in range(1, 13)
    ]
    points = sorted({*month_ends, cut})
    known = known_grants(grants.lazy(), as_of).select(
        "start", "end", "price", "quantity", "price_unit"
    )
    sums = known.select(cost_expr(first, t).sum().alias(t.isoformat()) for t in points).collect()
    cumulative = {t: float(sums[t.isoformat()][0]) for t in points}
    cumulative[month_ends[0]] = 0.0
    spent, committed = [], []
    for m in range(1, 13):
        before, end = month_ends[m - 1], month_ends[m]
        spent.append(cumulative[min(end, cut)] - cumulative[min(before, cut)])
        committed.append(cumulative[max(end, cut)] - cumulative[max(before, cut)])
    profile = pl.DataFrame(
        {"month": list(range(1, 13)), "grant_spent": spent, "committed": committed}
    )
    ledger = uses_ledger(postings, year)
    if ledger:
        booked = (
            _posting_spend(postings, year, as_of)  # type: ignore[arg-type]
            .group_by(pl.col("posting_date").dt.month().cast(pl.Int64).alias("month"))
            .agg(pl.col("amount").sum().alias("spent"))
        )
        profile = profile.join(booked, on="month", how="left").with_columns(
            pl.col("spent").fill_null(0.0)
        )
    else:
        profile = profile.with_columns(pl.col("grant_spent").alias("spent"))
    return profile.select(
        pl.col("month").cast(pl.Int64),
        "spent",
        "committed",
        (pl.col("spent") + pl.col("committed")).alias("expected"),
    ).sort("month")

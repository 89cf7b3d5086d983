"""Review outcomes against the case system's grants (docs/casework.md, "Case reviews"):
whether the grants show an outcome yet, and the forecast's separate column of the change
the outcomes not yet registered make to this year's expected cost.

An outcome is a decision; the grants come from the case system. Once they show it, it is
registered; until then it waits, and 30 days after the review it is flagged. Until it is
registered, its effect is a named column of its own, never folded into ``expected``.
Frames in, frames out, vectorised; the cost rule is ``core/costs`` and the new terms are
``steering.after_outcomes`` (the rule of a review's saving).
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from socialstyring.core.costs import cost_expr
from socialstyring.core.forecast import known_grants
from socialstyring.core.periods import year_end_inclusive, year_start
from socialstyring.core.rules import steering
from socialstyring.terms import ADULTS, UNASSIGNED

REGISTERED, WAITING, FLAGGED = "registered", "waiting", "flagged"
FLAG_AFTER_DAYS = 30
DECIDED = "decided"  # the forecast's column (terms.DECIDED_MEASURE)

OUTCOMES_SCHEMA = {
    "review_id": pl.Int64,
    "grant_id": pl.String,
    "reviewed_on": pl.Date,
    "registered_on": pl.Date,  # the day an import first showed it (kept once seen)
    **steering.OUTCOME_SCHEMA,
}
"""The recorded outcomes, one row per review."""

# What the grants must hold to tell whether they show an outcome.
GRANT_TERMS = ("grant_id", "end", "quantity", "price", "price_unit", "area")
# Outcomes that change what a grant costs; the others change no figure of the forecast.
COSTING = (steering.CLOSED, steering.HOURS_REDUCED, steering.CONVERTED)


def shown_expr(as_of: dt.date) -> pl.Expr:
    """Whether a grant row (its current terms beside an outcome's columns) shows the
    outcome. Closed: the grant has an end on or before the wind-down day, the effective day
    or ``as_of``, whichever is latest; hours reduced: at most the new hours; converted: the
    new price and unit, where given (either also when the grant ends before the effective
    day: the case system closed the old terms, the new ones come as a grant of their own);
    moved: the grant is in the adults' area; unchanged: always. A grant no longer there
    (null terms) shows nothing."""
    outcome = pl.col("outcome")
    latest = pl.max_horizontal(
        pl.col("wind_down").fill_null(pl.col("effective")),
        pl.col("effective"),
        pl.lit(as_of, pl.Date),
    )
    new_unit = pl.col("new_unit").fill_null("")
    ended_before = pl.col("end").is_not_null() & (pl.col("end") < pl.col("effective"))
    return (
        pl.when(outcome == steering.UNCHANGED)
        .then(pl.lit(True))
        .when(outcome == steering.CLOSED)
        .then(pl.col("end").is_not_null() & (pl.col("end") <= latest))
        .when(outcome == steering.HOURS_REDUCED)
        .then(
            ended_before
            | (
                pl.col("new_quantity").is_not_null()
                & (pl.col("quantity") <= pl.col("new_quantity"))
            )
        )
        .when(outcome == steering.CONVERTED)
        .then(
            ended_before
            | (
                pl.col("price").is_not_null()
                & (pl.col("new_price").is_null() | (pl.col("price") == pl.col("new_price")))
                & ((new_unit == "") | (pl.col("price_unit") == new_unit))
            )
        )
        .when(outcome == steering.MOVED_TO_ADULTS)
        .then(pl.col("area") == ADULTS)
        .otherwise(pl.lit(False))
        .fill_null(False)
    )


def statuses(outcomes: pl.DataFrame, grants: pl.DataFrame, as_of: dt.date) -> pl.DataFrame:
    """``outcomes`` (:data:`OUTCOMES_SCHEMA`) with ``shown`` (the grants show it now) and
    ``status``: registered (shown now, or seen by an earlier import), flagged (not
    registered more than 30 days after the review) or waiting. ``grants``: the grants as
    they are now (:data:`GRANT_TERMS`)."""
    terms = _of(grants, outcomes).select(GRANT_TERMS).unique("grant_id", keep="first")
    joined = outcomes.join(terms, on="grant_id", how="left", maintain_order="left")
    late = pl.col("reviewed_on").dt.offset_by(f"{FLAG_AFTER_DAYS}d") < pl.lit(as_of, pl.Date)
    return (
        joined.with_columns(shown_expr(as_of).alias("shown"))
        .with_columns(
            pl.when(pl.col("shown") | pl.col("registered_on").is_not_null())
            .then(pl.lit(REGISTERED))
            .when(late)
            .then(pl.lit(FLAGGED))
            .otherwise(pl.lit(WAITING))
            .alias("status")
        )
        .select(*outcomes.columns, "shown", "status")
    )


def _of(grants: pl.DataFrame, outcomes: pl.DataFrame) -> pl.DataFrame:
    """The grants the outcomes are about (a few among many: the rest is never joined)."""
    return grants.filter(pl.col("grant_id").is_in(outcomes["grant_id"].unique().implode()))


def pending(outcomes: pl.DataFrame, grants: pl.DataFrame, as_of: dt.date) -> pl.DataFrame:
    """The decisions that stand on ``as_of`` and the grants do not show yet: per grant its
    latest outcome reviewed on or before ``as_of`` (a later review replaces an earlier
    one), when that outcome changes the cost and is not registered; flagged ones included,
    since a decision stands until the case system has it."""
    latest = (
        outcomes.filter(pl.col("reviewed_on") <= as_of)
        .sort("reviewed_on", "review_id")
        .unique("grant_id", keep="last", maintain_order=True)
    )
    return statuses(latest, grants, as_of).filter(
        (pl.col("status") != REGISTERED) & pl.col("outcome").is_in(COSTING)
    )


def decided(
    grants: pl.DataFrame,
    outcomes: pl.DataFrame,
    *,
    year: int,
    as_of: dt.date,
    by: str = "account",
    ledger: bool = False,
) -> pl.DataFrame:
    """Per value of ``by``: ``decided``, the change the pending outcomes (:func:`pending`)
    make to the year's expected cost of the known grants: the year's cost on the new
    terms from each effective day less the year's cost as the grants stand (negative: a
    saving). With a ledger (``ledger``), spent to date is the postings', so only the
    committed rest after ``as_of`` can change. Only groups with an outcome appear."""
    group = pl.col(by).fill_null(UNASSIGNED) if by != "account" else pl.col(by)
    schema = {by: pl.String, DECIDED: pl.Float64}
    first = max(as_of + dt.timedelta(days=1), year_start(year)) if ledger else year_start(year)
    last = year_end_inclusive(year)
    chosen = pending(outcomes, grants, as_of)
    if chosen.height == 0 or first > last:
        return pl.DataFrame(schema=schema)
    joined = known_grants(_of(grants, chosen), as_of).join(
        chosen.select("grant_id", *steering.OUTCOME_SCHEMA), on="grant_id", how="inner"
    )
    before = joined.select(group.alias(by), (-cost_expr(first, last)).alias(DECIDED))
    after = steering.after_outcomes(joined).select(
        group.alias(by), cost_expr(first, last).alias(DECIDED)
    )
    return (
        pl.concat([before, after])
        .group_by(by)
        .agg(pl.col(DECIDED).sum())
        .with_columns(pl.col(by).cast(pl.String))
        .sort(by)
    )

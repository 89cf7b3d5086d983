"""What-if scenarios (docs/economics.md): changes to the known grants from a day ``X``,
and this year's and next year's spend per account against the base.

A changed grant is cut into pieces: the old terms up to ``X − 1`` and the new terms from
``X``; every piece is priced by the one cost rule (``core/costs``), which is additive over
adjacent periods, so an unchanged grant and its two pieces cost the same. Changes apply in
their order; a later change sees the terms an earlier one set. One loop per change, never
per grant.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl

from socialstyring.core.costs import cost_expr
from socialstyring.core.forecast import effective_budget, forecast, known_grants
from socialstyring.core.periods import year_end_inclusive, year_start

END, REDUCE_HOURS, BRING_HOME, TARIFF_CHANGE, ADD_AMOUNT = (
    "end",
    "reduce_hours",
    "bring_home",
    "tariff_change",
    "add_amount",
)
CHANGE_KINDS = (END, REDUCE_HOURS, BRING_HOME, TARIFF_CHANGE, ADD_AMOUNT)
OWN = "own"  # the provider type of the municipality's own offers
FIGURES = (
    "base_Y",
    "scenario_Y",
    "difference_Y",
    "base_Y1",
    "scenario_Y1",
    "difference_Y1",
)
_PRICED = ("account", "start", "end", "price", "quantity", "price_unit")


@dataclass(frozen=True)
class Change:
    """One change from day ``start`` (the spec's ``X``) to the grants ``condition`` selects.

    ``end``: the grants end on ``X − 1``. ``reduce_hours``: ``quantity × factor`` of the
    ``hour`` grants. ``tariff_change``: ``price × (1 + pct / 100)``. ``bring_home``: the own
    offer's ``price`` per ``unit`` (and ``quantity``; by default the grant's own when the unit
    stays, else 1), provider type ``own`` and ``provider_id`` when given. ``add_amount``: a
    yearly ``amount`` on ``account`` from ``X`` (to ``until`` when given), spread by days as
    a year-priced grant; it has no condition.
    """

    kind: str
    start: dt.date
    condition: pl.Expr | None = None
    factor: float = 1.0
    pct: float = 0.0
    price: float = 0.0
    unit: str = ""
    quantity: float | None = None
    provider_id: str | None = None
    amount: float = 0.0
    account: str = ""
    until: dt.date | None = None


Frame = pl.DataFrame | pl.LazyFrame


def _new_terms(pieces: pl.LazyFrame, change: Change) -> pl.LazyFrame:
    if change.kind == REDUCE_HOURS:
        return pieces.with_columns(pl.col("quantity") * change.factor)
    if change.kind == TARIFF_CHANGE:
        return pieces.with_columns(pl.col("price") * (1.0 + change.pct / 100.0))
    if change.kind == BRING_HOME:
        quantity = (
            pl.lit(change.quantity, dtype=pl.Float64)
            if change.quantity is not None
            else pl.when(pl.col("price_unit") == change.unit)
            .then(pl.col("quantity"))
            .otherwise(1.0)
        )
        home = [
            quantity.alias("quantity"),
            pl.lit(float(change.price)).alias("price"),
            pl.lit(change.unit, dtype=pl.String).alias("price_unit"),
        ]
        columns = pieces.collect_schema().names()
        if "provider_type" in columns:
            home.append(pl.lit(OWN, dtype=pl.String).alias("provider_type"))
        if change.provider_id is not None and "provider_id" in columns:
            home.append(pl.lit(change.provider_id, dtype=pl.String).alias("provider_id"))
        return pieces.with_columns(home)
    raise ValueError(change.kind)


def hit_expr(change: Change) -> pl.Expr:
    """The pieces ``change`` applies to (never null)."""
    hit = change.condition if change.condition is not None else pl.lit(True)
    if change.kind == REDUCE_HOURS:
        hit = hit & (pl.col("price_unit") == "hour")
    return hit.fill_null(False)


def apply_change(pieces: Frame, change: Change) -> pl.DataFrame:
    """``pieces`` after ``change``: the matching pieces that span ``X`` cut in two."""
    if change.kind == ADD_AMOUNT:
        return pieces.lazy().collect()
    x = change.start
    hit = hit_expr(change)
    # Marked once and kept: the three parts below each read it (a lazy plan would
    # evaluate it again for every part, and again for every later change).
    marked = pieces.lazy().with_columns(hit.alias("_hit")).collect()
    once = pl.col("price_unit") == "once"
    start, end = pl.col("start"), pl.col("end")
    # A one-off is never cut: it falls wholly before or after X by its day.
    day_before = pl.lit(x - dt.timedelta(days=1), dtype=pl.Date)
    runs_past = ~once & (end.is_null() | (end >= x))
    before_x = marked.filter(pl.col("_hit") & (start < x)).with_columns(
        pl.when(runs_past).then(day_before).otherwise(end).alias("end")
    )
    parts = [marked.filter(~pl.col("_hit")), before_x]
    if change.kind != END:
        after_x = marked.filter(
            pl.col("_hit") & pl.when(once).then(start >= x).otherwise(end.is_null() | (end >= x))
        ).with_columns(pl.max_horizontal(start, pl.lit(x)).alias("start"))
        parts.append(_new_terms(after_x.lazy(), change).collect())
    return pl.concat(parts, how="vertical_relaxed").drop("_hit")


def scenario_pieces(grants: Frame, changes: list[Change]) -> pl.DataFrame:
    """The grants as the scenario has them: every change applied, in order."""
    pieces = grants.lazy().collect()
    for change in changes:
        pieces = apply_change(pieces, change)
    return pieces


def added_amounts(changes: list[Change]) -> pl.DataFrame:
    """The ``add_amount`` changes as year-priced pieces on their accounts."""
    rows = [
        {
            "account": c.account,
            "start": c.start,
            "end": c.until,
            "price": float(c.amount),
            "quantity": 1.0,
            "price_unit": "year",
        }
        for c in changes
        if c.kind == ADD_AMOUNT
    ]
    schema = {
        "account": pl.String,
        "start": pl.Date,
        "end": pl.Date,
        "price": pl.Float64,
        "quantity": pl.Float64,
        "price_unit": pl.String,
    }
    return pl.DataFrame(rows, schema=schema)


def _year_costs(pieces: pl.DataFrame | pl.LazyFrame, year: int, prefix: str) -> pl.LazyFrame:
    return (
        pieces.lazy()
        .select(
            "account",
            cost_expr(year_start(year), year_end_inclusive(year)).alias(f"{prefix}_Y"),
            cost_expr(year_start(year + 1), year_end_inclusive(year + 1)).alias(f"{prefix}_Y1"),
        )
        .group_by("account")
        .agg(pl.col(f"{prefix}_Y").sum(), pl.col(f"{prefix}_Y1").sum())
    )


def _row_costs(pieces: pl.DataFrame, year: int, sign: float) -> pl.LazyFrame:
    return pieces.lazy().select(
        "account",
        (cost_expr(year_start(year), year_end_inclusive(year)) * sign).alias("delta_Y"),
        (cost_expr(year_start(year + 1), year_end_inclusive(year + 1)) * sign).alias("delta_Y1"),
    )


def scenario(
    grants: pl.DataFrame,
    changes: list[Change],
    *,
    year: int,
    as_of: dt.date,
    budgets: pl.DataFrame | None = None,
    postings: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Per account: ``budget``, ``base_Y`` (the forecast's expected year-end), ``scenario_Y``
    (the base plus the change in the grants' cost over the year), the same for ``Y + 1``
    (the known grants' cost that year; open-ended grants go on) and the differences."""
    known = known_grants(grants.lazy(), as_of).collect()
    base = _year_costs(known.select(_PRICED), year, "grants")
    # A grant no change applies to on its own terms is never changed (a later change only
    # sees new terms on grants an earlier one changed): it costs the same in both, so the
    # scenario is the base plus what the touched grants' pieces cost minus their old cost.
    conditions = [hit_expr(c) for c in changes if c.kind != ADD_AMOUNT]
    touched = known.filter(pl.any_horizontal(conditions)) if conditions else known.clear()
    pieces = scenario_pieces(touched, changes)
    delta = (
        pl.concat(
            [
                _row_costs(pieces, year, 1.0),
                _row_costs(touched, year, -1.0),
                _row_costs(added_amounts(changes), year, 1.0),
            ],
            how="vertical_relaxed",
        )
        .group_by("account")
        .agg(pl.col("delta_Y").sum(), pl.col("delta_Y1").sum())
    )
    base_sums, delta_sums = pl.collect_all([base, delta])
    table = (
        base_sums.join(delta_sums, on="account", how="full", coalesce=True)
        .join(effective_budget(budgets, year), on="account", how="full", coalesce=True)
        .with_columns(pl.exclude("account").fill_null(0.0))
        .with_columns(
            (pl.col("grants_Y") + pl.col("delta_Y")).alias("changed_Y"),
            (pl.col("grants_Y1") + pl.col("delta_Y1")).alias("changed_Y1"),
        )
    )
    if postings is not None and postings.height > 0:
        # With a ledger the year's base is the forecast's expected figure (booked spend to
        # date + what is committed after); the scenario moves it by what the changes move.
        expected = forecast(
            grants.select(_PRICED + ("registered",)), None, postings, year=year, as_of=as_of
        ).select("account", pl.col("expected").alias("base_Y"))
        table = table.join(expected, on="account", how="full", coalesce=True).with_columns(
            pl.exclude("account").fill_null(0.0)
        )
    else:
        table = table.with_columns(pl.col("grants_Y").alias("base_Y"))
    # Rounded to øre, so an account no change touches shows exactly no difference.
    table = table.with_columns(
        pl.col("budget", "base_Y").round(2),
        (pl.col("changed_Y") - pl.col("grants_Y")).round(2).alias("difference_Y"),
        pl.col("grants_Y1").round(2).alias("base_Y1"),
        (pl.col("changed_Y1") - pl.col("grants_Y1")).round(2).alias("difference_Y1"),
    ).with_columns(
        (pl.col("base_Y") + pl.col("difference_Y")).round(2).alias("scenario_Y"),
        (pl.col("base_Y1") + pl.col("difference_Y1")).round(2).alias("scenario_Y1"),
    )
    shown = (pl.col("budget") != 0) | pl.any_horizontal(pl.col(f) != 0 for f in FIGURES)
    return table.filter(shown).select("account", "budget", *FIGURES).sort("account")


def scenario_totals(table: pl.DataFrame) -> dict[str, float]:
    """The column sums of a scenario table."""
    sums = table.select(pl.col("budget", *FIGURES).sum())
    return {name: float(sums[name][0]) for name in ("budget", *FIGURES)}

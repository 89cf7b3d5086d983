"""Backtests of the projection (docs/projection.md): for past years and month-end cuts,
project with only what was known at the cut and compare with the outcome.

What was known at a cut: the grants registered by then (``registered ≤ cut``) and the ledger
up to it. The stored history keeps one end date per grant, as last recorded; a grant that was
open-ended at the cut and has ended since carries its real end, so the backtest treats it as
fixed-term with that end (the commitment figure is then as good as it can be, and early
endings are only expected for grants that are still open-ended). Survival curves see an end
only when it lies on or before the cut.

Where the grants file says which grants were decided without an end date (``løbende``,
``open_ended == "yes"``), such a grant's end after the cut was not known at the cut: the
cut sees it open-ended (:func:`as_known_at`), so the commitment figure carries no hindsight
and early endings are tried on it. The outcome keeps the real end.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl

from socialstyring.core.costs import cost_expr
from socialstyring.core.periods import month_bounds_inclusive, year_end_inclusive, year_start
from socialstyring.core.projection import project

TOTAL = "total"
LEVELS = ("total", "line")
_FIGURES = ("expected", "projected", "projected_low", "projected_high")


@dataclass
class Backtest:
    cuts: pl.DataFrame  # one row per year, cut and line (level ``line``) or total (``total``)
    months: pl.DataFrame  # per month of the year: errors and coverage, total and lines
    lines: pl.DataFrame  # per month of the year and line: errors and coverage
    sources: dict[int, str]  # per year: where the outcome came from (ledger | grants)


def month_end_cuts(year: int) -> list[dt.date]:
    return [month_bounds_inclusive(year, m)[1] for m in range(1, 13)]


def _ledger_covers(postings: pl.DataFrame | None, year: int) -> bool:
    """A ledger covers a year when it has postings in its December."""
    if postings is None or postings.height == 0:
        return False
    december = month_bounds_inclusive(year, 12)
    return postings.filter(pl.col("posting_date").is_between(*december)).height > 0


def outcome(
    grants: pl.DataFrame, postings: pl.DataFrame | None, year: int, by: str
) -> tuple[pl.DataFrame, str]:
    """The year's outcome per ``by``: the ledger's spending when a ledger covers the year,
    else the cost of every grant in the year as now known."""
    if by == "account" and _ledger_covers(postings, year):
        assert postings is not None
        spent = postings.filter(
            pl.col("posting_date").is_between(year_start(year), year_end_inclusive(year))
        )
        frame = spent.group_by("account").agg(pl.col("amount").sum().alias("outcome"))
        return frame, "ledger"
    priced = grants.select(
        pl.col(by), cost_expr(year_start(year), year_end_inclusive(year)).alias("outcome")
    )
    return priced.group_by(by).agg(pl.col("outcome").sum()), "grants"


def _ape(figure: str) -> pl.Expr:
    """Absolute percentage error against the outcome (null where the outcome is 0)."""
    return (
        pl.when(pl.col("outcome") != 0)
        .then((pl.col(figure) - pl.col("outcome")).abs() / pl.col("outcome").abs() * 100.0)
        .alias(f"ape_{figure}")
    )


def _scored(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.with_columns(
        (pl.col("expected") - pl.col("outcome")).alias("error_expected"),
        (pl.col("projected") - pl.col("outcome")).alias("error_projected"),
        _ape("expected"),
        _ape("projected"),
        pl.col("outcome").is_between("projected_low", "projected_high").alias("covered"),
    )


def cut_rows(
    grants: pl.DataFrame,
    budgets: pl.DataFrame | None,
    postings: pl.DataFrame | None,
    *,
    year: int,
    cut: dt.date,
    truth: pl.DataFrame,
    by: str,
) -> pl.DataFrame:
    """One cut: per line and in total, the projection made on ``cut`` against ``truth``."""
    known_postings = (
        postings.filter(pl.col("posting_date") <= cut) if postings is not None else None
    )
    made = project(grants, budgets, known_postings, year=year, as_of=cut, by=by)
    lines = (
        made.table.select(by, *_FIGURES)
        .join(truth, on=by, how="full", coalesce=True)
        .with_columns(pl.col(*_FIGURES, "outcome").fill_null(0.0))
        .with_columns(pl.lit("line").alias("level"))
    )
    total = pl.DataFrame(
        {
            by: [None],
            **{f: [float(made.totals[f] or 0.0)] for f in _FIGURES},
            "outcome": [float(truth["outcome"].sum())],
            "level": [TOTAL],
        },
        schema_overrides={by: lines.schema[by]},
    )
    both = pl.concat([total, lines.select(total.columns)])
    return _scored(both).with_columns(
        pl.lit(year).alias("year"), pl.lit(cut.month).alias("month"), pl.lit(cut).alias("as_of")
    )


def as_known_at(grants: pl.DataFrame, cut: dt.date) -> pl.DataFrame:
    """The grants as the cut saw them: a grant decided open-ended whose end lies after the
    cut had no end yet. Without the ``open_ended`` column the frame is returned as it is."""
    if "open_ended" not in grants.columns:
        return grants
    later = (pl.col("open_ended") == "yes") & (pl.col("end") > cut)
    return grants.with_columns(
        pl.when(later.fill_null(False)).then(None).otherwise(pl.col("end")).alias("end")
    )


def _summary(cuts: pl.DataFrame, keys: list[str]) -> pl.DataFrame:
    return (
        cuts.group_by(keys)
        .agg(
            pl.len().alias("cuts"),
            pl.col("ape_expected").mean().alias("mape_expected"),
            pl.col("ape_projected").mean().alias("mape_projected"),
            pl.col("covered").mean().alias("coverage"),
            # Weighted by the outcome: the absolute errors over the outcomes, in per cent, so
            # small accounts do not dominate (the lines' figure a finance partner reads).
            (pl.col("error_expected").abs().sum() / pl.col("outcome").abs().sum() * 100.0).alias(
                "wape_expected"
            ),
            (pl.col("error_projected").abs().sum() / pl.col("outcome").abs().sum() * 100.0).alias(
                "wape_projected"
            ),
        )
        .sort(keys)
    )


def backtest(
    grants: pl.DataFrame,
    budgets: pl.DataFrame | None,
    postings: pl.DataFrame | None,
    years: list[int],
    *,
    by: str = "account",
) -> Backtest:
    """Twelve month-end cuts in each of ``years`` (a loop over at most a few dozen cuts;
    each cut is vectorised over the grants)."""
    used = [
        c
        for c in dict.fromkeys(
            [by, "registered", "start", "end", "price", "quantity", "price_unit", "paragraph"]
            + ["open_ended"]
        )
        if c in grants.columns
    ]
    frame = grants.select(used)
    parts, sources = [], {}
    for year in years:
        truth, sources[year] = outcome(frame, postings, year, by)
        truth = truth.filter(pl.col("outcome") != 0)
        for cut in month_end_cuts(year):
            seen = as_known_at(frame, cut)
            parts.append(cut_rows(seen, budgets, postings, year=year, cut=cut, truth=truth, by=by))
    if not parts:
        empty = pl.DataFrame(schema={"level": pl.String, "month": pl.Int32})
        return Backtest(empty, empty, empty, sources)
    cuts = pl.concat(parts, how="vertical_relaxed")
    months = _summary(cuts, ["level", "month"])
    lines = _summary(cuts.filter(pl.col("level") == "line"), [by, "month"])
    return Backtest(cuts, months, lines, sources)

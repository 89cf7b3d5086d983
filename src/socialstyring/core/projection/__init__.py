"""The projection of the year-end outcome (docs/projection.md): the commitment forecast plus
expected inflow of grants not yet known, less expected early endings of open-ended grants,
with an 80 % interval. Frames in, frames out; only what is known on ``as_of`` is read."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import polars as pl

from socialstyring.core.forecast import forecast, known_grants, monthly_profile, totals
from socialstyring.core.periods import year_end_inclusive
from socialstyring.core.projection.endings import early_endings
from socialstyring.core.projection.inflow import estimate_inflow
from socialstyring.core.projection.survival import survival_table
from socialstyring.terms import PROJECTION_FIELDS, UNASSIGNED

Z80 = 1.2815515655446004  # the standard normal's 90 % quantile: a central 80 % interval
_COLUMNS = (
    "registered",
    "start",
    "end",
    "price",
    "quantity",
    "price_unit",
    "paragraph",
    "open_ended",  # løbende, when the files say (survival.decided_open_ended)
)


@dataclass
class Projection:
    table: pl.DataFrame  # the forecast's columns, then PROJECTION_FIELDS
    totals: dict[str, float | None]
    grants: pl.DataFrame  # open-ended grants with their expected early ending (drill-down)
    inflow_years: list[int]  # the past years the inflow was estimated from


def _known(grants: pl.DataFrame, as_of: dt.date, by: str, extra: tuple[str, ...]) -> pl.DataFrame:
    wanted = dict.fromkeys([by, *_COLUMNS, *extra])
    present = [c for c in wanted if c in grants.columns]
    frame = known_grants(grants.select(present), as_of)
    if "paragraph" not in frame.columns:
        frame = frame.with_columns(pl.lit(None, dtype=pl.String).alias("paragraph"))
    return frame


def _interval(center: pl.Expr, variance: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    spread = Z80 * variance.clip(0.0).sqrt()
    return (center - spread).alias("projected_low"), (center + spread).alias("projected_high")


def project(
    grants: pl.DataFrame,
    budgets: pl.DataFrame | None,
    postings: pl.DataFrame | None,
    *,
    year: int,
    as_of: dt.date,
    by: str = "account",
) -> Projection:
    """The forecast grouped ``by`` with the projection's five columns beside it."""
    table = forecast(grants, budgets, postings, year=year, as_of=as_of, by=by)
    extra = tuple(c for c in ("grant_id",) if c in grants.columns)
    known = _known(grants, as_of, by, extra)
    earliest = known.select(pl.col("start").min()).item() if known.height else as_of
    horizon = max((year_end_inclusive(year) - min(earliest, as_of)).days + 1, 1)
    survival = survival_table(known, as_of, horizon)
    ended, _ = early_endings(known, survival, year, as_of)
    group = pl.col(by).fill_null(UNASSIGNED) if by != "account" else pl.col(by)
    endings = ended.group_by(group.alias(by)).agg(
        pl.col("early_endings").sum(), pl.col("early_var").sum()
    )
    inflow = estimate_inflow(known, year, as_of, by)
    joined = (
        table.join(inflow.groups, on=by, how="left")
        .join(endings, on=by, how="left")
        .with_columns(pl.col("inflow", "inflow_var", "early_endings", "early_var").fill_null(0.0))
        .with_columns(
            (pl.col("expected") + pl.col("inflow") - pl.col("early_endings")).alias("projected")
        )
    )
    joined = joined.with_columns(
        *_interval(pl.col("projected"), pl.col("inflow_var") + pl.col("early_var"))
    )
    out = joined.select(*table.columns, *PROJECTION_FIELDS)
    sums = totals(table)
    inflow_total = float(out["inflow"].sum())
    early_total = float(out["early_endings"].sum())
    projected = float(out["projected"].sum())
    # The total's spread comes from the totals (years' shocks are shared by the accounts).
    spread = Z80 * math.sqrt(max(inflow.total_var + float(joined["early_var"].sum()), 0.0))
    sums.update(
        inflow=inflow_total,
        early_endings=early_total,
        projected=projected,
        projected_low=projected - spread,
        projected_high=projected + spread,
    )
    return Projection(out, sums, ended.drop("early_var"), inflow.years)


def grant_early_endings(
    history: pl.DataFrame, grants: pl.DataFrame, *, year: int, as_of: dt.date
) -> pl.DataFrame:
    """``grants`` (the drill-down's) with each one's expected early ending, the survival
    curves learnt from ``history`` (every grant known on ``as_of``)."""
    known = _known(history, as_of, "account", ())
    earliest = known.select(pl.col("start").min()).item() if known.height else as_of
    horizon = max((year_end_inclusive(year) - min(earliest, as_of)).days + 1, 1)
    survival = survival_table(known, as_of, horizon)
    ended, _ = early_endings(grants, survival, year, as_of)
    ends = ended.select("grant_id", "early_endings")
    return grants.join(ends, on="grant_id", how="left", maintain_order="left").with_columns(
        pl.col("early_endings").fill_null(0.0)
    )


def projected_path(
    grants: pl.DataFrame,
    postings: pl.DataFrame | None,
    *,
    year: int,
    as_of: dt.date,
    inflow_total: float | None = None,
) -> pl.DataFrame:
    """The monthly profile with ``inflow``, ``early_endings`` and ``projected`` per month
    (the year chart's projected path). ``inflow_total``, the projection's total inflow over
    its lines, scales the months so the path ends where the tables' figure does (inflow to
    an account without a line this year is left out there, see docs/projection.md)."""
    profile = monthly_profile(grants, postings, year=year, as_of=as_of)
    known = _known(grants, as_of, "account", ())
    earliest = known.select(pl.col("start").min()).item() if known.height else as_of
    horizon = max((year_end_inclusive(year) - min(earliest, as_of)).days + 1, 1)
    _, lost = early_endings(known, survival_table(known, as_of, horizon), year, as_of)
    inflow = estimate_inflow(known, year, as_of, "account", by_month=True)
    monthly = [inflow.per_month.get(m, 0.0) for m in range(1, 13)]
    if inflow_total is not None and sum(monthly) > 0:
        monthly = [v * inflow_total / sum(monthly) for v in monthly]
    months = pl.DataFrame(
        {
            "month": list(range(1, 13)),
            "inflow": monthly,
            "early_endings": [lost.get(m, 0.0) for m in range(1, 13)],
        }
    ).with_columns(pl.col("month").cast(pl.Int64))
    return profile.join(months, on="month", how="left").with_columns(
        (pl.col("expected") + pl.col("inflow") - pl.col("early_endings")).alias("projected")
    )


__all__ = ["PROJECTION_FIELDS", "Projection", "grant_early_endings", "project", "projected_path"]

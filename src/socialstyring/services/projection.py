"""The projection beside the forecast (docs/projection.md): from files or the database,
as a table, JSON or a spreadsheet."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import polars as pl

from socialstyring.core import projection as core
from socialstyring.core.costs import COST_INPUTS
from socialstyring.core.grants import with_provider_types
from socialstyring.io.reports import PROJECTION_COLUMNS as PROJECTION_REPORT_COLUMNS
from socialstyring.io.reports import (
    forecast_json,
    forecast_report,
    labelled,
    subtitle,
)
from socialstyring.io.writers import Report
from socialstyring.services.forecasting import Inputs
from socialstyring.terms import GROUPINGS_BY_FIELD, PROJECTION_FIELDS, grouping

# Runs without Django too (the CLI's file-only forecast): the standard library's gettext.
from socialstyring.translation import _

# What the projection reads of a grant besides the grouping's columns.
PROJECTION_COLUMNS = [
    "account",
    *COST_INPUTS,
    "registered",
    "paragraph",
    "open_ended",
]


@dataclass
class ProjectionResult:
    year: int
    as_of: dt.date
    by: str  # the grant field grouped by
    table: pl.DataFrame  # the forecast's measures, then the projection's five
    totals: dict[str, float | None]
    endings: pl.DataFrame  # open-ended grants with their expected early ending
    inflow_years: list[int]


def compute(inputs: Inputs, year: int, as_of: dt.date, by: str = "account") -> ProjectionResult:
    grants = with_provider_types(inputs.grants, inputs.providers)
    result = core.project(grants, inputs.budgets, inputs.postings, year=year, as_of=as_of, by=by)
    return ProjectionResult(
        year, as_of, by, result.table, result.totals, result.grants, result.inflow_years
    )


def path(
    inputs: Inputs, year: int, as_of: dt.date, inflow_total: float | None = None
) -> pl.DataFrame:
    """The monthly profile with the projected path (inflow, early endings, projected),
    its inflow summing to ``inflow_total`` (the tables' figure) when given."""
    grants = with_provider_types(inputs.grants, inputs.providers)
    return core.projected_path(
        grants, inputs.postings, year=year, as_of=as_of, inflow_total=inflow_total
    )


def inputs_from_database(
    year: int, as_of: dt.date, by: str = "account", *, with_grant_ids: bool = False
) -> Inputs:
    """The grant history known on ``as_of`` (the projection learns from past years) with the
    year's budgets, ledger totals and providers."""
    from socialstyring.storage import frames
    from socialstyring.storage.history import load_grant_history

    known = GROUPINGS_BY_FIELD.get(by)
    extra = list(known.grant_columns) if known else [by]
    if with_grant_ids:
        extra = ["grant_id", *extra]
    columns = list(dict.fromkeys([*PROJECTION_COLUMNS, *extra]))
    return Inputs(
        grants=load_grant_history(as_of, columns),
        budgets=frames.load_budgets(year),
        postings=frames.load_posting_totals(year, as_of, per_grant=by != "account"),
        providers=frames.load_providers(),
    )


def report(by: str) -> Report:
    """The forecast's report grouped ``by`` (a ``--by`` value) with the projection's columns."""
    base = forecast_report(grouping(by))
    return Report(_("Projected outturn"), (*base.columns, *PROJECTION_REPORT_COLUMNS))


def document(result: ProjectionResult, by: str) -> dict[str, Any]:
    """The forecast's JSON with the five projection keys on every line and the total."""
    doc = forecast_json(
        result.table, result.totals, year=result.year, as_of=result.as_of, grouping=grouping(by)
    )
    _extend(result)(doc, result.table, result.totals)
    return doc


def _extend(result: ProjectionResult):
    def extend(doc: dict[str, Any], table: pl.DataFrame, totals: dict[str, Any]) -> None:
        for line, row in zip(doc["lines"], table.iter_rows(named=True), strict=True):
            line.update({f: row[f] for f in PROJECTION_FIELDS})
        doc["total"].update({f: totals[f] for f in PROJECTION_FIELDS})
        doc["projection"] = {"inflow_years": result.inflow_years, "interval": 0.8}

    return extend


def export(
    result: ProjectionResult,
    fmt: str,
    *,
    by: str,
    account_names: dict[str, str],
    refund: Any = None,
    decided: bool = False,
) -> bytes | str:
    """The projected forecast as table, json, xlsx or csv, through the forecast's own export
    (so the refund column, when given, stands beside it as without the projection, and the
    decided column when ``result.table`` holds it and ``decided`` says so)."""
    from socialstyring.services import exports

    return exports.forecast(
        result.table,
        result.totals,
        fmt,
        year=result.year,
        as_of=result.as_of,
        by=by,
        account_names=account_names,
        refund=refund,
        projection=exports.Projected(
            _("Projected outturn"), PROJECTION_REPORT_COLUMNS, _extend(result)
        ),
        decided=decided,
    )


# --- the web's overview and chart of the year --------------------------------------------


def overview(year: int, as_of: dt.date, by: str) -> ProjectionResult:
    """The projection from the database for the overview grouped by the grant field ``by``."""
    return compute(inputs_from_database(year, as_of, by), year, as_of, by)


def year_chart(
    year: int, as_of: dt.date, budget: float, spread: float, inflow_total: float | None = None
) -> str:
    """The chart of the year with the projected path and its 80 % band (``spread`` is the
    half-width at 31 December; it opens with the square root of the time left)."""
    from socialstyring.io.writers.chart import svg, year_series

    inputs = inputs_from_database(year, as_of, "account")
    profile = path(inputs, year, as_of, inflow_total)
    series = year_series(profile, budget, as_of, year)
    return svg(with_projected_path(series, profile["projected"].to_list(), spread))


def with_projected_path(series: Any, monthly: list[float], spread: float) -> Any:
    """``series`` (a YearSeries) with the projected path from the projection's figure per
    month, and its band: ``spread`` at 31 December, opening with the square root of the time
    left. The overview's chart and a snapshot's (frozen) chart draw it alike."""
    from dataclasses import replace

    projected, running = [], 0.0
    for value in monthly:
        running += value
        projected.append(running)
    cut = series.as_of_month
    widths = [spread * (max(m + 1 - cut, 0) / max(12 - cut, 1)) ** 0.5 for m in range(12)]
    return replace(
        series,
        projected_path=projected,
        projected_low=[p - w for p, w in zip(projected, widths, strict=True)],
        projected_high=[p + w for p, w in zip(projected, widths, strict=True)],
    )


def overview_download(result: ProjectionResult, by: str, fmt: str, account_names: dict[str, str]):
    """The overview's table with the projection's columns, as a spreadsheet."""
    from socialstyring.services.exports import download, file_name
    from socialstyring.translation import pgettext

    return download(
        report(by),
        labelled(result.table, grouping(by), account_names),
        fmt,
        file_name(pgettext("file name", "projected-outturn"), result.year, result.as_of),
        caption=subtitle(result.year, result.as_of),
        totals=result.totals,
    )


def with_early_endings(grants: pl.DataFrame, year: int, as_of: dt.date) -> pl.DataFrame:
    """The drill-down's grants with ``early_endings``: which are expected to end early."""
    from socialstyring.storage.history import load_grant_history

    history = load_grant_history(as_of, PROJECTION_COLUMNS)
    return core.grant_early_endings(history, grants, year=year, as_of=as_of)

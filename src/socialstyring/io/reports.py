"""Every report's columns, declared once from the registry's measures and groupings;
the writers (xlsx, csv, text table, pdf) render them."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import polars as pl

from socialstyring.io.formatting import date_dk
from socialstyring.io.writers import Report, ReportColumn
from socialstyring.terms import (
    MEASURES,
    MEASURES_BY_FIELD,
    MONTH_NAMES,
    PRICE_UNITS,
    PROFILE_MEASURES,
    PROJECTION_MEASURES,
)
from socialstyring.terms.groupings import Grouping
from socialstyring.terms.measures import Measure
from socialstyring.translation import _


def measure_column(measure: Measure, label: str = "", width: int = 0) -> ReportColumn:
    return ReportColumn(
        measure.field, label or measure.label, measure.format, width or measure.width
    )


MEASURE_COLUMNS = tuple(measure_column(m) for m in MEASURES)

# The projection's five columns (docs/projection.md); the interval's bounds are not summed
# in a totals row: the total's interval is its own, not the sum of the lines'.
PROJECTION_COLUMNS = tuple(
    replace(measure_column(m), summed=m.field not in ("projected_low", "projected_high"))
    for m in PROJECTION_MEASURES
)


# Grouped otherwise than by account, a line may have no budget of its own (blank): the
# total's budget is every account's and its deviation budget − expected, as given, never
# the lines' sum (docs/forecast.md, "Budget per group").
_GROUP_MEASURE_COLUMNS = tuple(
    replace(c, summed=c.field not in ("budget", "deviation")) for c in MEASURE_COLUMNS
)


def forecast_report(grouping: Grouping) -> Report:
    columns = [ReportColumn("label", grouping.label, "text", grouping.width)]
    if grouping.is_account:
        columns.append(ReportColumn("account_name", _("Function"), "text", 44))
    measures = MEASURE_COLUMNS if grouping.is_account else _GROUP_MEASURE_COLUMNS
    return Report(_("Expected outturn"), (*columns, *measures))


def _grant_measure(field: str) -> ReportColumn:
    measure = MEASURES_BY_FIELD[field]
    return measure_column(measure, measure.grant_label, 18)


GRANTS_REPORT = Report(
    _("Grants"),
    (
        ReportColumn("grant_id", _("Grant"), "text", 16),
        ReportColumn("citizen_id", _("Citizen (pseudonym)"), "text", 26),
        ReportColumn("account", _("Account"), "text", 10),
        ReportColumn("paragraph", _("Paragraph"), "text", 14),
        ReportColumn("service", _("Service"), "text", 24),
        ReportColumn("team", _("Team"), "text", 18),
        ReportColumn("start", _("Start date"), "date", 12),
        ReportColumn("end", _("End date"), "date", 12),
        ReportColumn("price", _("Price"), "kroner", 14),
        ReportColumn("price_unit", _("Unit"), "text", 8, PRICE_UNITS),
        ReportColumn("quantity", _("Quantity"), "number", 8),
        *(_grant_measure(f) for f in ("spent_to_date", "committed_rest", "expected")),
    ),
)

SNAPSHOT_REPORT = Report(
    _("Budget follow-up"),
    (
        ReportColumn("account", _("Account"), "text", 10),
        ReportColumn("account_name", _("Function"), "text", 44),
        ReportColumn("area_label", _("Area"), "text", 14),
        *MEASURE_COLUMNS,
        ReportColumn("comment", _("Comment"), "text", 60),
    ),
)

# A snapshot that kept the projection (docs/projection.md): its five figures before the comment.
SNAPSHOT_PROJECTED_REPORT = Report(
    SNAPSHOT_REPORT.title,
    (
        *SNAPSHOT_REPORT.columns[:-1],
        *PROJECTION_COLUMNS,
        SNAPSHOT_REPORT.columns[-1],
    ),
)

PROFILE_REPORT = Report(
    _("Monthly profile"),
    (
        ReportColumn("month_name", _("Month"), "text", 14),
        *(measure_column(m) for m in PROFILE_MEASURES),
    ),
)


def with_code_labels(report: Report, frame: pl.DataFrame) -> pl.DataFrame:
    """Each code column of ``report`` as its labels (``day`` → ``dag``): no export shows
    a user an internal code."""
    coded = [c for c in report.columns if c.codes is not None and c.field in frame.columns]
    return frame.with_columns(
        pl.col(c.field).cast(pl.String).replace(c.codes.labels) for c in coded if c.codes
    )


def labelled(
    table: pl.DataFrame, grouping: Grouping, account_names: dict[str, str] | None = None
) -> pl.DataFrame:
    """Add the ``label`` (and account name) users see for each group value."""
    values = table[grouping.field].cast(pl.String)
    label = values.replace(grouping.codes.labels) if grouping.codes else values
    out = table.with_columns(label.alias("label"))
    if grouping.is_account:
        names = account_names or {}
        out = out.with_columns(
            pl.col("account")
            .replace_strict(names, default="", return_dtype=pl.String)
            .alias("account_name")
        )
    return out


def with_month_names(profile: pl.DataFrame) -> pl.DataFrame:
    """The monthly profile with each month's name (``month_name``)."""
    return profile.with_columns(
        pl.col("month")
        .replace_strict(dict(enumerate(MONTH_NAMES, start=1)), return_dtype=pl.String)
        .alias("month_name")
    )


def subtitle(year: int, as_of: dt.date) -> str:
    return _("Budget year %(year)s, as of %(date)s") % {"year": year, "date": date_dk(as_of)}


def forecast_json(
    table: pl.DataFrame, totals: dict[str, Any], *, year: int, as_of: dt.date, grouping: Grouping
) -> dict[str, Any]:
    field, key = grouping.field, grouping.json_key
    measures = [c.field for c in MEASURE_COLUMNS]
    lines = [
        {key: row[field], **{m: row[m] for m in measures}} for row in table.iter_rows(named=True)
    ]
    return {
        "year": year,
        "as_of": as_of.isoformat(),
        "grouping": key,
        "lines": lines,
        "total": {m: totals[m] for m in measures},
    }


def profile_json(profile: pl.DataFrame, *, year: int, as_of: dt.date) -> dict[str, Any]:
    return {
        "year": year,
        "as_of": as_of.isoformat(),
        "months": profile.drop("month_name", strict=False).to_dicts(),
    }

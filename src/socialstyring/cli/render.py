"""Render forecast results for the terminal or a file."""

from __future__ import annotations

import datetime as dt
import io
import json

import polars as pl
from rich.console import Console
from rich.table import Table

from socialstyring.core.forecast import monthly_profile
from socialstyring.core.grants import with_provider_types
from socialstyring.io.formatting import kroner
from socialstyring.io.reports import forecast_json, forecast_report, labelled, subtitle
from socialstyring.io.writers import Report, ReportColumn
from socialstyring.io.writers.csv import write_csv
from socialstyring.io.writers.xlsx import write_xlsx
from socialstyring.terms import MONTH_NAMES


def _rich_table(report: Report, frame: pl.DataFrame, caption: str, totals: dict | None) -> str:
    table = Table(title=f"{report.title} — {caption}", title_justify="left")
    for col in report.columns:
        table.add_column(
            col.label,
            justify="right" if col.kind == "kroner" else "left",
            overflow="fold",
            max_width=44,
        )
    for row in frame.select([c.field for c in report.columns]).iter_rows():
        table.add_row(
            *(
                kroner(v) if c.kind == "kroner" else str(v or "")
                for c, v in zip(report.columns, row, strict=True)
            )
        )
    if totals is not None:
        table.add_section()
        table.add_row(
            *(
                kroner(totals.get(c.field)) if c.kind == "kroner" else ("I alt" if i == 0 else "")
                for i, c in enumerate(report.columns)
            ),
            style="bold",
        )
    buffer = io.StringIO()
    Console(file=buffer, width=200, force_terminal=False, color_system=None).print(table)
    return buffer.getvalue().rstrip()


def render_forecast(result, by: str, fmt: str, account_names: dict[str, str]) -> str | bytes:
    if fmt == "json":
        return json.dumps(
            forecast_json(result.table, result.totals, year=result.year, as_of=result.as_of, by=by),
            ensure_ascii=False,
            indent=1,
        )
    report = forecast_report(by)
    frame = labelled(result.table, by, account_names)
    caption = subtitle(result.year, result.as_of)
    if fmt == "xlsx":
        return write_xlsx(report, frame, caption)
    if fmt == "csv":
        return write_csv(report, frame)
    return _rich_table(report, frame, caption, result.totals)


PROFILE_REPORT = Report(
    "Månedsprofil",
    (
        ReportColumn("month_name", "Måned", "text", 14),
        ReportColumn("spent", "Forbrug", "kroner", 18),
        ReportColumn("committed", "Disponeret", "kroner", 18),
        ReportColumn("expected", "Forventet", "kroner", 18),
    ),
)


def render_profile(inputs, year: int, as_of: dt.date, fmt: str) -> str | bytes:
    grants = with_provider_types(inputs.grants, inputs.providers)
    profile = monthly_profile(grants, inputs.postings, year=year, as_of=as_of).with_columns(
        pl.col("month")
        .replace_strict(dict(enumerate(MONTH_NAMES, start=1)), return_dtype=pl.String)
        .alias("month_name")
    )
    if fmt == "json":
        return json.dumps(
            {
                "year": year,
                "as_of": as_of.isoformat(),
                "months": profile.drop("month_name").to_dicts(),
            },
            ensure_ascii=False,
            indent=1,
        )
    caption = subtitle(year, as_of)
    if fmt == "xlsx":
        return write_xlsx(PROFILE_REPORT, profile, caption)
    if fmt == "csv":
        return write_csv(PROFILE_REPORT, profile)
    totals = {c: profile[c].sum() for c in ("spent", "committed", "expected")}
    return _rich_table(PROFILE_REPORT, profile, caption, totals)

"""The forecast report: its columns once, rendered to table, JSON, XLSX and CSV."""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl

from socialstyring.io.formatting import date_dk
from socialstyring.io.writers import Report, ReportColumn
from socialstyring.terms import AREAS, PROVIDER_TYPES

GROUPINGS = {  # --by value (Danish) → grant column, Danish column label, JSON key
    "konto": ("account", "Konto", "konto"),
    "område": ("area", "Område", "område"),
    "paragraf": ("paragraph", "Paragraf", "paragraf"),
    "leverandørtype": ("provider_type", "Leverandørtype", "leverandør_type"),
    "team": ("team", "Team", "team"),
}
_LABELS = {"area": AREAS.labels, "provider_type": PROVIDER_TYPES.labels}

MEASURE_COLUMNS = (
    ReportColumn("budget", "Korrigeret budget", "kroner", 18),
    ReportColumn("spent_to_date", "Forbrug til dato", "kroner", 18),
    ReportColumn("committed_rest", "Disponeret rest af året", "kroner", 20),
    ReportColumn("expected", "Forventet regnskab", "kroner", 18),
    ReportColumn("deviation", "Afvigelse (+ mindreforbrug)", "kroner", 22),
)


def forecast_report(by: str) -> Report:
    field, label, _ = GROUPINGS[by]
    columns = [ReportColumn("label", label, "text", 14 if field == "account" else 26)]
    if field == "account":
        columns.append(ReportColumn("account_name", "Funktion", "text", 44))
    return Report("Forventet regnskab", (*columns, *MEASURE_COLUMNS))


def labelled(
    table: pl.DataFrame, by: str, account_names: dict[str, str] | None = None
) -> pl.DataFrame:
    """Add the Danish ``label`` (and account name) users see for each group value."""
    field = GROUPINGS[by][0]
    values = table[field].cast(pl.String)
    mapping = _LABELS.get(field)
    label = values.replace(mapping) if mapping else values
    out = table.with_columns(label.alias("label"))
    if field == "account":
        names = account_names or {}
        out = out.with_columns(
            pl.col("account")
            .replace_strict(names, default="", return_dtype=pl.String)
            .alias("account_name")
        )
    return out


def subtitle(year: int, as_of: dt.date) -> str:
    return f"Budgetår {year}, opgjort pr. {date_dk(as_of)}"


def forecast_json(
    table: pl.DataFrame, totals: dict[str, Any], *, year: int, as_of: dt.date, by: str
) -> dict[str, Any]:
    field, _, key = GROUPINGS[by]
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

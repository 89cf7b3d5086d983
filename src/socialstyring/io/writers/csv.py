"""CSV for Danish Excel: ';', decimal comma, dd-mm-åååå, UTF-8 with BOM, formulas escaped."""

from __future__ import annotations

import csv
import io

import polars as pl

from socialstyring.io.formatting import date_dk, number_dk
from socialstyring.io.writers import Report

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(text: str) -> str:
    """Make a text cell inert in a spreadsheet (OWASP: prefix with an apostrophe)."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def write_csv(report: Report, frame: pl.DataFrame) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([c.label for c in report.columns])
    for row in frame.select([c.field for c in report.columns]).iter_rows():
        writer.writerow(
            [_cell(spec.kind, value) for spec, value in zip(report.columns, row, strict=True)]
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _cell(kind: str, value) -> str:
    if value is None:
        return ""
    if kind == "kroner":
        return number_dk(value, 2)
    if kind == "number":
        return number_dk(value, 2)
    if kind == "date":
        return date_dk(value)
    return escape_formula(str(value))

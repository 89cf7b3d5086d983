"""XLSX with real numbers, Danish formats, a frozen header, widths and a totals row."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import polars as pl
import xlsxwriter

from socialstyring.io.formatting import XLSX_DATE, XLSX_KRONER
from socialstyring.io.writers import Report


def write_xlsx(
    report: Report,
    frame: pl.DataFrame,
    subtitle: str = "",
    totals: dict[str, Any] | None = None,
    notes: tuple[tuple[str, str], ...] = (),
) -> bytes:
    """``totals`` gives the totals row of the columns that are not summed. ``notes``
    (label, text), such as a follow-up's overall comment, stand between the subtitle and
    the table, where a reader meets them first."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(
        buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    )
    sheet = book.add_worksheet(report.title[:31])
    bold = book.add_format({"bold": True})
    header = book.add_format({"bold": True, "bg_color": "#E6EEF5", "bottom": 1, "text_wrap": True})
    formats = {
        "kroner": book.add_format({"num_format": XLSX_KRONER}),
        "date": book.add_format({"num_format": XLSX_DATE}),
        "number": book.add_format({"num_format": "#,##0.00"}),
        "count": book.add_format({"num_format": "#,##0"}),
        "share": book.add_format({"num_format": "0.0%"}),
        "text": None,
    }
    total_formats = {
        k: book.add_format({"bold": True, "top": 1, **({"num_format": f.num_format} if f else {})})
        for k, f in formats.items()
    }
    sheet.write(0, 0, report.title, bold)
    if subtitle:
        sheet.write(1, 0, subtitle)
    wrapped = book.add_format({"text_wrap": True, "valign": "top"})
    for i, (label, text) in enumerate(notes, start=2):
        sheet.write_string(i, 0, label, bold)
        sheet.merge_range(i, 1, i, max(len(report.columns) - 1, 1), text, wrapped)
        sheet.set_row(i, 15 * max(1, text.count("\n") + 1 + len(text) // 120))
    first = 3 + max(len(notes) - 1, 0)  # one note keeps the header on the fourth row
    for col, spec in enumerate(report.columns):
        sheet.write(first, col, spec.label, header)
        sheet.set_column(col, col, spec.width, formats[spec.kind])
    for offset, row in enumerate(
        frame.select([c.field for c in report.columns]).iter_rows(), start=1
    ):
        for col, (spec, value) in enumerate(zip(report.columns, row, strict=True)):
            _write_cell(sheet, first + offset, col, spec.kind, value, formats[spec.kind])
    last = first + frame.height
    if report.totals_label is not None:
        total_row = last + 1
        sheet.write(total_row, 0, report.totals_label, total_formats["text"])
        for col, spec in enumerate(report.columns):
            if not spec.summed:
                given = (totals or {}).get(spec.field)
                if given is not None:
                    sheet.write_number(total_row, col, float(given), total_formats[spec.kind])
            elif (
                spec.kind == "kroner"
                and col > 0
                and frame.height
                and frame[spec.field].null_count() < frame.height
            ):
                cells = xlsxwriter.utility.xl_range(first + 1, col, last, col)
                total = frame[spec.field].fill_null(0).sum() if frame.height else 0
                sheet.write_formula(
                    total_row, col, f"=SUM({cells})", total_formats["kroner"], total
                )
    sheet.freeze_panes(first + 1, 1)
    sheet.autofilter(first, 0, last, len(report.columns) - 1)
    book.close()
    return buffer.getvalue()


def _write_cell(sheet, row: int, col: int, kind: str, value, fmt) -> None:
    if value is None:
        sheet.write_blank(row, col, None, fmt)
    elif kind == "date" and isinstance(value, dt.date):
        sheet.write_datetime(row, col, dt.datetime.combine(value, dt.time()), fmt)
    elif kind in ("kroner", "number", "count", "share"):
        sheet.write_number(row, col, float(value), fmt)
    else:
        sheet.write_string(row, col, str(value))

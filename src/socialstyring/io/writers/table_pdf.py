"""Any report's table as a landscape A4 PDF: its title, a caption, the columns as the
spreadsheet has them and a totals row (business case, investment, scenarios side by side).
The committee report's look (``pdf.styles``) and numbered footer."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from functools import partial
from typing import Any

import polars as pl
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

from socialstyring.io.formatting import date_dk, kroner, number_dk
from socialstyring.io.writers import Report
from socialstyring.io.writers.pdf.footer import NumberedCanvas
from socialstyring.io.writers.pdf.styles import STYLES, grid_style, markup
from socialstyring.translation import pgettext


@dataclass(frozen=True)
class TablePdf:
    """The document of a table PDF: its lines come from the frame."""

    title: str
    notes: tuple[str, ...] = ()  # paragraphs under the caption (key figures, assumptions)


def _cell(value: Any, kind: str) -> str:
    if value is None:
        return ""
    if kind == "kroner":
        return kroner(float(value))
    if kind == "number":
        return number_dk(float(value))
    if kind == "date" and isinstance(value, dt.date):
        return date_dk(value)
    return str(value)


def table_pdf(
    report: Report,
    frame: pl.DataFrame,
    document: TablePdf,
    caption: str = "",
    totals: dict[str, Any] | None = None,
) -> bytes:
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=landscape(A4),
        leftMargin=14 * mm,
        rightMargin=14 * mm,
        topMargin=14 * mm,
        bottomMargin=18 * mm,
        title=document.title,
        lang=pgettext("language tag of documents", "en-GB"),
        invariant=True,
    )
    columns = report.columns
    data: list[list] = [[Paragraph(markup(c.label), STYLES["cell"]) for c in columns]]
    for row in frame.iter_rows(named=True):
        data.append([_cell(row.get(c.field), c.kind) for c in columns])
    style = grid_style(font_size=8)
    if totals is not None and report.totals_label:
        data.append(
            [
                report.totals_label if i == 0 else _cell(totals.get(c.field), c.kind)
                for i, c in enumerate(columns)
            ]
        )
        style += [
            ("FONTNAME", (0, -1), (-1, -1), "Helvetica-Bold"),
            ("LINEABOVE", (0, -1), (-1, -1), 1, colors.black),
        ]
    width = (landscape(A4)[0] - 28 * mm) / max(len(columns), 1)
    table = Table(data, colWidths=[width] * len(columns), repeatRows=1)
    table.setStyle(TableStyle(style))
    story = [Paragraph(markup(document.title), STYLES["h2"])]
    if caption:
        story.append(Paragraph(markup(caption), STYLES["body"]))
    story += [Paragraph(markup(note), STYLES["body"]) for note in document.notes]
    story.append(table)
    doc.build(story, canvasmaker=partial(NumberedCanvas, footer=document.title))
    return buffer.getvalue()

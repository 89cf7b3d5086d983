"""The one PDF of tables: a title, a caption, notes, then one table per section, each by its
:class:`Report`'s columns, with an optional totals row. Every table export in PDF uses it:
the refund list, a business case, an investment, scenarios side by side (landscape), the
council's yearly pack of appeals (portrait). The committee report's look (``pdf.styles``),
numbered footer and tagging (header cells, headings)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import polars as pl
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.pagesizes import landscape as turned
from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate, TableStyle

from socialstyring.io.formatting import date_dk, kroner, number_dk, percent
from socialstyring.io.writers import Report, ReportColumn
from socialstyring.io.writers.pdf.footer import NumberedCanvas
from socialstyring.io.writers.pdf.styles import STYLES, grid_style, markup
from socialstyring.io.writers.pdf.tagging import Paragraph, Table
from socialstyring.translation import pgettext


@dataclass(frozen=True)
class TableSection:
    heading: str  # "": the document's only table, under its title
    report: Report
    frame: pl.DataFrame
    totals: dict[str, Any] | None = None  # the totals row, by field
    note: str = ""  # under the table


@dataclass(frozen=True)
class TableDocument:
    title: str
    caption: str = ""
    as_of: dt.date | None = None  # named in the footer
    notes: tuple[str, ...] = ()  # paragraphs under the caption (key figures, assumptions)
    sections: tuple[TableSection, ...] = field(default_factory=tuple)
    landscape: bool = True


def text_section(heading: str, rows: Sequence[Sequence[str]], note: str = "") -> TableSection:
    """A section of ready-made text cells, the first row its header."""
    header, *body = rows
    fields = [f"column_{i}" for i in range(len(header))]
    # Each column as wide as its longest cell (words of the header may wrap).
    widths = [
        max([len(row[i]) for row in body] + [max(map(len, header[i].split()), default=1), 6])
        for i in range(len(header))
    ]
    report = Report(
        heading,
        tuple(
            ReportColumn(f, label, width=w)
            for f, label, w in zip(fields, header, widths, strict=True)
        ),
        totals_label=None,
    )
    frame = pl.DataFrame(
        {f: [row[i] for row in body] for i, f in enumerate(fields)},
        schema=dict.fromkeys(fields, pl.String),
    )
    return TableSection(heading, report, frame, note=note)


def cell_text(kind: str, value: Any) -> str:
    if value is None:
        return ""
    if kind == "kroner":
        return kroner(float(value))
    if kind == "number":
        return number_dk(float(value))
    if kind == "share":
        return percent(float(value))
    if kind == "date" and isinstance(value, dt.date):
        return date_dk(value)
    return str(value)


def _cell(kind: str, value: Any) -> Paragraph:
    style = "num" if kind in ("kroner", "number", "count", "share") else "cell"
    return Paragraph(markup(cell_text(kind, value)), STYLES[style])


def _table(section: TableSection, width: float) -> Table:
    columns = section.report.columns
    data: list[list] = [[Paragraph(markup(c.label), STYLES["cell"]) for c in columns]]
    data += [
        [_cell(c.kind, v) for c, v in zip(columns, row, strict=True)]
        for row in section.frame.select([c.field for c in columns]).iter_rows()
    ]
    style = grid_style(7.5)
    if section.totals is not None and section.report.totals_label:
        data.append(
            [
                Paragraph(markup(section.report.totals_label), STYLES["cell"])
                if i == 0
                else _cell(c.kind, section.totals.get(c.field))
                for i, c in enumerate(columns)
            ]
        )
        style += [("LINEABOVE", (0, -1), (-1, -1), 1, colors.black)]
    total = sum(c.width for c in columns) or 1
    table = Table(data, colWidths=[width * c.width / total for c in columns], repeatRows=1)
    table.setStyle(TableStyle(style))
    return table


def table_document(document: TableDocument) -> bytes:
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=turned(A4) if document.landscape else A4,
        leftMargin=14 * mm,
        rightMargin=14 * mm,
        topMargin=14 * mm,
        bottomMargin=18 * mm,
        title=document.title,
        lang=pgettext("language tag of documents", "en-GB"),
        invariant=True,
    )
    story: list = [Paragraph(markup(document.title), STYLES["title"])]
    if document.caption:
        story.append(Paragraph(markup(document.caption), STYLES["subtitle"]))
    story += [Paragraph(markup(note), STYLES["body"]) for note in document.notes]
    for section in document.sections:
        if section.heading:
            story.append(Paragraph(markup(section.heading), STYLES["h2"]))
        story.append(_table(section, doc.width))
        if section.note:
            story.append(Paragraph(markup(section.note), STYLES["comment"]))
    footer = document.title
    if document.as_of is not None:
        footer += f" · {date_dk(document.as_of)}"
    elif document.caption:
        footer += f" · {document.caption}"
    doc.build(story, canvasmaker=partial(NumberedCanvas, footer=footer))
    return buffer.getvalue()

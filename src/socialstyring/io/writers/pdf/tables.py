"""A PDF of plain tables: a title, a caption, notes, then one table per section, each
by its :class:`Report`'s columns. For lists such as the refund list."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from functools import partial

import polars as pl
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

from socialstyring.io.formatting import date_dk, kroner
from socialstyring.io.writers import Report
from socialstyring.io.writers.pdf.footer import NumberedCanvas
from socialstyring.io.writers.pdf.styles import STYLES, grid_style, markup
from socialstyring.translation import pgettext


@dataclass(frozen=True)
class TableSection:
    heading: str
    report: Report
    frame: pl.DataFrame


@dataclass(frozen=True)
class TableDocument:
    title: str
    caption: str
    as_of: dt.date
    notes: tuple[str, ...] = ()
    sections: tuple[TableSection, ...] = field(default_factory=tuple)


def _cell(kind: str, value) -> Paragraph:
    if kind == "kroner":
        return Paragraph(markup(kroner(value)), STYLES["num"])
    if kind == "date":
        return Paragraph(markup(date_dk(value)), STYLES["cell"])
    return Paragraph(markup("" if value is None else str(value)), STYLES["cell"])


def _table(section: TableSection, width: float) -> Table:
    columns = section.report.columns
    head = [Paragraph(markup(c.label), STYLES["cell"]) for c in columns]
    rows = [
        [_cell(c.kind, v) for c, v in zip(columns, row, strict=True)]
        for row in section.frame.select([c.field for c in columns]).iter_rows()
    ]
    total = sum(c.width for c in columns)
    table = Table([head, *rows], colWidths=[width * c.width / total for c in columns], repeatRows=1)
    table.setStyle(TableStyle(grid_style(7.5)))
    return table


def table_document(document: TableDocument) -> bytes:
    buffer = io.BytesIO()
    size = landscape(A4)
    doc = SimpleDocTemplate(
        buffer,
        pagesize=size,
        leftMargin=14 * mm,
        rightMargin=14 * mm,
        topMargin=14 * mm,
        bottomMargin=18 * mm,
        title=document.title,
        lang=pgettext("language tag of documents", "en-GB"),
        invariant=True,
    )
    story: list = [
        Paragraph(markup(document.title), STYLES["h2"]),
        Paragraph(markup(document.caption), STYLES["body"]),
        *(Paragraph(markup(note), STYLES["body"]) for note in document.notes),
    ]
    for section in document.sections:
        story += [Paragraph(markup(section.heading), STYLES["h2"]), _table(section, doc.width)]
    footer = f"{document.title} · {date_dk(document.as_of)}"
    doc.build(story, canvasmaker=partial(NumberedCanvas, footer=footer))
    return buffer.getvalue()

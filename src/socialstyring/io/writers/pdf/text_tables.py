"""A plain A4 PDF of titled tables, e.g. the council's yearly pack of appeals: a title, a
subtitle, then per section a heading and a table of text cells (first row the header)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import partial

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

from socialstyring.io.writers.pdf.footer import NumberedCanvas
from socialstyring.io.writers.pdf.styles import HEADER_BG, STYLES, markup
from socialstyring.translation import pgettext


@dataclass(frozen=True)
class TableSection:
    heading: str
    rows: tuple[tuple[str, ...], ...]  # the first row is the header
    note: str = ""


def tables_report(title: str, subtitle: str, sections: tuple[TableSection, ...]) -> bytes:
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=18 * mm,
        bottomMargin=20 * mm,
        title=title,
        lang=pgettext("language tag of documents", "en-GB"),
        invariant=True,
    )
    story: list = [
        Paragraph(markup(title), STYLES["title"]),
        Paragraph(markup(subtitle), STYLES["subtitle"]),
    ]
    for section in sections:
        story.append(Paragraph(markup(section.heading), STYLES["h2"]))
        cells = [[Paragraph(markup(c), STYLES["cell"]) for c in row] for row in section.rows]
        table = Table(cells, repeatRows=1)
        table.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, 0), HEADER_BG),
                    ("GRID", (0, 0), (-1, -1), 0.3, colors.HexColor("#BBBBBB")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        story.append(table)
        if section.note:
            story.append(Paragraph(markup(section.note), STYLES["comment"]))
    doc.build(story, canvasmaker=partial(NumberedCanvas, footer=f"{title} · {subtitle}"))
    return buffer.getvalue()

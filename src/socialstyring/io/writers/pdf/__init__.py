"""The committee report (udvalgsrapport) of a follow-up snapshot as an A4 PDF.

reportlab only, no system packages. The built-in Helvetica covers Latin-1, so æ, ø and å
render without embedding a font file. Amounts go through ``io.formatting.kroner``.

The package: ``model`` (the report as data), ``styles``, ``pages`` (title page, summary,
area tables), ``chart`` (the year chart) and ``footer`` (the numbered page footer).
"""

from __future__ import annotations

import io
from functools import partial

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

from socialstyring.io.formatting import date_dk
from socialstyring.io.writers.pdf.chart import year_chart
from socialstyring.io.writers.pdf.footer import NumberedCanvas
from socialstyring.io.writers.pdf.model import BufferSummary, CommitteeReport, ReportLine
from socialstyring.io.writers.pdf.pages import area_table, by_area, summary, title_page
from socialstyring.io.writers.pdf.projection import projection_section
from socialstyring.io.writers.pdf.styles import STYLES, markup
from socialstyring.io.writers.pdf.tables import TableDocument, TableSection, table_document
from socialstyring.translation import _, pgettext

__all__ = [
    "BufferSummary",
    "CommitteeReport",
    "ReportLine",
    "TableDocument",
    "TableSection",
    "committee_report",
    "table_document",
]


def committee_report(report: CommitteeReport) -> bytes:
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=18 * mm,
        bottomMargin=20 * mm,
        title=report.title,
        author=report.created_by,
        subject=_("Budget follow-up %(year)s") % {"year": report.year},
        lang=pgettext("language tag of documents", "en-GB"),
        invariant=True,
    )
    footer = _("%(title)s · as of %(date)s") % {
        "title": report.title,
        "date": date_dk(report.as_of),
    }
    story = [*title_page(report), PageBreak(), *summary(report)]
    if report.projection is not None:
        story += projection_section(report.projection)
    for area, lines in by_area(report.lines):
        story += area_table(area, lines)
    if report.series is not None:
        story += [
            Paragraph(markup(_("The course of the year")), STYLES["h2"]),
            year_chart(report.series),
        ]
    if report.note:
        story += [
            Paragraph(markup(_("Overall comment")), STYLES["h2"]),
            Paragraph(markup(report.note), STYLES["body"]),
        ]
    doc.build(story, canvasmaker=partial(NumberedCanvas, footer=footer))
    return buffer.getvalue()

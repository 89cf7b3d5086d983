"""The committee report (udvalgsrapport) of a follow-up snapshot as an A4 PDF.

reportlab only, no system packages. The built-in Helvetica covers Latin-1, so æ, ø and å
render without embedding a font file. Amounts go through ``io.formatting.kroner``.

The package: ``model`` (the report as data), ``styles``, ``pages`` (heading, summary with
the overall comment, area tables), ``chart`` (the year chart), ``tables`` (any report's
tables), ``footer`` (the numbered page footer) and ``tagging`` (the structure tree that
makes every PDF here a tagged one: title, language, headings, table header cells).
"""

from __future__ import annotations

import io
from functools import partial

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate

from socialstyring.io.formatting import date_dk
from socialstyring.io.writers.chart import description as chart_description
from socialstyring.io.writers.pdf.chart import year_chart
from socialstyring.io.writers.pdf.footer import NumberedCanvas
from socialstyring.io.writers.pdf.model import BufferSummary, CommitteeReport, ReportLine
from socialstyring.io.writers.pdf.pages import area_table, by_area, heading, summary
from socialstyring.io.writers.pdf.projection import projection_section
from socialstyring.io.writers.pdf.styles import STYLES, markup
from socialstyring.io.writers.pdf.tables import (
    TableDocument,
    TableSection,
    table_document,
    text_section,
)
from socialstyring.io.writers.pdf.tagging import Figure, Paragraph
from socialstyring.translation import _, pgettext

__all__ = [
    "BufferSummary",
    "CommitteeReport",
    "ReportLine",
    "TableDocument",
    "TableSection",
    "committee_report",
    "table_document",
    "text_section",
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
    # What the committee reads first: the summary and the overall comment, then the
    # projection and the chart, then the accounts area by area.
    story = [*heading(report), *summary(report)]
    if report.projection is not None:
        story += projection_section(report.projection)
    if report.series is not None:
        story += [
            Paragraph(markup(_("The course of the year")), STYLES["h2"]),
            Figure(year_chart(report.series), chart_description(report.series)),
        ]
    for area, lines in by_area(report.lines):
        story += area_table(area, lines)
    doc.build(story, canvasmaker=partial(NumberedCanvas, footer=footer))
    return buffer.getvalue()

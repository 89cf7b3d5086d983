"""The action plan's status report as a Word document (.docx, as municipal agenda systems
take it), through python-docx: per focus point the table *Fokus / Handling / Status*, then
its targets with figure, status and a small trend chart."""

from __future__ import annotations

import io

from docx import Document
from docx.shared import Cm, Pt

from socialstyring.io.formatting import date_dk
from socialstyring.io.writers import trend
from socialstyring.io.writers.status_report import FocusSection, StatusReport
from socialstyring.translation import _, pgettext


def _table(document, header: list[str], rows: list[list[str]]):
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text
    return table


def _section(document, section: FocusSection) -> None:
    document.add_heading(section.title, level=2)
    rows = [
        [
            section.title if i == 0 else "",
            action.text
            + (f" ({action.owner}" if action.owner else "")
            + (f", {date_dk(action.deadline)}" if action.owner and action.deadline else "")
            + (")" if action.owner else ""),
            action.status_text,
        ]
        for i, action in enumerate(section.actions)
    ] or [[section.title, "", ""]]
    _table(document, [_("Focus"), pgettext("report", "Action"), pgettext("report", "Status")], rows)
    if section.targets:
        document.add_paragraph()
        _table(
            document,
            [_("Target"), _("Figure"), pgettext("report", "Status")],
            [
                [
                    f"{t.label}\n{t.goal}",
                    t.figure,
                    t.status_label + (f"\n{t.comment}" if t.comment else ""),
                ]
                for t in section.targets
            ],
        )
        for target in section.targets:
            if target.trend:
                caption = document.add_paragraph(_("Trend: %(target)s") % {"target": target.label})
                caption.runs[0].font.size = Pt(8)
                document.add_picture(io.BytesIO(trend.png(target.trend, target.value)), width=Cm(9))
    if section.comment:
        document.add_paragraph(section.comment).runs[0].italic = True


def status_report_docx(report: StatusReport) -> bytes:
    document = Document()
    document.core_properties.title = report.title
    document.core_properties.author = report.created_by
    document.add_heading(report.title, level=1)
    subtitle = _("Status as of %(date)s") % {"date": date_dk(report.as_of)}
    document.add_paragraph(" · ".join(p for p in (report.organisation, subtitle) if p))
    for section in report.sections:
        _section(document, section)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()

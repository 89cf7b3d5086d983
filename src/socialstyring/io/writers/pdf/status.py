"""The action plan's status report as an A4 PDF: per focus point the table *Fokus /
Handling / Status*, then its targets with figure, status and a small trend chart."""

from __future__ import annotations

import io
from functools import partial

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate, Spacer, TableStyle

from socialstyring.io.formatting import date_dk
from socialstyring.io.writers.pdf.footer import NumberedCanvas
from socialstyring.io.writers.pdf.styles import ACCENT, HEADER_BG, OVER, STYLES, markup
from socialstyring.io.writers.pdf.tagging import Paragraph, Table
from socialstyring.io.writers.status_report import FocusSection, StatusReport, TrendPoint
from socialstyring.io.writers.trend import peak_of
from socialstyring.translation import _, pgettext

WIDTH = 174 * mm


def trend_drawing(points: tuple[TrendPoint, ...], target: float) -> Drawing:
    width, height, bottom = 70 * mm, 26 * mm, 10.0
    drawing = Drawing(width, height)
    if not points:
        return drawing
    peak, step = peak_of(points, target), width / len(points)
    plot = height - bottom - 2
    for i, point in enumerate(points):
        bar = plot * (point.value or 0.0) / peak
        x = i * step + step * 0.2
        drawing.add(Rect(x, bottom, step * 0.6, bar, fillColor=ACCENT, strokeColor=None))
        drawing.add(String(x + step * 0.3, 1, str(point.year), fontSize=6, textAnchor="middle"))
    y = bottom + plot * target / peak
    drawing.add(Line(0, y, width, y, strokeColor=OVER, strokeWidth=1.2, strokeDashArray=[3, 2]))
    return drawing


def _cell(text: str, style: str = "cell") -> Paragraph:
    return Paragraph(markup(text), STYLES[style])


def _grid(rows: list, widths: list[float]) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_BG),
                ("GRID", (0, 0), (-1, -1), 0.3, colors.HexColor("#BBBBBB")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


def _section(section: FocusSection) -> list:
    header = [
        _cell(_("Focus")),
        _cell(pgettext("report", "Action")),
        _cell(pgettext("report", "Status")),
    ]
    rows = [header]
    for i, action in enumerate(section.actions or ()):
        owner = f" ({action.owner}" + (f", {date_dk(action.deadline)})" if action.deadline else ")")
        rows.append(
            [
                _cell(section.title if i == 0 else ""),
                _cell(action.text + (owner if action.owner else "")),
                _cell(action.status_text),
            ]
        )
    if len(rows) == 1:
        rows.append([_cell(section.title), _cell(""), _cell("")])
    story: list = [
        Paragraph(markup(section.title), STYLES["h2"]),
        _grid(rows, [WIDTH * 0.28, WIDTH * 0.42, WIDTH * 0.30]),
    ]
    if section.targets:
        rows = [
            [
                _cell(_("Target")),
                _cell(_("Figure")),
                _cell(pgettext("report", "Status")),
                _cell(_("Trend")),
            ]
        ]
        for target in section.targets:
            rows.append(
                [
                    _cell(f"{target.label}\n{target.goal}"),
                    _cell(target.figure),
                    _cell(target.status_label + (f"\n{target.comment}" if target.comment else "")),
                    trend_drawing(target.trend, target.value),
                ]
            )
        story += [
            Spacer(1, 3 * mm),
            _grid(rows, [WIDTH * 0.30, WIDTH * 0.14, WIDTH * 0.16, WIDTH * 0.40]),
        ]
    if section.comment:
        story.append(Paragraph(markup(section.comment), STYLES["comment"]))
    return story


def status_report(report: StatusReport) -> bytes:
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
        lang=pgettext("language tag of documents", "en-GB"),
        invariant=True,
    )
    subtitle = _("Status as of %(date)s") % {"date": date_dk(report.as_of)}
    story: list = [
        Paragraph(markup(report.title), STYLES["title"]),
        Paragraph(
            markup(" · ".join(p for p in (report.organisation, subtitle) if p)), STYLES["subtitle"]
        ),
    ]
    for section in report.sections:
        story += _section(section)
    footer = f"{report.title} · {subtitle}"
    doc.build(story, canvasmaker=partial(NumberedCanvas, footer=footer))
    return buffer.getvalue()

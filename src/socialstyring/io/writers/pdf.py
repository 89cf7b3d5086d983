"""The committee report (udvalgsrapport) of a follow-up snapshot as an A4 PDF.

reportlab only, no system packages. The built-in Helvetica covers Latin-1, so æ, ø and å
render without embedding a font file. Amounts go through ``io.formatting.kroner``.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial
from xml.sax.saxutils import escape

from reportlab.graphics.shapes import Drawing, Line, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas
from reportlab.platypus import (
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from socialstyring import terms
from socialstyring.io.formatting import date_dk, kroner, number_dk
from socialstyring.io.writers.chart import YearSeries
from socialstyring.terms import MONTH_ABBR
from socialstyring.translation import _, pgettext

MEASURES = terms.MEASURE_FIELDS
MEASURE_LABELS = tuple(m.short for m in terms.MEASURES)
ACCENT = colors.HexColor("#004993")
HEADER_BG = colors.HexColor("#E6EEF5")
OVER = colors.HexColor("#B00020")
UNDER = colors.HexColor("#1B6E20")


@dataclass(frozen=True)
class ReportLine:
    account: str
    name: str
    area: str  # the area's label, e.g. "Children and young people" in Danish
    budget: float
    spent_to_date: float
    committed_rest: float
    expected: float
    deviation: float
    comment: str = ""


@dataclass(frozen=True)
class BufferSummary:
    names: str
    amount: float
    released: bool
    released_amount: float
    deviation_without: float
    deviation_with: float
    rule: str = ""


@dataclass(frozen=True)
class CommitteeReport:
    title: str
    year: int
    as_of: dt.date
    created_by: str
    created_at: dt.datetime
    lines: tuple[ReportLine, ...]  # grouped by area, in the order the areas appear
    note: str = ""
    is_final: bool = False
    organisation: str = ""
    buffer: BufferSummary | None = None
    series: YearSeries | None = None


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
    story = [*_title_page(report), PageBreak(), *_summary(report)]
    for area, lines in _by_area(report.lines):
        story += _area_table(area, lines)
    if report.series is not None:
        story += [
            Paragraph(_text(_("The course of the year")), STYLES["h2"]),
            _chart(report.series),
        ]
    if report.note:
        story += [
            Paragraph(_text(_("Overall comment")), STYLES["h2"]),
            Paragraph(_text(report.note), STYLES["body"]),
        ]
    doc.build(story, canvasmaker=partial(_NumberedCanvas, footer=footer))
    return buffer.getvalue()


# --- styles and text -------------------------------------------------------------------

_base = getSampleStyleSheet()
STYLES = {
    "title": ParagraphStyle(
        "title",
        parent=_base["Title"],
        fontName="Helvetica-Bold",
        fontSize=26,
        leading=32,
        alignment=0,
        textColor=ACCENT,
        spaceAfter=8 * mm,
    ),
    "subtitle": ParagraphStyle("subtitle", parent=_base["Normal"], fontSize=14, leading=20),
    "h2": ParagraphStyle(
        "h2",
        parent=_base["Heading2"],
        fontName="Helvetica-Bold",
        fontSize=13,
        textColor=ACCENT,
        spaceBefore=6 * mm,
        spaceAfter=3 * mm,
        keepWithNext=1,
    ),  # a heading never ends a page alone
    "body": ParagraphStyle("body", parent=_base["Normal"], fontSize=10, leading=14),
    "cell": ParagraphStyle("cell", parent=_base["Normal"], fontSize=7.5, leading=9.5),
    "num": ParagraphStyle(
        "num", parent=_base["Normal"], fontSize=7.5, leading=9.5, alignment=TA_RIGHT
    ),
    "comment": ParagraphStyle(
        "comment",
        parent=_base["Normal"],
        fontName="Helvetica-Oblique",
        fontSize=7.5,
        leading=9.5,
        leftIndent=4,
    ),
}


def _text(value: str) -> str:
    """Plain text as reportlab paragraph markup: escaped, line breaks kept."""
    return escape(value).replace("\n", "<br/>")


def _by_area(lines: Iterable[ReportLine]) -> list[tuple[str, list[ReportLine]]]:
    groups: dict[str, list[ReportLine]] = {}
    for line in lines:
        groups.setdefault(line.area, []).append(line)
    return list(groups.items())


def _sum(lines: Iterable[ReportLine], measure: str) -> float:
    return sum(getattr(line, measure) for line in lines)


def _deviation_words(deviation: float) -> str:
    if round(deviation) < 0:
        return _("an expected overspend of %(amount)s") % {"amount": kroner(-deviation)}
    if round(deviation) > 0:
        return _("an expected underspend of %(amount)s") % {"amount": kroner(deviation)}
    return _("an expected outturn on budget")


# --- pages ---------------------------------------------------------------------------


def _title_page(report: CommitteeReport) -> list:
    kind = (
        _("The year's final budget follow-up for the budget year %(year)s")
        if report.is_final
        else _("Budget follow-up for the budget year %(year)s")
    )
    parts = [Spacer(1, 45 * mm)]
    if report.organisation:
        parts.append(Paragraph(_text(report.organisation), STYLES["subtitle"]))
    parts += [
        Paragraph(_text(report.title), STYLES["title"]),
        Paragraph(_text(kind) % {"year": report.year}, STYLES["subtitle"]),
        Paragraph(_text(_("As of %(date)s")) % {"date": date_dk(report.as_of)}, STYLES["subtitle"]),
        Spacer(1, 20 * mm),
        Paragraph(
            _text(_("Prepared by %(user)s on %(day)s at %(time)s"))
            % {
                "user": _text(report.created_by),
                "day": date_dk(report.created_at),
                "time": f"{report.created_at:%H.%M}",
            },
            STYLES["body"],
        ),
        Paragraph(
            _text(
                _(
                    "The specialised social services: expected outturn = spent to date + "
                    "committed for the rest of the year. Deviation = budget - expected "
                    "(positive: underspend, negative: overspend)."
                )
            ),
            STYLES["body"],
        ),
    ]
    return parts


def _summary(report: CommitteeReport) -> list:
    lines = report.lines
    deviation = _sum(lines, "deviation")
    rows = [
        [label, kroner(_sum(lines, m))] for label, m in zip(MEASURE_LABELS, MEASURES, strict=True)
    ]
    table = Table(
        [[_("The whole area"), _("Amount")], *rows], colWidths=[80 * mm, 45 * mm], hAlign="LEFT"
    )
    table.setStyle(
        _grid_style(font_size=10)
        + [
            ("TEXTCOLOR", (1, len(rows)), (1, len(rows)), _deviation_colour(deviation)),
        ]
    )
    parts = [
        Paragraph(_text(pgettext("committee report", "Summary")), STYLES["h2"]),
        Paragraph(
            _text(
                _("As of %(date)s the follow-up shows %(deviation)s")
                % {"date": date_dk(report.as_of), "deviation": _deviation_words(deviation)}
            ),
            STYLES["body"],
        ),
        Spacer(1, 3 * mm),
        table,
    ]
    if report.buffer is not None:
        parts += _buffer_section(report.buffer)
    return parts


def _buffer_section(pool: BufferSummary) -> list:
    if pool.released:
        status = _("Released: %(amount)s at the year's final budget follow-up.") % {
            "amount": kroner(pool.released_amount)
        }
    else:
        status = _("Not released.")
    text = _text(
        _(
            "%(names)s: %(amount)s has been set aside. %(status)s Deviation without buffer "
            "pool: %(without)s; with buffer pool: %(with)s"
        )
    ) % {
        "names": _text(pool.names),
        "amount": kroner(pool.amount),
        "status": _text(status),
        "without": kroner(pool.deviation_without),
        "with": kroner(pool.deviation_with),
    }
    parts = [Paragraph(_text(_("Buffer pool")), STYLES["h2"]), Paragraph(text, STYLES["body"])]
    if pool.rule:
        parts.append(
            Paragraph(_text(_("Rule: %(rule)s")) % {"rule": _text(pool.rule)}, STYLES["body"])
        )
    return parts


def _area_table(area: str, lines: list[ReportLine]) -> list:
    """One row of figures per account, its comment in a full-width row below it."""
    header = [_("Account"), *(m.narrow for m in terms.MEASURES)]
    data: list[list] = [header]
    style = _grid_style(font_size=7.5)
    for line in lines:
        colour = _deviation_colour(line.deviation).hexval()[2:]
        data.append(
            [
                Paragraph(f"<b>{escape(line.account)}</b> {_text(line.name)}", STYLES["cell"]),
                *(Paragraph(kroner(getattr(line, m)), STYLES["num"]) for m in MEASURES[:-1]),
                Paragraph(
                    f'<font color="#{colour}">{kroner(line.deviation)}</font>', STYLES["num"]
                ),
            ]
        )
        if line.comment:
            comment = _text(_("Comment: %(comment)s")) % {"comment": _text(line.comment)}
            data.append([Paragraph(comment, STYLES["comment"])])
            row = len(data) - 1
            # The comment stays on the page of the figures it explains.
            style += [("SPAN", (0, row), (-1, row)), ("NOSPLIT", (0, row - 1), (-1, row))]
    data.append(
        [_("Total %(label)s") % {"label": area}, *(kroner(_sum(lines, m)) for m in MEASURES)]
    )
    style += [
        ("FONTNAME", (0, -1), (-1, -1), "Helvetica-Bold"),
        ("LINEABOVE", (0, -1), (-1, -1), 1, colors.black),
    ]
    table = Table(
        data, colWidths=[60 * mm, 23 * mm, 23 * mm, 23 * mm, 23 * mm, 22 * mm], repeatRows=1
    )
    table.setStyle(TableStyle(style))
    return [Paragraph(_text(area), STYLES["h2"]), table]


def _grid_style(font_size: float) -> list:
    """Header row, thin row lines, figures right-aligned from the second column."""
    return [
        ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
        ("FONTSIZE", (0, 0), (-1, -1), font_size),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_BG),
        ("LINEBELOW", (0, 0), (-1, 0), 1, colors.black),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.HexColor("#D0D7DE")),
        ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]


def _deviation_colour(deviation: float):
    return OVER if deviation < -0.5 else UNDER if deviation > 0.5 else colors.black


# --- the year chart ------------------------------------------------------------------


def _chart(series: YearSeries, width: float = 174 * mm, height: float = 80 * mm) -> Drawing:
    """The same picture as the page's SVG: monthly spending as bars, budget pace, actual
    cumulative spending and the expected path to 31 December."""
    left, bottom, top, right = 38.0, 34.0, 8.0, 6.0
    plot_w, plot_h = width - left - right, height - bottom - top
    actual = [v for v in series.cumulative_actual if v is not None]
    peak = max([series.budget, *series.expected_path, *actual, 1.0]) * 1.05
    step = plot_w / 12
    decimals = 0 if peak >= 10e6 else 1  # small areas: "2,5 mio.", not "3 mio." twice

    def x(month: float) -> float:
        return left + step * (month + 0.5)

    def y(value: float) -> float:
        return bottom + plot_h * value / peak

    drawing = Drawing(width, height)
    for i in range(5):
        value = peak * i / 4
        drawing.add(
            Line(left, y(value), width - right, y(value), strokeColor=colors.HexColor("#E2E2E2"))
        )
        drawing.add(
            String(
                left - 4,
                y(value) - 3,
                f"{number_dk(value / 1e6, decimals)} mio.",
                fontSize=7,
                textAnchor="end",
                fillColor=colors.HexColor("#444444"),
            )
        )
    for month, amount in enumerate(series.monthly_spent):
        if amount > 0:
            drawing.add(
                Rect(
                    x(month) - step * 0.3,
                    y(0),
                    step * 0.6,
                    y(amount) - y(0),
                    fillColor=colors.HexColor("#9BBBD9"),
                    strokeColor=None,
                )
            )
        drawing.add(
            String(x(month), bottom - 10, MONTH_ABBR[month], fontSize=7, textAnchor="middle")
        )
    _polyline(drawing, series.budget_pace, x, y, colors.HexColor("#555555"), 1.5, [4, 3])
    _polyline(drawing, series.expected_path, x, y, colors.HexColor("#C55A11"), 1.8, [1.5, 2])
    _polyline(drawing, series.cumulative_actual, x, y, ACCENT, 2.2, None)
    legend = (
        (_("Budget pace"), colors.HexColor("#555555"), [4, 3]),
        (_("Cumulative spending"), ACCENT, None),
        (_("Expected path"), colors.HexColor("#C55A11"), [1.5, 2]),
    )
    for i, (label, colour, dash) in enumerate(legend):
        lx = left + i * 120
        drawing.add(
            Line(lx, 8, lx + 16, 8, strokeColor=colour, strokeWidth=2, strokeDashArray=dash)
        )
        drawing.add(String(lx + 20, 5, label, fontSize=7.5))
    bx = left + 3 * 120
    drawing.add(Rect(bx, 4, 12, 8, fillColor=colors.HexColor("#9BBBD9"), strokeColor=None))
    drawing.add(String(bx + 16, 5, _("Spending per month"), fontSize=7.5))
    return drawing


def _polyline(drawing: Drawing, values: list, x, y, colour, width: float, dash) -> None:
    points: list[float] = []
    for month, value in enumerate(values):
        if value is not None:
            points += [x(month), y(value)]
    if len(points) >= 4:
        drawing.add(PolyLine(points, strokeColor=colour, strokeWidth=width, strokeDashArray=dash))


# --- "Page X of Y" ---------------------------------------------------------------------


class _NumberedCanvas(canvas.Canvas):
    """Holds every page until the end, so each footer can name the total page count."""

    def __init__(self, *args, footer: str = "", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._footer_text = footer
        self._pages: list[dict] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._draw_footer(total)
            super().showPage()
        super().save()

    def _draw_footer(self, total: int) -> None:
        width = self._pagesize[0]
        self.setFont("Helvetica", 8)
        self.setFillColor(colors.HexColor("#555555"))
        self.drawString(18 * mm, 10 * mm, self._footer_text)
        self.drawRightString(
            width - 18 * mm,
            10 * mm,
            _("Page %(number)s of %(pages)s") % {"number": self._pageNumber, "pages": total},
        )

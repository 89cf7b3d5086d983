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
    area: str  # Danish area label, e.g. "Børn og unge"
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
        subject=f"Budgetopfølgning {report.year}",
        lang="da-DK",
        invariant=True,
    )
    footer = f"{report.title} · opgjort pr. {date_dk(report.as_of)}"
    story = [*_title_page(report), PageBreak(), *_summary(report)]
    for area, lines in _by_area(report.lines):
        story += _area_table(area, lines)
    if report.series is not None:
        story += [Paragraph("Årets forløb", STYLES["h2"]), _chart(report.series)]
    if report.note:
        story += [
            Paragraph("Samlet bemærkning", STYLES["h2"]),
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
        return f"et forventet merforbrug på {kroner(-deviation)}"
    if round(deviation) > 0:
        return f"et forventet mindreforbrug på {kroner(deviation)}"
    return "et forventet regnskab på budgettet"


# --- pages ---------------------------------------------------------------------------


def _title_page(report: CommitteeReport) -> list:
    kind = "Årets sidste budgetopfølgning" if report.is_final else "Budgetopfølgning"
    parts = [Spacer(1, 45 * mm)]
    if report.organisation:
        parts.append(Paragraph(_text(report.organisation), STYLES["subtitle"]))
    parts += [
        Paragraph(_text(report.title), STYLES["title"]),
        Paragraph(f"{kind} for budgetåret {report.year}", STYLES["subtitle"]),
        Paragraph(f"Opgjort pr. {date_dk(report.as_of)}", STYLES["subtitle"]),
        Spacer(1, 20 * mm),
        Paragraph(
            f"Udarbejdet af {_text(report.created_by)} den {date_dk(report.created_at)} "
            f"kl. {report.created_at:%H.%M}",
            STYLES["body"],
        ),
        Paragraph(
            "Det specialiserede socialområde: forventet regnskab = forbrug til dato + "
            "disponeret resten af året. Afvigelse = budget - forventet (positiv: "
            "mindreforbrug, negativ: merforbrug).",
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
    table = Table([["Hele området", "Beløb"], *rows], colWidths=[80 * mm, 45 * mm], hAlign="LEFT")
    table.setStyle(
        _grid_style(font_size=10)
        + [
            ("TEXTCOLOR", (1, len(rows)), (1, len(rows)), _deviation_colour(deviation)),
        ]
    )
    parts = [
        Paragraph("Sammenfatning", STYLES["h2"]),
        Paragraph(
            f"Pr. {date_dk(report.as_of)} viser opfølgningen {_deviation_words(deviation)}",
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
        status = f"Frigivet: {kroner(pool.released_amount)} ved årets sidste budgetopfølgning."
    else:
        status = "Ikke frigivet."
    text = (
        f"{_text(pool.names)}: {kroner(pool.amount)} er afsat. {status} "
        f"Afvigelse uden bufferpulje: {kroner(pool.deviation_without)}; "
        f"med bufferpulje: {kroner(pool.deviation_with)}"
    )
    parts = [Paragraph("Bufferpulje", STYLES["h2"]), Paragraph(text, STYLES["body"])]
    if pool.rule:
        parts.append(Paragraph(f"Regel: {_text(pool.rule)}", STYLES["body"]))
    return parts


def _area_table(area: str, lines: list[ReportLine]) -> list:
    """One row of figures per account, its comment in a full-width row below it."""
    header = ["Konto", *(m.narrow for m in terms.MEASURES)]
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
            data.append([Paragraph(f"Bemærkning: {_text(line.comment)}", STYLES["comment"])])
            row = len(data) - 1
            # The comment stays on the page of the figures it explains.
            style += [("SPAN", (0, row), (-1, row)), ("NOSPLIT", (0, row - 1), (-1, row))]
    data.append([f"I alt {area}", *(kroner(_sum(lines, m)) for m in MEASURES)])
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
        ("Budgettempo", colors.HexColor("#555555"), [4, 3]),
        ("Forbrug akkumuleret", ACCENT, None),
        ("Forventet forløb", colors.HexColor("#C55A11"), [1.5, 2]),
    )
    for i, (label, colour, dash) in enumerate(legend):
        lx = left + i * 120
        drawing.add(
            Line(lx, 8, lx + 16, 8, strokeColor=colour, strokeWidth=2, strokeDashArray=dash)
        )
        drawing.add(String(lx + 20, 5, label, fontSize=7.5))
    bx = left + 3 * 120
    drawing.add(Rect(bx, 4, 12, 8, fillColor=colors.HexColor("#9BBBD9"), strokeColor=None))
    drawing.add(String(bx + 16, 5, "Forbrug pr. måned", fontSize=7.5))
    return drawing


def _polyline(drawing: Drawing, values: list, x, y, colour, width: float, dash) -> None:
    points: list[float] = []
    for month, value in enumerate(values):
        if value is not None:
            points += [x(month), y(value)]
    if len(points) >= 4:
        drawing.add(PolyLine(points, strokeColor=colour, strokeWidth=width, strokeDashArray=dash))


# --- "Side X af Y" ---------------------------------------------------------------------


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
        width, _ = self._pagesize
        self.setFont("Helvetica", 8)
        self.setFillColor(colors.HexColor("#555555"))
        self.drawString(18 * mm, 10 * mm, self._footer_text)
        self.drawRightString(width - 18 * mm, 10 * mm, f"Side {self._pageNumber} af {total}")

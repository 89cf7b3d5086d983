"""The chart of the year in the PDF: the same picture as the page's SVG
(``io.writers.chart``), drawn with reportlab."""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing, Line, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm

from socialstyring.io.writers.chart import YearSeries, millions, nice_ticks
from socialstyring.io.writers.pdf.styles import ACCENT
from socialstyring.terms import MONTH_ABBR
from socialstyring.translation import _


def year_chart(series: YearSeries, width: float = 174 * mm, height: float = 80 * mm) -> Drawing:
    """The same picture as the page's SVG: monthly spending as bars, budget pace, actual
    cumulative spending and the expected path to 31 December."""
    left, bottom, top, right = 38.0, 34.0, 8.0, 6.0
    plot_w, plot_h = width - left - right, height - bottom - top
    actual = [v for v in series.cumulative_actual if v is not None]
    projected_high = series.projected_high or []
    # The page's round steps (e.g. 0/100/200/300/400 mio.), not the peak's quarters.
    ticks = nice_ticks(max([series.budget, *series.expected_path, *actual, *projected_high, 1.0]))
    peak = ticks[-1]
    step = plot_w / 12

    def x(month: float) -> float:
        return left + step * (month + 0.5)

    def y(value: float) -> float:
        return bottom + plot_h * value / peak

    drawing = Drawing(width, height)
    for value in ticks:
        drawing.add(
            Line(left, y(value), width - right, y(value), strokeColor=colors.HexColor("#E2E2E2"))
        )
        drawing.add(
            String(
                left - 4,
                y(value) - 3,
                millions(value),
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
    if series.projected_path:  # the projection's path and its 80 % band (docs/projection.md)
        _projected(drawing, series, x, y, left)
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


PROJECTED = colors.HexColor("#6A3D9A")


def _projected(drawing: Drawing, series: YearSeries, x, y, left: float) -> None:
    for bound in (series.projected_low, series.projected_high):
        _polyline(drawing, bound or [], x, y, colors.HexColor("#CAB2D6"), 0.8, None)
    _polyline(drawing, series.projected_path or [], x, y, PROJECTED, 1.8, [3, 1.5])
    drawing.add(Line(left, 17, left + 16, 17, strokeColor=PROJECTED, strokeWidth=2))
    drawing.add(String(left + 20, 14, _("Projected path, 80 % band"), fontSize=7.5))


def _polyline(drawing: Drawing, values: list, x, y, colour, width: float, dash) -> None:
    points: list[float] = []
    for month, value in enumerate(values):
        if value is not None:
            points += [x(month), y(value)]
    if len(points) >= 4:
        drawing.add(PolyLine(points, strokeColor=colour, strokeWidth=width, strokeDashArray=dash))

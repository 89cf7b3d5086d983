"""The backtest's chart: the error of the commitment forecast and of the projection on the
total, by the month of the cut, as SVG (no script, readable without colour: a title per point)."""

from __future__ import annotations

from html import escape

from socialstyring.io.formatting import number_dk
from socialstyring.io.writers.chart import nice_ticks
from socialstyring.terms import MONTH_ABBR
from socialstyring.translation import _


def backtest_svg(
    expected: list[float | None], projected: list[float | None], width: int = 760, height: int = 300
) -> str:
    """Mean absolute percentage error per month (January first) of both figures."""
    left, right, top, bottom = 60, 20, 20, 50
    plot_w, plot_h = width - left - right, height - top - bottom
    values = [v for v in (*expected, *projected) if v is not None]
    ticks = nice_ticks(max([*values, 1.0]))
    step = plot_w / 12

    def x(m: int) -> float:
        return left + step * (m + 0.5)

    def y(v: float) -> float:
        return top + plot_h - plot_h * v / ticks[-1]

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="bt-title" class="year-chart backtest-chart">',
        f'<title id="bt-title">{escape(_("Error on the total by month of the cut"))}</title>',
    ]
    for t in ticks:
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y(t):.1f}" y2="{y(t):.1f}" class="grid"/>'
            f'<text x="{left - 6}" y="{y(t) + 4:.1f}" class="axis" text-anchor="end">'
            f"{escape(number_dk(t, 0))} %</text>"
        )
    for m in range(12):
        parts.append(
            f'<text x="{x(m):.1f}" y="{height - bottom + 16}" class="axis" '
            f'text-anchor="middle">{MONTH_ABBR[m]}</text>'
        )
    legend = (
        (expected, "expected", _("Expected outturn")),
        (projected, "projected", _("Projected")),
    )
    for series, css, label in legend:
        points = [(m, v) for m, v in enumerate(series) if v is not None]
        line = " ".join(f"{x(m):.1f},{y(v):.1f}" for m, v in points)
        parts.append(f'<polyline points="{line}" class="{css}"/>')
        for m, v in points:
            parts.append(
                f'<circle cx="{x(m):.1f}" cy="{y(v):.1f}" r="3" class="{css}">'
                f"<title>{escape(label)}, {MONTH_ABBR[m]}: {escape(number_dk(v, 1))} %</title>"
                "</circle>"
            )
    for i, (_series, css, label) in enumerate(legend):
        lx = left + i * 200
        parts.append(
            f'<line x1="{lx}" x2="{lx + 18}" y1="{height - 16}" y2="{height - 16}" class="{css}"/>'
            f'<text x="{lx + 22}" y="{height - 12}" class="legend">{escape(label)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)

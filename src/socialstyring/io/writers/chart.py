"""The chart of the year: budget pace, spending month by month, the expected path to
31 December. One series builder; SVG for the page, reportlab for the PDF."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from html import escape

import polars as pl

from socialstyring.terms import MONTH_ABBR
from socialstyring.translation import _


@dataclass(frozen=True)
class YearSeries:
    monthly_spent: list[float]  # per month, up to the as-of month; later months 0
    cumulative_actual: list[float | None]  # to the as-of month, None after
    expected_path: list[float]  # cumulative spent, then committed, to December
    budget_pace: list[float]  # budget / 12 per month, cumulative
    budget: float
    as_of_month: int
    # The projection (docs/projection.md), when asked: its cumulative path and 80 % band.
    projected_path: list[float] | None = None
    projected_low: list[float] | None = None
    projected_high: list[float] | None = None


def year_series(profile: pl.DataFrame, budget: float, as_of: dt.date, year: int) -> YearSeries:
    spent = profile["spent"].to_list()
    expected = profile["expected"].to_list()
    cut = 12 if as_of.year > year else (0 if as_of.year < year else as_of.month)
    cumulative, running = [], 0.0
    path, path_running = [], 0.0
    for month in range(12):
        running += spent[month]
        cumulative.append(running if month < cut else None)
        path_running += expected[month]
        path.append(path_running)
    pace = [budget * (m + 1) / 12 for m in range(12)]
    monthly = [spent[m] if m < cut else 0.0 for m in range(12)]
    return YearSeries(monthly, cumulative, path, pace, budget, cut)


def nice_ticks(peak: float, count: int = 4) -> list[float]:
    """Round axis steps (1, 2, 2,5 or 5 × 10^n) from 0 to at least ``peak``."""
    raw = max(peak, 1.0) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(f * magnitude for f in (1, 2, 2.5, 5, 10) if f * magnitude >= raw)
    return [step * i for i in range(math.ceil(max(peak, 1.0) / step) + 1)]


def millions(value: float) -> str:
    """``250 mio.``, ``2,5 mio.``: a decimal only where the value needs one."""
    millions = value / 1e6
    decimals = 0 if abs(millions - round(millions)) < 1e-9 else 1
    return (
        f"{millions:,.{decimals}f}".replace(",", "X").replace(".", ",").replace("X", ".") + " mio."
    )


def description(series: YearSeries) -> str:
    """The chart in words: the SVG's description and the PDF figure's alternative text."""
    return _(
        "Budget pace, spending month by month and the expected path to "
        "31 December. Budget %(budget)s kr., expected %(expected)s kr."
    ) % {
        "budget": millions(series.budget),
        "expected": millions(series.expected_path[-1]),
    }


def svg(series: YearSeries, width: int = 760, height: int = 320) -> str:
    left, right, top, bottom = 70, 20, 20, 50
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max(
        [
            series.budget,
            *series.expected_path,
            *(series.projected_high or []),
            *(v for v in series.cumulative_actual if v is not None),
            1.0,
        ]
    )
    ticks = nice_ticks(peak)
    step = plot_w / 12

    def x(month_index: float) -> float:
        return left + step * (month_index + 0.5)

    def y(value: float) -> float:
        return top + plot_h - plot_h * value / ticks[-1]

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="chart-title chart-desc" class="year-chart">',
        f'<title id="chart-title">{escape(_("The course of the year"))}</title>',
        f'<desc id="chart-desc">{escape(description(series))}</desc>',
    ]
    for value in ticks:
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y(value):.1f}" '
            f'y2="{y(value):.1f}" class="grid"/>'
        )
        parts.append(
            f'<text x="{left - 6}" y="{y(value) + 4:.1f}" class="axis" text-anchor="end">'
            f"{escape(millions(value))}</text>"
        )
    for m, amount in enumerate(series.monthly_spent):
        if amount > 0:
            parts.append(
                f'<rect x="{x(m) - step * 0.3:.1f}" y="{y(amount):.1f}" width="{step * 0.6:.1f}" '
                f'height="{y(0) - y(amount):.1f}" class="bar"><title>{MONTH_ABBR[m]}: '
                f"{escape(millions(amount))} kr.</title></rect>"
            )
        parts.append(
            f'<text x="{x(m):.1f}" y="{height - bottom + 16}" class="axis" '
            f'text-anchor="middle">{MONTH_ABBR[m]}</text>'
        )

    def polyline(values, css):
        points = " ".join(f"{x(m):.1f},{y(v):.1f}" for m, v in enumerate(values) if v is not None)
        return f'<polyline points="{points}" class="{css}" fill="none"/>' if points else ""

    if series.projected_low and series.projected_high:
        edge = [*enumerate(series.projected_high), *reversed(list(enumerate(series.projected_low)))]
        points = " ".join(f"{x(m):.1f},{y(v):.1f}" for m, v in edge)
        parts.append(f'<polygon points="{points}" class="band"/>')
    if series.projected_path:
        parts.append(polyline(series.projected_path, "projected"))
    parts.append(polyline(series.budget_pace, "pace"))
    parts.append(polyline(series.expected_path, "path"))
    parts.append(polyline(series.cumulative_actual, "actual"))
    legend_y = height - 12
    for i, (css, label) in enumerate(
        (
            ("pace", _("Budget pace")),
            ("actual", _("Cumulative spending")),
            ("path", _("Expected path")),
            ("bar", _("Spending per month")),
            *((("projected", _("Projected path, 80 % band")),) if series.projected_path else ()),
        )
    ):
        lx = left + i * (132 if series.projected_path else 165)
        shape = (
            f'<rect x="{lx}" y="{legend_y - 9}" width="14" height="10" class="bar"/>'
            if css == "bar"
            else f'<line x1="{lx}" x2="{lx + 18}" y1="{legend_y - 4}" '
            f'y2="{legend_y - 4}" class="{css}"/>'
        )
        parts.append(
            f'{shape}<text x="{lx + 22}" y="{legend_y}" class="legend">{escape(label)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)

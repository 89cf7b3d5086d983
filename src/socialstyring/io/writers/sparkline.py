"""Twelve monthly values as a small SVG bar chart for a table cell (no script, no inline
style, so the page's Content-Security-Policy holds)."""

from __future__ import annotations

from html import escape

from socialstyring.io.formatting import kroner
from socialstyring.terms import MONTH_ABBR
from socialstyring.translation import _


def sparkline(values: list[float], width: int = 120, height: int = 24) -> str:
    peak = max((v for v in values if v > 0), default=0.0)
    bar = width / len(values)
    rects = []
    for i, value in enumerate(values):
        h = 0.0 if peak == 0 else max(1.0, height * value / peak) if value > 0 else 0.0
        title = escape(f"{MONTH_ABBR[i]}: {kroner(value)}")
        rects.append(
            f'<rect x="{i * bar + 1:.1f}" y="{height - h:.1f}" width="{bar - 2:.1f}" '
            f'height="{h:.1f}" fill="#004993"><title>{title}</title></rect>'
        )
    label = escape(_("Refund month by month"))
    return (
        f'<svg class="sparkline" role="img" aria-label="{label}" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}">'
        f'<line x1="0" y1="{height - 0.5}" x2="{width}" y2="{height - 0.5}" stroke="#d0d7de"/>'
        + "".join(rects)
        + "</svg>"
    )

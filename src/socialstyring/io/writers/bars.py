"""Grouped bars per year as SVG for a page: an investment's invested, saving and promised
saving side by side. Amounts are labelled the Danish way in the bars' titles."""

from __future__ import annotations

from html import escape

from socialstyring.io.formatting import kroner

COLOURS = ("#5b6770", "#2a7f62", "#c9a227", "#8a3b3b")


def bars_svg(years: list[int], series: list[tuple[str, list[float | None]]], *, title: str) -> str:
    """One group of bars per year, one bar per series (a None value draws no bar)."""
    values = [abs(v) for _, vs in series for v in vs if v is not None]
    top = max(values, default=0.0) or 1.0
    width, height, left, bottom = 640, 260, 20, 40
    group = (width - left * 2) / max(len(years), 1)
    bar = group * 0.8 / max(len(series), 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height + 30}" '
        f'role="img" aria-label="{escape(title)}" class="bars">',
        f"<title>{escape(title)}</title>",
        f'<line x1="{left}" y1="{height - bottom}" x2="{width - left}" '
        f'y2="{height - bottom}" stroke="#333"/>',
    ]
    plot = height - bottom - 10
    for i, year in enumerate(years):
        x0 = left + i * group + group * 0.1
        for j, (label, vs) in enumerate(series):
            value = vs[i] if i < len(vs) else None
            if value is None:
                continue
            h = plot * abs(value) / top
            y = height - bottom - h if value >= 0 else height - bottom
            parts.append(
                f'<rect x="{x0 + j * bar:.1f}" y="{y:.1f}" width="{bar * 0.9:.1f}" '
                f'height="{h:.1f}" fill="{COLOURS[j % len(COLOURS)]}">'
                f"<title>{escape(label)} {year}: {escape(kroner(value))}</title></rect>"
            )
        parts.append(
            f'<text x="{x0 + group * 0.4:.1f}" y="{height - bottom + 16}" '
            f'text-anchor="middle" font-size="12">{year}</text>'
        )
    for j, (label, _vs) in enumerate(series):
        x = left + j * 170
        parts.append(
            f'<rect x="{x}" y="{height + 5}" width="12" height="12" '
            f'fill="{COLOURS[j % len(COLOURS)]}"/>'
            f'<text x="{x + 16}" y="{height + 15}" font-size="12">{escape(label)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)

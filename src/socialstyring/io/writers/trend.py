"""A small trend chart per target: the figure year by year as bars and the target's value as
a dashed line. SVG for the page, PNG for the Word document, reportlab for the PDF."""

from __future__ import annotations

import io
from html import escape

from PIL import Image, ImageDraw

from socialstyring.io.writers.status_report import TrendPoint

BAR, TARGET, AXIS, TEXT = "#004993", "#B00020", "#9A9A9A", "#333333"


def peak_of(points: tuple[TrendPoint, ...], target: float) -> float:
    return max([target, *(p.value or 0.0 for p in points), 1.0]) * 1.1


def svg(
    points: tuple[TrendPoint, ...],
    target: float,
    width: int = 260,
    height: int = 90,
    *,
    label: str = "",
) -> str:
    """An inline SVG; each bar has a ``<title>`` with its year; ``label`` names the chart
    for a screen reader."""
    if not points:
        return ""
    peak, bottom = peak_of(points, target), height - 16
    step = width / len(points)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(label)}" class="trend">'
    ]
    for i, point in enumerate(points):
        value = point.value or 0.0
        bar = bottom * value / peak
        x = i * step + step * 0.2
        parts.append(
            f'<rect x="{x:.1f}" y="{bottom - bar:.1f}" width="{step * 0.6:.1f}" '
            f'height="{bar:.1f}" fill="{BAR}"><title>{point.year}</title></rect>'
            f'<text x="{x + step * 0.3:.1f}" y="{height - 3}" font-size="10" '
            f'text-anchor="middle" fill="{TEXT}">{escape(str(point.year))}</text>'
        )
    y = bottom - bottom * target / peak
    parts.append(
        f'<line x1="0" x2="{width}" y1="{y:.1f}" y2="{y:.1f}" stroke="{TARGET}" '
        'stroke-width="2" stroke-dasharray="5 3"/>'
    )
    parts.append("</svg>")
    return "".join(parts)


def png(
    points: tuple[TrendPoint, ...], target: float, width: int = 520, height: int = 180
) -> bytes:
    """The same picture as a PNG (Word documents take pictures, not SVG)."""
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    bottom = height - 24
    draw.line([(0, bottom), (width, bottom)], fill=AXIS, width=1)
    if points:
        peak, step = peak_of(points, target), width / len(points)
        for i, point in enumerate(points):
            bar = bottom * (point.value or 0.0) / peak
            x = i * step + step * 0.2
            draw.rectangle([x, bottom - bar, x + step * 0.6, bottom], fill=BAR)
            draw.text((x + step * 0.3 - 12, bottom + 6), str(point.year), fill=TEXT)
        y = bottom - bottom * target / peak
        for x0 in range(0, width, 12):
            draw.line([(x0, y), (x0 + 7, y)], fill=TARGET, width=3)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def comparison_svg(
    years: list[int],
    own: list[float | None],
    reference: list[float | None],
    width: int = 420,
    height: int = 140,
    *,
    label: str = "",
) -> str:
    """The municipality's figure year by year as bars, a reference figure as a line;
    ``label`` names the chart for a screen reader."""
    if not years:
        return ""
    peak = max([*(v or 0.0 for v in own), *(v or 0.0 for v in reference), 1.0]) * 1.1
    bottom, step = height - 16, width / len(years)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(label)}" class="trend">'
    ]
    for i, (year, value) in enumerate(zip(years, own, strict=True)):
        bar = bottom * (value or 0.0) / peak
        x = i * step + step * 0.2
        parts.append(
            f'<rect x="{x:.1f}" y="{bottom - bar:.1f}" width="{step * 0.6:.1f}" '
            f'height="{bar:.1f}" fill="{BAR}"><title>{year}</title></rect>'
            f'<text x="{x + step * 0.3:.1f}" y="{height - 3}" font-size="10" '
            f'text-anchor="middle" fill="{TEXT}">{year}</text>'
        )
    points = [
        f"{i * step + step * 0.5:.1f},{bottom - bottom * v / peak:.1f}"
        for i, v in enumerate(reference)
        if v is not None
    ]
    if points:
        parts.append(
            f'<polyline points="{" ".join(points)}" fill="none" stroke="{TARGET}" '
            'stroke-width="2" stroke-dasharray="5 3"/>'
        )
    parts.append("</svg>")
    return "".join(parts)

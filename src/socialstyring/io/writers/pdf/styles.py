"""The report's look: colours, paragraph styles, the table grid, and plain text as
paragraph markup."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm

ACCENT = colors.HexColor("#004993")
HEADER_BG = colors.HexColor("#E6EEF5")
OVER = colors.HexColor("#B00020")
UNDER = colors.HexColor("#1B6E20")

_base = getSampleStyleSheet()
STYLES = {
    "title": ParagraphStyle(
        "title",
        parent=_base["Title"],
        fontName="Helvetica-Bold",
        fontSize=20,
        leading=25,
        alignment=0,
        textColor=ACCENT,
        spaceAfter=3 * mm,
    ),
    "subtitle": ParagraphStyle(
        "subtitle", parent=_base["Normal"], fontSize=12, leading=16, spaceAfter=2 * mm
    ),
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


def markup(value: str) -> str:
    """Plain text as reportlab paragraph markup: escaped, line breaks kept."""
    return escape(value).replace("\n", "<br/>")


def grid_style(font_size: float) -> list:
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


def deviation_colour(deviation: float):
    return OVER if deviation < -0.5 else UNDER if deviation > 0.5 else colors.black

"""The committee report's projection section: the year-end outcome the projection expected
when the snapshot was taken (docs/projection.md), beside the commitment figures."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from socialstyring.io.formatting import kroner
from socialstyring.io.writers.pdf.styles import STYLES, grid_style, markup
from socialstyring.io.writers.pdf.tagging import Paragraph, Table
from socialstyring.terms import PROJECTION_MEASURES
from socialstyring.translation import _


def projection_section(totals: dict[str, Any]) -> list:
    """The five figures for the whole area, with the years inflow was learnt from."""
    rows = [[m.label, kroner(totals.get(m.field) or 0.0)] for m in PROJECTION_MEASURES]
    table = Table(
        [[_("Projected outturn"), _("Amount")], *rows],
        colWidths=[80 * mm, 45 * mm],
        hAlign="LEFT",
    )
    table.setStyle(grid_style(font_size=10))
    text = _(
        "Projected = expected + expected inflow of grants not yet known − expected early "
        "endings of open-ended grants; low and high bound an 80 % interval for the outturn."
    )
    years = totals.get("inflow_years") or []
    if years:
        text += " " + _("Inflow learnt from:") + " " + ", ".join(str(y) for y in years) + "."
    return [
        Paragraph(markup(_("Projected outturn")), STYLES["h2"]),
        Paragraph(markup(text), STYLES["body"]),
        Spacer(1, 3 * mm),
        table,
    ]

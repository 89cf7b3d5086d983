"""The page footer: the report's title and date, and "Page X of Y"."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from socialstyring.translation import _


class NumberedCanvas(canvas.Canvas):
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

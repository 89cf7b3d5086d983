"""The page canvas of every PDF: the footer with the report's title and date and "Page X of
Y" (an artifact), and the structure tree of the tagged content (``pdf.tagging``)."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from socialstyring.io.writers.pdf.tagging import Structure, write_structure
from socialstyring.translation import _


class NumberedCanvas(canvas.Canvas):
    """Holds every page until the end, so each footer can name the total page count."""

    def __init__(self, *args, footer: str = "", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._footer_text = footer
        self._pages: list[dict] = []
        self.structure = Structure()

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._draw_footer(total)
            super().showPage()
        write_structure(self, self.structure, self._doc.Pages.pages)
        super().save()

    def _draw_footer(self, total: int) -> None:
        width = self._pagesize[0]
        self._code.append("/Artifact <</Type /Pagination>> BDC")
        self.setFont("Helvetica", 8)
        self.setFillColor(colors.HexColor("#555555"))
        self.drawString(18 * mm, 10 * mm, self._footer_text)
        self.drawRightString(
            width - 18 * mm,
            10 * mm,
            _("Page %(number)s of %(pages)s") % {"number": self._pageNumber, "pages": total},
        )
        self._code.append("EMC")

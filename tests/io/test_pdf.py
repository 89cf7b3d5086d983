"""The committee report PDF, read back with pypdf."""

from __future__ import annotations

import datetime as dt
import io

import polars as pl
from pypdf import PdfReader

from socialstyring.io.writers import pdf
from socialstyring.io.writers.chart import year_series

AS_OF = dt.date(2026, 5, 31)


def _profile() -> pl.DataFrame:
    spent = [80_000.0] * 5 + [0.0] * 7
    committed = [0.0] * 5 + [85_000.0] * 7
    return pl.DataFrame(
        {"month": list(range(1, 13)), "spent": spent, "committed": committed}
    ).with_columns((pl.col("spent") + pl.col("committed")).alias("expected"))


def _line(
    account: str, area: str, budget: float, expected: float, comment: str = ""
) -> pdf.ReportLine:
    return pdf.ReportLine(
        account,
        f"Funktion {account}",
        area,
        budget,
        expected * 0.4,
        expected * 0.6,
        expected,
        budget - expected,
        comment,
    )


def _report(**overrides) -> pdf.CommitteeReport:
    values = dict(
        title="Budgetopfølgning 2 – Børne- og Familieudvalget",
        year=2026,
        as_of=AS_OF,
        created_by="oekonomi",
        created_at=dt.datetime(2026, 6, 1, 9, 30),
        lines=(
            _line(
                "5.28.21",
                "Børn og unge",
                1_000_000.0,
                900_000.0,
                "Færre aflastningsdøgn end ventet",
            ),
            _line(
                "5.28.23",
                "Børn og unge",
                2_500_000.0,
                2_750_000.0,
                "To nye anbringelser på døgninstitution",
            ),
            _line("5.38.50", "Voksne", 500_000.0, 350_000.0),
        ),
        note="Samlet forventes et merforbrug; bufferpuljen er ikke frigivet.",
        buffer=pdf.BufferSummary("Bufferpulje 2026", 18_000_000.0, False, 0.0, -0.0, 18_000_000.0),
        series=year_series(_profile(), 4_000_000.0, AS_OF, 2026),
    )
    return pdf.CommitteeReport(**{**values, **overrides})


def _text(payload: bytes) -> tuple[list[str], PdfReader]:
    reader = PdfReader(io.BytesIO(payload))
    return [page.extract_text() for page in reader.pages], reader


def test_it_writes_an_a4_pdf_with_title_totals_comments_and_page_numbers():
    pages, reader = _text(pdf.committee_report(_report()))
    text = "\n".join(pages)
    assert (
        round(float(reader.pages[0].mediabox.width)),
        round(float(reader.pages[0].mediabox.height)),
    ) == (595, 842)
    assert "Budgetopfølgning 2 – Børne- og Familieudvalget" in pages[0]
    assert "Opgjort pr. 31-05-2026" in pages[0]
    assert "1.000.000 kr." in text
    assert "4.000.000 kr." in text  # the total budget
    assert "18.000.000 kr." in text  # the buffer pool
    assert "Færre aflastningsdøgn end ventet" in text
    assert "To nye anbringelser på døgninstitution" in text
    assert "Børn og unge" in text and "Voksne" in text
    assert "Ikke frigivet" in text
    assert "Side 1 af" in pages[0]
    assert all(f"Side {n} af {len(pages)}" in page for n, page in enumerate(pages, start=1))


def test_a_long_report_numbers_every_page():
    lines = tuple(
        _line(f"5.28.{n:02d}", "Børn og unge", 100_000.0, 90_000.0, f"Bemærkning {n} med æøå")
        for n in range(60)
    )
    pages, _ = _text(pdf.committee_report(_report(lines=lines)))
    assert len(pages) > 3
    assert f"Side {len(pages)} af {len(pages)}" in pages[-1]
    assert "Bemærkning 59 med æøå" in "\n".join(pages)


def test_markup_in_comments_is_shown_as_text():
    lines = (_line("5.28.21", "Børn og unge", 1.0, 1.0, "<b>fed</b> & <script>"),)
    pages, _ = _text(pdf.committee_report(_report(lines=lines, buffer=None, series=None, note="")))
    assert "<b>fed</b> & <script>" in "\n".join(pages)


def test_a_released_buffer_pool_shows_the_amount():
    released = pdf.BufferSummary(
        "Bufferpulje", 18_000_000.0, True, 460_000.0, -460_000.0, 17_540_000.0
    )
    pages, _ = _text(pdf.committee_report(_report(buffer=released, is_final=True)))
    text = "\n".join(pages)
    assert "Frigivet: 460.000 kr." in text
    assert "Årets sidste budgetopfølgning" in pages[0]

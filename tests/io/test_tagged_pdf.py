"""Every PDF is tagged (PDF/UA-minded): title, language, headings, header cells; the
committee report reads as an agenda item; charts step in round numbers."""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import tempfile
from pathlib import Path

import polars as pl
import pytest
from pypdf import PdfReader

from socialstyring.io.writers import Report, ReportColumn, pdf
from socialstyring.io.writers.chart import nice_ticks, year_series
from tests.io.test_pdf import AS_OF, _profile, _report


def _text(payload: bytes) -> str:
    result = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=payload, capture_output=True, check=True
    )
    return result.stdout.decode("utf-8")


def _roles(payload: bytes) -> list[str]:
    """The structure tree's element types in reading order."""
    root = PdfReader(io.BytesIO(payload)).trailer["/Root"]
    found: list[str] = []

    def walk(node) -> None:
        if isinstance(node, int):  # a marked-content id
            return
        node = node.get_object()
        if isinstance(node, list):
            for kid in node:
                walk(kid)
            return
        if node.get("/Type") == "/StructElem":
            found.append(str(node["/S"])[1:])
            walk(node.get("/K", []))

    walk(root["/StructTreeRoot"]["/K"])
    return found


def _tagging(payload: bytes):
    reader = PdfReader(io.BytesIO(payload))
    root = reader.trailer["/Root"]
    return reader, root


@pytest.mark.parametrize(
    ("peak", "ticks"),
    [
        (397e6, [0, 100e6, 200e6, 300e6, 400e6]),
        (4e6, [0, 1e6, 2e6, 3e6, 4e6]),
        (2.3e6, [0, 1e6, 2e6, 3e6]),
        (0.9e6, [0, 0.25e6, 0.5e6, 0.75e6, 1e6]),
        (18e6, [0, 5e6, 10e6, 15e6, 20e6]),
    ],
)
def test_axis_steps_are_round(peak, ticks):
    assert nice_ticks(peak) == pytest.approx(ticks)


def test_the_committee_report_opens_with_summary_and_comment_and_names_the_author():
    payload = pdf.committee_report(_report(created_by="Karin Holm"))
    text = _text(payload)
    first_page = text.split("\f")[0]
    assert "Karin Holm" in first_page
    order = [
        text.index("Budgetopfølgning 2 – Børne- og Familieudvalget"),
        text.index("Sammenfatning"),
        text.index("Samlet bemærkning"),
        text.index("Samlet forventes et merforbrug"),
        text.index("Årets forløb"),
        text.index("Færre aflastningsdøgn end ventet"),  # an account's comment, in its table
    ]
    assert order == sorted(order)
    # No almost-empty cover: the first page carries the summary table too.
    assert "Korrigeret budget" in first_page and "4.000.000 kr." in first_page


def test_the_year_chart_steps_in_round_millions():
    lines = _report().lines
    big = tuple(pdf.ReportLine(x.account, x.name, x.area, x.budget * 99, 0, 0, 0, 0) for x in lines)
    profile = _profile().with_columns(pl.exclude("month") * 99)
    scaled = year_series(profile, 396e6, AS_OF, 2026)  # the path ends near 397 mio.
    text = _text(pdf.committee_report(_report(lines=big, series=scaled)))
    for label in ("0 mio.", "100 mio.", "200 mio.", "300 mio.", "400 mio."):
        assert label in text
    assert "99 mio." not in text and "397 mio." not in text


def test_the_committee_report_is_tagged_with_title_language_headings_and_header_cells():
    payload = pdf.committee_report(_report())
    reader, root = _tagging(payload)
    assert reader.metadata.title == "Budgetopfølgning 2 – Børne- og Familieudvalget"
    assert root["/Lang"] == "da-DK"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    roles = _roles(payload)
    assert roles[:2] == ["Document", "H1"]
    assert roles.count("H2") >= 4 and "Figure" in roles
    assert roles.count("Table") == 3  # the summary and one per area
    assert roles.count("TH") == 2 + 2 * 6
    for page in reader.pages:
        assert "/StructParents" in page


def test_a_table_split_over_pages_is_one_table_with_its_header_once():
    lines = tuple(
        pdf.ReportLine(f"5.28.{n:02d}", "Funktion", "Børn og unge", 1.0, 1.0, 0, 1.0, 0)
        for n in range(120)
    )
    payload = pdf.committee_report(_report(lines=lines, series=None, note="", buffer=None))
    assert len(PdfReader(io.BytesIO(payload)).pages) > 2
    roles = _roles(payload)
    assert roles.count("Table") == 2
    assert roles.count("TH") == 2 + 6  # the repeated header rows are artifacts


REPORT = Report(
    "Liste",
    (
        ReportColumn("name", "Navn", "text", 30),
        ReportColumn("amount", "Beløb", "kroner", 14),
        ReportColumn("day", "Dato", "date", 12),
    ),
)


def test_the_one_table_writer_writes_sections_totals_notes_and_text_tables():
    frame = pl.DataFrame(
        {"name": ["Anna", "Bo"], "amount": [1500.0, 2500.0], "day": [dt.date(2026, 5, 14)] * 2}
    )
    document = pdf.TableDocument(
        "Eksport",
        "Pr. 31-05-2026",
        dt.date(2026, 5, 31),
        notes=("En note",),
        sections=(
            pdf.TableSection("Beløb", REPORT, frame, totals={"amount": 4000.0}),
            pdf.text_section("Tekst", [("Område", "Antal"), ("Voksne", "12")], note="Kilde"),
        ),
        landscape=False,
    )
    payload = pdf.table_document(document)
    text = _text(payload)
    for expected in ("Eksport", "En note", "Anna", "1.500 kr.", "14-05-2026", "I alt"):
        assert expected in text
    assert "4.000 kr." in text and "Voksne" in text and "Kilde" in text
    assert "Eksport · 31-05-2026" in text and "Side 1 af 1" in text
    reader, root = _tagging(payload)
    assert root["/Lang"] == "da-DK" and reader.metadata.title == "Eksport"
    assert round(float(reader.pages[0].mediabox.width)) == 595  # portrait
    roles = _roles(payload)
    assert roles.count("Table") == 2 and roles.count("TH") == 3 + 2


def test_poppler_reads_each_elements_text_from_the_structure():
    payload = pdf.committee_report(_report())
    result = subprocess.run(
        ["pdfinfo", "-struct-text", "-"], input=payload, capture_output=True, check=False
    )
    if result.returncode != 0:  # older poppler reads no PDF from stdin
        path = Path(tempfile.mkdtemp()) / "report.pdf"
        path.write_bytes(payload)
        result = subprocess.run(["pdfinfo", "-struct-text", str(path)], capture_output=True)
    tree = result.stdout.decode("utf-8")
    assert re.search(r'H1 \(block\)\n\s+"Budgetopfølgning 2 – Børne- og Familieudvalget"', tree)
    assert re.search(r'H2 \(block\)\n\s+"Samlet bemærkning"', tree)
    assert re.search(r'TH:\n\s+/Scope /Column\n\s+"Hele området"', tree)
    assert re.search(r'TD\n\s+"4.000.000 kr."', tree)

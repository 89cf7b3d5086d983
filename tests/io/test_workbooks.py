"""XLSX workbooks are bounded before they are unpacked (issue 8, "What was seen" 1): a zip
bomb, a cell far out, too many rows or columns and an over-long cell are refused in
Danish, before fastexcel allocates anything for them."""

from __future__ import annotations

import io
import resource
import zipfile

import pytest

from socialstyring.io import workbooks
from socialstyring.io.readers import read_table
from tests.helpers import rejection
from tests.helpers.files import GRANT_DEFAULTS, grant, xlsx_bytes

SHEET = "xl/worksheets/sheet1.xml"


def grants_xlsx(*rows: dict) -> bytes:
    header = list(GRANT_DEFAULTS) + ["indsats"]
    return xlsx_bytes(header, [[r.get(h) for h in header] for r in rows])


def rewritten(data: bytes, part: str, change) -> bytes:
    """The workbook with one part's XML changed by ``change``."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as book:
        for info in source.infolist():
            content = source.read(info)
            book.writestr(info.filename, change(content) if info.filename == part else content)
    return out.getvalue()


def far_cell(reference: str, row: int):
    def change(xml: bytes) -> bytes:
        cell = f'<row r="{row}"><c r="{reference}" t="inlineStr"><is><t>z</t></is></c></row>'
        return xml.replace(b"</sheetData>", cell.encode() + b"</sheetData>")

    return change


def only_reason(data: bytes) -> str:
    problems = rejection(data, "bevillinger.xlsx").problems
    assert len(problems) == 1 and problems[0].row is None, problems
    return problems[0].reason


def test_a_cell_of_one_gibibyte_is_refused_before_it_is_unpacked():
    """The issue's file: about 1 MB on disk, one inline cell of 1 GiB inside."""
    out = io.BytesIO()
    head = grants_xlsx(grant())
    source = zipfile.ZipFile(io.BytesIO(head))
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as book:
        for info in source.infolist():
            if info.filename != SHEET:
                book.writestr(info.filename, source.read(info))
        xml = source.read(SHEET).replace(b"</sheetData>", b"")
        with book.open(SHEET, "w", force_zip64=True) as sheet:
            sheet.write(xml + b'<row r="3"><c r="A3" t="inlineStr"><is><t>')
            block = b"a" * (1 << 20)
            for _ in range(1024):
                sheet.write(block)
            sheet.write(b"</t></is></c></row></sheetData></worksheet>")
    data = out.getvalue()
    assert len(data) < 8 << 20
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    reason = only_reason(data)
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert reason == "En celle indeholder mere end 32.767 tegn, mere end Excel tillader."
    assert grown_mb < 200


def test_a_workbook_that_unpacks_too_far_is_refused(monkeypatch):
    monkeypatch.setattr(workbooks, "MAX_UNPACKED_BYTES", 64 * 1024)
    rows = [grant(bevilling_id=f"B-{i}") for i in range(2000)]
    assert "pakkes ud til mere end" in only_reason(grants_xlsx(*rows))


@pytest.mark.parametrize(
    ("reference", "row"), [("XFD1048576", 1048576), ("A1048577", 1048577), ("IW3", 3)]
)
def test_a_cell_far_out_is_refused_instead_of_exhausting_memory(reference, row):
    """fastexcel would allocate every cell up to it (and abort the process)."""
    data = rewritten(grants_xlsx(grant()), SHEET, far_cell(reference, row))
    assert "mere end 1.048.576 rækker eller 256 kolonner" in only_reason(data)


def test_the_256th_column_is_still_read():
    data = rewritten(grants_xlsx(grant()), SHEET, far_cell("IV3", 3))
    raw = read_table(data, "bevillinger.xlsx")
    assert raw.frame.shape == (2, 256)


def test_too_many_rows_are_refused(monkeypatch):
    monkeypatch.setattr(workbooks, "MAX_ROWS", 10)
    rows = [grant(bevilling_id=f"B-{i}") for i in range(20)]
    assert "rækker" in only_reason(grants_xlsx(*rows))


def test_a_cell_longer_than_excel_allows_is_a_row_problem():
    data = grants_xlsx(grant(bevilling_id="B-1"), grant(bevilling_id="B-2", indsats="LANG"))
    data = rewritten(data, "xl/sharedStrings.xml", lambda xml: xml.replace(b"LANG", b"x" * 40000))
    problems = rejection(data, "bevillinger.xlsx").problems
    assert [(p.row, p.column) for p in problems[:1]] == [(3, "indsats")]
    assert "mere end 32.767 tegn" in problems[0].reason


def test_a_far_cell_written_with_a_line_break_before_its_reference_is_refused_too():
    def change(xml: bytes) -> bytes:
        cell = b'<row r="3"><c\nr="XFD3" t="inlineStr"><is><t>z</t></is></c></row>'
        return xml.replace(b"</sheetData>", cell + b"</sheetData>")

    assert "256 kolonner" in only_reason(rewritten(grants_xlsx(grant()), SHEET, change))

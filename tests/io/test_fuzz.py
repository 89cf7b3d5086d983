"""Fuzzing the readers and validation (issue 8, "What it must show"): arbitrary bytes and
arbitrary cell contents, as CSV and as XLSX, give an accepted file or the project's own
Danish rejection, and nothing else: no exception of any other kind, no crash."""

from __future__ import annotations

import io
import zipfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from socialstyring.io.problems import ImportRejected
from socialstyring.io.readers import read_table
from socialstyring.io.validation import Validated, validate
from tests.helpers import REFERENCE, TODAY, pseudonymiser
from tests.helpers.files import GRANT_DEFAULTS, csv_bytes, xlsx_bytes

HEADER = list(GRANT_DEFAULTS) + ["indsats", "team", "familie_id", "rådgiver"]
PSEUDONYMISE = pseudonymiser()
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def outcome(data: bytes, file: str) -> Validated | ImportRejected:
    """What an import makes of ``data``: only these two may come out."""
    try:
        return validate(read_table(data, file), REFERENCE, PSEUDONYMISE, today=TODAY)
    except ImportRejected as rejected:
        assert rejected.problems and rejected.total >= len(rejected.problems)
        report = rejected.report()
        assert report.startswith("Afvist: ") and "Intet er gemt." in report
        for problem in rejected.problems:
            assert problem.reason and problem.file == file
            assert problem.row is None or problem.row >= 1
            assert problem.value is None or "\x00" not in problem.value
        return rejected


# Text with anything in it: control characters, NUL, separators, quotes, line breaks,
# CPR-shaped digits, every plane (no lone surrogates, which no file can hold).
CELL = st.one_of(
    st.text(st.characters(exclude_categories=("Cs",)), max_size=30),
    st.sampled_from(["", " ", '"', ";", ",", "\r\n", "010203-1234", "0102031234", "1.234,50"]),
    st.from_regex(r"\A[0-9 .,;:\-/]{0,14}\Z"),
)
ROWS = st.lists(st.lists(CELL, min_size=len(HEADER), max_size=len(HEADER)), max_size=6)


@FUZZ
@given(data=st.binary(max_size=2048))
def test_arbitrary_bytes(data):
    outcome(data, "upload.csv")


@FUZZ
@given(body=st.binary(max_size=1024), bom=st.booleans())
def test_arbitrary_bytes_under_a_valid_header(body, bom):
    head = ("\ufeff" if bom else "") + ";".join(HEADER) + "\r\n"
    outcome(head.encode() + body, "bevillinger.csv")


@FUZZ
@given(rows=ROWS, delimiter=st.sampled_from([";", ","]), bom=st.booleans())
def test_arbitrary_cells_in_a_csv(rows, delimiter, bom):
    outcome(csv_bytes(HEADER, rows, delimiter=delimiter, bom=bom), "bevillinger.csv")


@FUZZ
@given(rows=ROWS, encoding=st.sampled_from(["cp1252", "latin-1"]))
def test_arbitrary_cells_in_a_single_byte_encoding(rows, encoding):
    text = csv_bytes(HEADER, rows).decode()
    outcome(text.encode(encoding, errors="replace"), "bevillinger.csv")


XLSX_CELL = st.one_of(
    CELL.filter(lambda s: len(s) < 32_000),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.dates(),
    st.none(),
)


@FUZZ
@given(
    rows=st.lists(
        st.lists(XLSX_CELL, min_size=len(HEADER), max_size=len(HEADER)), min_size=0, max_size=5
    )
)
def test_arbitrary_cells_in_a_workbook(rows):
    outcome(xlsx_bytes(HEADER, rows), "bevillinger.xlsx")


VALID_WORKBOOK = xlsx_bytes(HEADER, [[GRANT_DEFAULTS.get(h, "x") for h in HEADER]])


@FUZZ
@given(flips=st.lists(st.tuples(st.integers(0, len(VALID_WORKBOOK) - 1), st.integers(0, 255))))
def test_a_damaged_workbook(flips):
    data = bytearray(VALID_WORKBOOK)
    for at, byte in flips:
        data[at] = byte
    outcome(bytes(data), "bevillinger.xlsx")


@FUZZ
@given(part=st.binary(max_size=2048))
def test_a_workbook_whose_sheet_is_arbitrary_bytes(part):
    source = zipfile.ZipFile(io.BytesIO(VALID_WORKBOOK))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as book:
        for info in source.infolist():
            is_sheet = info.filename == "xl/worksheets/sheet1.xml"
            book.writestr(info.filename, part if is_sheet else source.read(info))
    outcome(out.getvalue(), "bevillinger.xlsx")


def test_a_workbook_claiming_an_unknown_zip_version_is_rejected_in_danish():
    # Found by test_a_damaged_workbook: one byte of the central directory made the zip
    # module raise NotImplementedError ("zip file version 6.4") instead of BadZipFile.
    data = bytearray(VALID_WORKBOOK)
    data[5086] = 64
    result = outcome(bytes(data), "bevillinger.xlsx")
    assert isinstance(result, (Validated, ImportRejected))

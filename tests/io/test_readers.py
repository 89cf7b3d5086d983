"""Reading CSV bytes: the UTF-8 fast path (no decoding in Python) gives what the careful
path gave, and falls back to it whenever polars refuses the bytes."""

from __future__ import annotations

import tempfile
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from socialstyring.io import readers
from socialstyring.io.problems import ImportRejected
from socialstyring.io.readers import read_table
from tests.helpers.files import GRANT_DEFAULTS, xlsx_bytes

HEADER = "bevilling_id;borger_id;område;konto;startdato;pris;prisenhed;tekst"


def test_cp1252_rows_under_a_plain_ascii_header_are_read_as_cp1252():
    data = (
        HEADER.replace("område", "omraade") + "\r\nB-1;P-1;børn;5.28.21;01-01-2026;1,00;dag;Ærø\r\n"
    )
    raw = read_table(data.encode("cp1252"), "bevillinger.csv")
    assert raw.encoding == "cp1252"
    assert raw.frame.row(0)[2::5] == ("børn", "Ærø")


def test_a_bom_file_reads_as_the_same_frame_without_the_bom():
    body = HEADER + "\nB-1;P-1;børn;5.28.21;01-01-2026;1,00;dag;\n"
    with_bom = read_table(b"\xef\xbb\xbf" + body.encode(), "bevillinger.csv")
    without = read_table(body.encode(), "bevillinger.csv")
    assert (with_bom.encoding, without.encoding) == ("utf-8-sig", "utf-8")
    assert with_bom.headers == without.headers and with_bom.headers[0] == "bevilling_id"
    assert with_bom.frame.equals(without.frame)


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"], ids=["utf-8", "utf-8-bom"])
@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_a_short_row_is_found_when_the_last_column_has_empty_cells(bom, newline):
    rows = ["B-1;P-1;børn;5.28.21;01-01-2026;1,00;dag;", "B-2;P-2;børn;5.28.21", "B-3;;;;;;;x"]
    data = bom + newline.join([HEADER, *rows, ""]).encode()
    with pytest.raises(ImportRejected) as caught:
        read_table(data, "bevillinger.csv")
    assert [(p.row, p.reason) for p in caught.value.problems] == [
        (3, "Rækken har 4 felter, men overskriften har 8.")
    ]


def old_screen(text: str, delimiter: str, width: int) -> bool:
    """The screen as it was, on the decoded text (the reference)."""
    counts = pl.Series(text.splitlines()[1:], dtype=pl.String).str.count_matches(
        delimiter, literal=True
    )
    return bool((counts.filter(counts > 0) < width - 1).any() or (counts == 0).any() and width > 1)


@st.composite
def csv_text(draw) -> tuple[str, str, int]:
    """A header of ``width`` fields and rows of mostly as many fields (sometimes fewer or
    more, sometimes empty lines), with ``\\n`` or ``\\r\\n`` line ends."""
    delimiter = draw(st.sampled_from([";", ","]))
    width = draw(st.integers(1, 6))
    field = st.text(alphabet="ab ø" + ("," if delimiter == ";" else ";"), max_size=4)
    counts = st.one_of(st.just(width), st.integers(0, width + 1))
    rows = draw(st.lists(counts.flatmap(lambda n: st.lists(field, min_size=n, max_size=n))))
    lines = [delimiter.join(f"h{i}" for i in range(width))]
    lines += [delimiter.join(row) for row in rows]
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    text = newline.join(lines) + draw(st.sampled_from(["", newline]))
    return text, delimiter, width


@settings(max_examples=500, deadline=None)
@given(case=csv_text(), chunk=st.integers(1, 40))
def test_the_byte_screen_agrees_with_the_text_screen(case, chunk):
    """Lines end at ``\\n``, in chunks of any size, with or without a final line break."""
    text, delimiter, width = case
    original, readers._SCREEN_CHUNK = readers._SCREEN_CHUNK, chunk
    try:
        got = readers._may_have_short_rows(text.encode(), delimiter, width)
    finally:
        readers._SCREEN_CHUNK = original
    assert got == old_screen(text, delimiter, width)


CASES = {
    "utf-8": (HEADER + "\nB-1;P-1;børn;5.28.21;01-01-2026;1,00;dag;x\n").encode(),
    "bom, crlf": b"\xef\xbb\xbf" + (HEADER + "\r\nB-1;P-1;b;5.28.21;;1;dag;\r\n").encode(),
    "cp1252": (HEADER.replace("område", "omraade") + "\nB-1;P-1;børn;5;;1;dag;Ærø\n").encode(
        "cp1252"
    ),
    "short row": (HEADER + "\nB-1;P-1;børn;5.28.21\nB-2;;;;;;;x\n").encode(),
    "empty": b"",
    "whitespace": b" \r\n\t\n",
    "binary": b"\x00\x01\x02\x03" * 100,
    "workbook": xlsx_bytes(list(GRANT_DEFAULTS), [list(GRANT_DEFAULTS.values())]),
}


def outcome(contents) -> tuple:
    """What reading gives: the table's parts, or the rejection's problems."""
    try:
        raw = read_table(contents, "bevillinger.csv")
    except ImportRejected as rejection:
        return ("rejected", [(p.row, p.column, p.reason) for p in rejection.problems])
    return (raw.headers, raw.frame.rows(), raw.notation, raw.encoding, raw.delimiter)


@pytest.mark.parametrize("name", list(CASES))
def test_a_file_on_disk_reads_as_its_bytes_do(tmp_path, name):
    """A path is mapped, not copied: the same table or the same problems as the bytes."""
    path = tmp_path / "bevillinger.csv"
    path.write_bytes(CASES[name])
    assert outcome(path) == outcome(CASES[name])


@settings(max_examples=100, deadline=None)
@given(case=csv_text())
def test_any_csv_on_disk_reads_as_its_bytes_do(case):
    text = case[0]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "data.csv"
        path.write_text(text, encoding="utf-8", newline="")
        assert outcome(path) == outcome(text.encode())


def test_a_file_name_is_read_as_written_never_as_a_pattern(tmp_path):
    (tmp_path / "bevillinger1.csv").write_text(HEADER + "\nB-9;P;b;5;;1;dag;other\n")
    path = tmp_path / "bevillinger[1]*.csv"
    path.write_bytes(CASES["utf-8"])
    assert read_table(path, path.name).frame.row(0)[0] == "B-1"


def test_a_path_that_cannot_be_opened_is_named_in_danish(tmp_path):
    with pytest.raises(ImportRejected) as caught:
        read_table(tmp_path / "borte.csv", "borte.csv")
    [problem] = caught.value.problems
    assert problem.file == "borte.csv"
    assert problem.reason.startswith("Filen kan ikke åbnes")

"""Encodings and characters, cell by cell (issue 8, "What was seen" 6 and 7): a file in
two encodings, bytes neither encoding defines, a byte order mark before bytes that are
not UTF-8, NUL and control characters: each a row problem naming its row and column,
never a crash and never stored as mojibake."""

from __future__ import annotations

import pytest

from tests.helpers import rejection, validated
from tests.helpers.files import grant, grants_csv

HEADER = "bevilling_id;borger_id;omraade;paragraf;konto;startdato;pris;prisenhed;team"


def row(number: int, team: str, paragraph: str = "SEL § 85") -> str:
    return f"B-{number};P-{number};voksen;{paragraph};5.38.50;01-01-2026;1,00;dag;{team}"


def problems(data: bytes) -> list[tuple[int | None, str | None, str]]:
    return [(p.row, p.column, p.reason) for p in rejection(data).problems]


def test_a_cp1252_row_in_a_utf8_file_is_a_row_problem_and_nothing_is_mojibake():
    """The file of the issue: an ASCII header, UTF-8 rows and one Windows-1252 row."""
    data = (
        (HEADER + "\r\n").encode()
        + (row(1, "Børn Syd") + "\r\n").encode("utf-8")
        + (row(2, "Børn Nord") + "\r\n").encode("utf-8")
        + (row(3, "Børn Syd", "SEL § 85") + "\r\n").encode("cp1252")
    )
    found = problems(data)
    assert {(r, c) for r, c, _ in found} == {(4, "paragraf"), (4, "team")}
    assert all("ikke UTF-8 som resten af filen" in why for _, _, why in found)


def test_a_utf8_row_in_a_cp1252_file_is_a_row_problem():
    data = (
        (HEADER + "\r\n").encode()
        + (row(1, "Børn Syd") + "\r\n").encode("cp1252")
        + (row(2, "Ærø") + "\r\n").encode("cp1252")
        + (row(3, "Børn Syd") + "\r\n").encode("utf-8")
    )
    found = problems(data)
    assert [(r, c) for r, c, _ in found] == [(4, "paragraf"), (4, "team")]
    assert "skrevet i UTF-8, men resten af filen i Windows-1252" in found[0][2]


def test_a_plain_cp1252_file_is_still_read_as_cp1252():
    data = (HEADER + "\r\n" + row(1, "Børn Syd") + "\r\n").encode("cp1252")
    frame = validated(data).frame
    assert (frame["team"][0], frame["paragraph"][0]) == ("Børn Syd", "SEL § 85")


def test_bytes_neither_encoding_defines_are_a_row_problem():
    data = (HEADER + "\r\n" + row(1, "Ærø") + "\r\n").encode("cp1252")
    data += (row(2, "Team") + "\r\n").encode("cp1252").replace(b"Team", b"Te\x81m")
    assert problems(data) == [
        (3, "team", "Cellen indeholder tegn, der hverken er UTF-8 eller Windows-1252.")
    ]


def test_a_byte_order_mark_before_bytes_that_are_not_utf8_is_a_danish_report():
    """It raised UnicodeDecodeError (exit 3) before."""
    data = b"\xef\xbb\xbf" + (HEADER + "\r\n" + row(1, "Børn Syd") + "\r\n").encode("cp1252")
    frame = validated(data).frame
    assert frame["team"][0] == "Børn Syd"
    mixed = (
        b"\xef\xbb\xbf"
        + (HEADER + "\r\n" + row(1, "Børn Syd") + "\r\n").encode()
        + (row(2, "Ærø") + "\r\n").encode("cp1252")
    )
    assert [(r, c) for r, c, _ in problems(mixed)] == [(3, "paragraf"), (3, "team")]


@pytest.mark.parametrize("character", ["\x00", "\x01", "\x1b", "\x7f", "\x85"])
@pytest.mark.parametrize("encoding", ["utf-8", "cp1252"])
def test_nul_and_control_characters_are_a_row_problem_naming_row_and_column(character, encoding):
    if encoding == "cp1252" and character == "\x85":  # … in Windows-1252, not a control
        character = "\x81"
    rows = [grant(bevilling_id="B-1"), grant(bevilling_id="B-2", indsats=f"Bo{character}støtte")]
    data = grants_csv(*rows, encoding="latin-1" if encoding == "cp1252" else "utf-8")
    found = problems(data)
    assert len(found) == 1 and found[0][:2] == (3, "indsats")
    assert "kontroltegn" in found[0][2] or "hverken er UTF-8 eller Windows-1252" in found[0][2]


def test_a_control_character_is_never_echoed_into_a_report():
    data = grants_csv(grant(bevilling_id="B-1"), grant(bevilling_id="B-1\x00", pris="x"))
    report = rejection(data).report()
    assert "\x00" not in report and "Ugyldigt tal" in report


def test_a_file_of_binary_data_is_still_refused_whole():
    data = bytes(range(256)) * 40
    problem = rejection(data, "upload.csv").problems[0]
    assert problem.row is None and "binære data" in problem.reason

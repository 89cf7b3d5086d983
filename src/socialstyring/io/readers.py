"""Bytes of a CSV or XLSX file → a frame of raw text cells, plus how it was written."""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import mmap
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

from socialstyring.io import encodings, parsing
from socialstyring.io.encodings import Buffer
from socialstyring.io.parsing import DANISH, PLAIN
from socialstyring.io.problems import ImportRejected, Problem, file_problem
from socialstyring.translation import _

if TYPE_CHECKING:
    import numpy as np

XLSX_MAGIC = b"PK\x03\x04"
BOM = b"\xef\xbb\xbf"
BINARY = _("The file is not a CSV or Excel file (it contains binary data).")


@dataclass
class RawTable:
    """Every cell as trimmed text (null when empty); ``notation`` per column says how numbers
    are written."""

    file: str
    headers: list[str]
    frame: pl.DataFrame
    notation: dict[str, str] = field(default_factory=dict)
    encoding: str = "utf-8"
    delimiter: str | None = None
    # Problems of single cells found while reading (``PROBLEM_SCHEMA``): validation reports
    # them with its own.
    cell_problems: pl.DataFrame | None = None


def read_table(contents: bytes | Path, file: str) -> RawTable:
    """``contents``: the file's bytes, or the path of a file on disk. A path is mapped into
    memory, not copied: polars reads the file itself, and the checks of the bytes look at
    the map (copying a large file into memory after a large one was checked cost 0,4 s
    for 118 MB)."""
    if isinstance(contents, bytes):
        return _read_bytes(contents, file, contents)
    try:
        with open(contents, "rb") as handle:
            if os.fstat(handle.fileno()).st_size == 0:  # an empty file cannot be mapped
                return _read_bytes(b"", file, b"")
            mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    except OSError as exc:
        raise ImportRejected([file_problem(file, cannot_open(exc))]) from None
    try:
        return _read_bytes(mapped, file, str(contents))
    finally:
        with contextlib.suppress(BufferError):  # a view still held: closed when collected
            mapped.close()


def cannot_open(exc: OSError) -> str:
    """The report of a file that cannot be opened."""
    return _("The file cannot be opened (%(error)s).") % {"error": exc.strerror or exc}


def _read_bytes(data: Buffer, file: str, source: bytes | str) -> RawTable:
    """``data``: the bytes (or a map of them); ``source``: what polars reads them from."""
    if _blank(data):
        raise ImportRejected([file_problem(file, _("The file is empty."))])
    if data[: len(XLSX_MAGIC)] == XLSX_MAGIC:
        from socialstyring.io.workbooks import read_xlsx  # it builds on RawTable

        return read_xlsx(bytes(data), file)
    return _read_csv(data, file, source)


_BLANK_CHUNK = 1 << 20


def _blank(data: Buffer) -> bool:
    """Nothing but whitespace (after a byte order mark: a BOM alone is empty too). Looked
    at a megabyte at a time: stripping a large file whole would copy it."""
    body = memoryview(data)[3:] if data[:3] == BOM else memoryview(data)
    return not any(
        bytes(body[start : start + _BLANK_CHUNK]).strip()
        for start in range(0, len(body), _BLANK_CHUNK)
    )


def _read_csv(data: Buffer, file: str, source: bytes | str) -> RawTable:
    if encodings.looks_binary(data):
        raise ImportRejected([file_problem(file, BINARY)])
    table = _read_utf8(data, file, source)
    if table is not None:
        return table
    # Not UTF-8 (or not readable): the careful path, which names what is wrong.
    data = bytes(data)
    text, encoding = encodings.decode(data)
    header_line = text.split("\n", 1)[0]
    delimiter = _delimiter(header_line, file)
    utf8 = text.encode("utf-8") if encoding == "cp1252" else data
    try:
        frame = _scan(utf8, delimiter)
    except (pl.exceptions.PolarsError, ValueError) as exc:
        raise ImportRejected(
            _csv_structure_problems(text, delimiter, file)
            or [
                file_problem(
                    file,
                    _("The file cannot be read as CSV (%(error)s).")
                    % {"error": type(exc).__name__},
                )
            ]
        ) from None
    table = _checked_rows(frame, utf8, lambda: text, file, encoding, delimiter)
    if encoding == "cp1252":
        body = data[3:] if data.startswith(BOM) else data
        encodings.mark_mixed_encodings(table, body, lambda b: _scan(b, delimiter, lossy=True))
    return table


def _read_utf8(data: Buffer, file: str, source: bytes | str) -> RawTable | None:
    """The common case without decoding the whole file in Python: polars reads the bytes
    (``source``) and checks they are UTF-8 (only the header line is decoded here). None
    when polars refuses the file, so the careful path can say why."""
    bom = data[:3] == BOM
    end = data.find(b"\n")
    try:
        header_line = data[3 if bom else 0 : end if end >= 0 else len(data)].decode("utf-8")
        # A Windows-1252 file mostly shows in its first lines: spare polars the attempt.
        codecs.getincrementaldecoder("utf-8")().decode(data[:65536], final=False)
    except UnicodeDecodeError:
        return None
    try:
        delimiter = _delimiter(header_line, file)
        frame = _scan(source, delimiter)  # polars skips a BOM
    except (ImportRejected, pl.exceptions.PolarsError, ValueError):
        return None

    def text() -> str:
        return data[3 if bom else 0 :].decode("utf-8")

    return _checked_rows(frame, data, text, file, "utf-8-sig" if bom else "utf-8", delimiter)


def announced_headers(head: bytes) -> list[str] | None:
    """The trimmed headers a CSV file's first line announces, from its first bytes alone
    (to order work before the file is read); None for a workbook or a line that does not
    decode or split. Reading the whole file decides."""
    if head.startswith(XLSX_MAGIC):
        return None
    line = head.removeprefix(b"\xef\xbb\xbf").split(b"\n", 1)[0].rstrip(b"\r")
    for encoding in ("utf-8", "cp1252"):
        try:
            text = line.decode(encoding)
            return [h.strip() for h in next(csv.reader([text], delimiter=_delimiter(text, "")))]
        except (UnicodeDecodeError, ImportRejected, csv.Error, StopIteration):
            continue
    return None


def _delimiter(header_line: str, file: str) -> str:
    delimiter = (
        ";" if header_line.count(";") >= header_line.count(",") and ";" in header_line else ","
    )
    if delimiter not in header_line and "\t" in header_line:
        raise ImportRejected(
            [file_problem(file, _("The file is tab-separated; use ';' or ',' as the separator."))]
        )
    return delimiter


def _scan(utf8: bytes | str, delimiter: str, *, lossy: bool = False) -> pl.DataFrame:
    """``utf8``: the bytes, or the path of the file (a name is never a glob pattern)."""
    lazy = pl.scan_csv(
        utf8,
        glob=False,
        encoding="utf8-lossy" if lossy else "utf8",
        separator=delimiter,
        infer_schema=False,
        has_header=True,
        quote_char='"',
        raise_if_empty=True,
    )
    # Trimming is fused into the read: every cell becomes trimmed text or null. The
    # streaming engine trims a chunk at a time (half the peak memory, same rows in order).
    return lazy.select(
        parsing.text(pl.col(c)).alias(c) for c in lazy.collect_schema().names()
    ).collect(engine="streaming")


def _checked_rows(
    frame: pl.DataFrame,
    utf8: Buffer,
    text: Callable[[], str],
    file: str,
    encoding: str,
    delimiter: str,
) -> RawTable:
    # polars pads a row with too few fields with nulls; such a row ends in a null, so only then
    # is the (slower) field count needed.
    if (
        frame.width
        and frame[frame.columns[-1]].null_count()
        and _may_have_short_rows(utf8, delimiter, frame.width)
    ):
        short_rows = _csv_structure_problems(text(), delimiter, file)
        if short_rows:
            raise ImportRejected(short_rows)
    headers = list(frame.columns)
    notation = DANISH if delimiter == ";" else PLAIN
    return RawTable(file, headers, frame, {c: notation for c in frame.columns}, encoding, delimiter)


_SCREEN_CHUNK = 1 << 22


def _may_have_short_rows(utf8: Buffer, delimiter: str, width: int) -> bool:
    """Cheap vectorised screen: a line with fewer delimiters than the header may be a short
    row (or half of a quoted multi-line cell); only then is the exact count needed.

    Counted on the UTF-8 bytes, a few megabytes at a time, with lines ending at ``\\n`` as
    polars' records do; the header line is not looked at."""
    import numpy as np  # only here: a clean file never needs it, so start-up is spared it

    view = np.frombuffer(utf8, dtype=np.uint8)
    separator, newline = ord(delimiter), ord("\n")
    carry = 0  # delimiters on the current line before this chunk
    header = True
    for start in range(0, view.size, _SCREEN_CHUNK):
        part = view[start : start + _SCREEN_CHUNK]
        ends = np.flatnonzero(part == newline)
        # Delimiters per line of this chunk; the last bin is the line running on past it.
        per_line = np.bincount(
            np.searchsorted(ends, np.flatnonzero(part == separator)), minlength=ends.size + 1
        )
        if ends.size == 0:
            carry += int(per_line[0])
            continue
        counts = per_line[:-1]
        counts[0] += carry
        carry = int(per_line[-1])
        if header:
            counts, header = counts[1:], False
        if _short(counts, width):
            return True
    tail = utf8[utf8.rfind(b"\n") + 1 :]
    return not header and tail != b"" and _short(np.array([carry]), width)


def _short(counts: np.ndarray, width: int) -> bool:
    return bool(((counts > 0) & (counts < width - 1)).any() or (counts == 0).any() and width > 1)


def _csv_structure_problems(text: str, delimiter: str, file: str) -> list[Problem]:
    """Find the rows whose field count differs from the header's (error path only)."""
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(rows)
    except (StopIteration, csv.Error):
        return []
    problems = []
    try:
        numbered = list(enumerate(rows, start=2))
    except csv.Error as exc:  # a NUL or stray quote the csv module cannot place
        return [
            file_problem(
                file,
                _("The file cannot be read as CSV (%(error)s).") % {"error": type(exc).__name__},
            )
        ]
    for number, row in numbered:
        if row and len(row) != len(header):
            problems.append(
                Problem(
                    file,
                    number,
                    None,
                    None,
                    _("The row has %(fields)s fields, but the header has %(header)s.")
                    % {"fields": len(row), "header": len(header)},
                )
            )
    return problems

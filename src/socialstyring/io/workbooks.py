"""XLSX workbooks: bounded before they are unpacked, then read by fastexcel.

A workbook is a zip of XML parts, so a file of 1 MB can unpack to gigabytes (one cell of
1 GiB), and one cell far out (``XFD1048576``) makes the reader allocate every cell before
it. :func:`check_bounds` decompresses each part itself, a few megabytes at a time, and
stops at the first limit passed: the size of everything unpacked, the rows, the columns,
the length of one text. Only a workbook within all of them reaches fastexcel."""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib

import polars as pl

from socialstyring.io import parsing
from socialstyring.io.encodings import cell_problems
from socialstyring.io.parsing import DANISH, PLAIN
from socialstyring.io.problems import ImportRejected, file_problem
from socialstyring.io.readers import RawTable
from socialstyring.translation import _

MAX_UNPACKED_BYTES = 1 << 30  # 1 GiB of XML in all; a million grants take about half
MAX_ROWS = 1_048_576  # Excel's own limits
MAX_COLUMNS = 256  # a file kind has some twenty; unknown columns are only named
MAX_CELL_CHARS = 32_767
# Text between two tags longer than this cannot be one Excel cell (32.767 characters of
# up to four bytes each, or entities): refused before the reader holds it in memory.
_MAX_TEXT_RUN = 256 * 1024
_CHUNK = 1 << 22
_OVERLAP = 64  # bytes kept from the previous chunk, so no reference is cut in two
_STORED, _DEFLATED = 0, 8
# A cell reference whose column is past IV (the 256th), or whose row has seven digits or
# more (so the row number must be looked at), anywhere in a worksheet. A literal first
# byte keeps the search fast; other white space before ``r=`` is made a space first.
_SUSPECT = re.compile(rb' r="(?:((?:[A-Z]{3}|I[W-Z]|[J-Z][A-Z])[0-9])|[A-Z]{0,3}([0-9]{7,})")')
_SPACES = bytes.maketrans(b"\t\r\n", b"   ")


class _TooLarge(Exception):
    def __init__(self, reason: str):
        self.reason = reason


def check_bounds(data: bytes, file: str) -> None:
    """Refuse (whole file, a Danish reason) a workbook past a limit; a zip that cannot be
    opened is left to the reader, which says it is broken."""
    try:
        parts = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError, NotImplementedError):  # e.g. "zip version 6.4"
        return
    unpacked = 0
    try:
        for part in parts:
            sheet = part.filename.startswith("xl/worksheets/") and part.filename.endswith(".xml")
            text = sheet or part.filename == "xl/sharedStrings.xml"
            unpacked = _check_part(data, part, unpacked, sheet=sheet, text=text)
    except _TooLarge as refused:
        raise ImportRejected([file_problem(file, refused.reason)]) from None
    except (zlib.error, struct.error, ValueError):
        raise ImportRejected(
            [file_problem(file, _("The Excel file cannot be read (%(error)s).") % {"error": "zip"})]
        ) from None


def _check_part(
    data: bytes, part: zipfile.ZipInfo, unpacked: int, *, sheet: bool, text: bool
) -> int:
    """Decompress one part (never trusting the sizes it declares), checking as it goes;
    the bytes unpacked so far, this part's included."""
    name_length, extra_length = struct.unpack(
        "<HH", data[part.header_offset + 26 : part.header_offset + 30]
    )
    start = part.header_offset + 30 + name_length + extra_length
    compressed = memoryview(data)[start : start + part.compress_size]
    if part.compress_type == _STORED:
        chunks = (bytes(compressed[i : i + _CHUNK]) for i in range(0, len(compressed), _CHUNK))
    elif part.compress_type == _DEFLATED:
        chunks = _inflate(bytes(compressed))
    else:
        raise _TooLarge(_("The Excel file uses a compression Excel does not write."))
    tail = b""
    rows = 0
    run = 0  # length of the text run continuing from the previous chunk
    for chunk in chunks:
        unpacked += len(chunk)
        if unpacked > MAX_UNPACKED_BYTES:
            raise _TooLarge(
                _("The Excel file unpacks to more than %(mb)s MB; split it or save it as CSV.")
                % {"mb": MAX_UNPACKED_BYTES >> 20}
            )
        if text:
            run = _longest_run(chunk, run)
        if sheet:
            window = (tail + chunk).translate(_SPACES)
            rows += chunk.count(b"<row")
            if rows > MAX_ROWS + 1 or _out_of_range(window):
                raise _TooLarge(
                    _("The worksheet has more than %(rows)s rows or %(columns)s columns.")
                    % {"rows": f"{MAX_ROWS:,}".replace(",", "."), "columns": MAX_COLUMNS}
                )
            tail = chunk[-_OVERLAP:]
    return unpacked


def _inflate(compressed: bytes):
    """The raw deflate stream of a part, ``_CHUNK`` bytes of output at a time."""
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    pending = compressed
    while pending and not inflater.eof:
        out = inflater.decompress(pending, _CHUNK)
        pending = inflater.unconsumed_tail
        if out:
            yield out
        elif not pending:
            break
    rest = inflater.flush()
    if rest:
        yield rest


def _out_of_range(window: bytes) -> bool:
    """A reference past the 256th column or the last row (rows of seven digits are rare:
    only a sheet of a million rows has many)."""
    return any(m.group(1) or int(m.group(2)) > MAX_ROWS for m in _SUSPECT.finditer(window))


def _longest_run(chunk: bytes, run: int) -> int:
    """Refuse a text run (bytes between two ``<``) of ``_MAX_TEXT_RUN`` or more: exactly
    where it spans the previous chunk, else by finding a ``<`` in every aligned block of
    half that length (a run of the whole length always covers one). Returns the run the
    chunk ends in."""
    first = chunk.find(b"<")
    longest = run + (first if first >= 0 else len(chunk))
    block = _MAX_TEXT_RUN // 2
    for start in range(0, len(chunk) - block + 1, block):
        if chunk.find(b"<", start, start + block) < 0:
            longest = max(longest, block * 2)
    if longest >= _MAX_TEXT_RUN:
        raise _TooLarge(
            _("A cell holds more than %(max)s characters, more than Excel allows.")
            % {"max": f"{MAX_CELL_CHARS:,}".replace(",", ".")}
        )
    last = chunk.rfind(b"<")
    return run + len(chunk) if last < 0 else len(chunk) - last - 1


def _cell_text(series: pl.Series) -> tuple[pl.Series, str]:
    """A spreadsheet column as text; numbers and dates in their plain ISO form."""
    dtype = series.dtype
    if dtype == pl.Datetime or dtype == pl.Date:
        return series.cast(pl.Date).dt.strftime("%Y-%m-%d"), PLAIN
    if dtype.is_numeric():
        as_float = series.cast(pl.Float64)
        whole = as_float == as_float.floor()
        text = pl.select(
            pl.when(whole)
            .then(as_float.cast(pl.Int64, strict=False).cast(pl.String))
            .otherwise(as_float.cast(pl.String))
        ).to_series()
        return text.alias(series.name), PLAIN
    if dtype == pl.Boolean:
        return series.cast(pl.String), PLAIN
    # In a column that mixes cell types, fastexcel writes date cells as "åååå-mm-dd tt:mm:ss".
    text = series.cast(pl.String).str.replace(
        r"^(\d{4}-\d{2}-\d{2}) \d{2}:\d{2}:\d{2}(\.\d+)?$", "${1}"
    )
    return text, DANISH


def read_xlsx(data: bytes, file: str) -> RawTable:
    """The first worksheet, after :func:`check_bounds` refused what would not fit."""
    import fastexcel

    check_bounds(data, file)
    try:
        reader = fastexcel.read_excel(data)
        sheet = reader.load_sheet(0, dtype_coercion="coerce")
        frame = pl.DataFrame(sheet.to_polars())
    except Exception as exc:  # fastexcel raises its own error family for any broken workbook
        raise ImportRejected(
            [
                file_problem(
                    file,
                    _("The Excel file cannot be read (%(error)s).") % {"error": type(exc).__name__},
                )
            ]
        ) from None
    if frame.width == 0:
        raise ImportRejected([file_problem(file, _("The file is empty."))])
    columns, notation = [], {}
    for name in frame.columns:
        text, how = _cell_text(frame[name])
        columns.append(pl.select(parsing.text(pl.lit(text))).to_series().alias(name))
        notation[name] = how
    table = RawTable(file, list(frame.columns), pl.DataFrame(columns), notation, "xlsx", None)
    too_long = {
        c: (table.frame[c].str.len_chars() > MAX_CELL_CHARS).fill_null(False)
        for c in table.frame.columns
    }
    table.cell_problems = cell_problems(
        file,
        too_long,
        _("The cell holds more than %(max)s characters, more than Excel allows.")
        % {"max": f"{MAX_CELL_CHARS:,}".replace(",", ".")},
    )
    return table

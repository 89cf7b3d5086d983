"""Bytes of a CSV or XLSX file → a frame of raw text cells, plus how it was written."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

import polars as pl

from socialstyring.io import parsing
from socialstyring.io.parsing import DANISH, PLAIN
from socialstyring.io.problems import ImportRejected, Problem, file_problem
from socialstyring.translation import _

XLSX_MAGIC = b"PK\x03\x04"
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


def read_table(data: bytes, file: str) -> RawTable:
    if not data or not data.removeprefix(b"\xef\xbb\xbf").strip():  # a BOM alone is empty too
        raise ImportRejected([file_problem(file, _("The file is empty."))])
    if data.startswith(XLSX_MAGIC):
        return _read_xlsx(data, file)
    return _read_csv(data, file)


def _decode(data: bytes, file: str) -> tuple[str, str]:
    if b"\x00" in data[:65536]:
        raise ImportRejected([file_problem(file, BINARY)])
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise ImportRejected(
            [
                file_problem(
                    file, _("The file is neither UTF-8 nor Windows-1252 and cannot be read.")
                )
            ]
        ) from None
    control = sum(1 for ch in text[:65536] if ch < " " and ch not in "\r\n\t")
    if control > 0:
        raise ImportRejected([file_problem(file, BINARY)])
    return text, "cp1252"


def _read_csv(data: bytes, file: str) -> RawTable:
    text, encoding = _decode(data, file)
    header_line = text.split("\n", 1)[0]
    delimiter = (
        ";" if header_line.count(";") >= header_line.count(",") and ";" in header_line else ","
    )
    if delimiter not in header_line and "\t" in header_line:
        raise ImportRejected(
            [file_problem(file, _("The file is tab-separated; use ';' or ',' as the separator."))]
        )
    utf8 = text.encode("utf-8") if encoding != "utf-8" else data
    try:
        lazy = pl.scan_csv(
            utf8,
            separator=delimiter,
            infer_schema=False,
            has_header=True,
            quote_char='"',
            raise_if_empty=True,
        )
        # Trimming is fused into the read: every cell becomes trimmed text or null.
        frame = lazy.select(
            parsing.text(pl.col(c)).alias(c) for c in lazy.collect_schema().names()
        ).collect()
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
    # polars pads a row with too few fields with nulls; such a row ends in a null, so only then
    # is the (slower) field count needed.
    if (
        frame.width
        and frame[frame.columns[-1]].null_count()
        and _may_have_short_rows(text, delimiter, frame.width)
    ):
        short_rows = _csv_structure_problems(text, delimiter, file)
        if short_rows:
            raise ImportRejected(short_rows)
    headers = list(frame.columns)
    notation = DANISH if delimiter == ";" else PLAIN
    return RawTable(file, headers, frame, {c: notation for c in frame.columns}, encoding, delimiter)


def _may_have_short_rows(text: str, delimiter: str, width: int) -> bool:
    """Cheap vectorised screen: a line with fewer delimiters than the header may be a short
    row (or half of a quoted multi-line cell); only then is the exact count needed."""
    counts = pl.Series(text.splitlines()[1:], dtype=pl.String).str.count_matches(
        delimiter, literal=True
    )
    return bool((counts.filter(counts > 0) < width - 1).any() or (counts == 0).any() and width > 1)


def _csv_structure_problems(text: str, delimiter: str, file: str) -> list[Problem]:
    """Find the rows whose field count differs from the header's (error path only)."""
    rows = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = next(rows)
    except (StopIteration, csv.Error):
        return []
    problems = []
    for number, row in enumerate(rows, start=2):
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


def _read_xlsx(data: bytes, file: str) -> RawTable:
    import fastexcel

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
    return RawTable(file, list(frame.columns), pl.DataFrame(columns), notation, "xlsx", None)

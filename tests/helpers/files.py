"""Small factories that build import files as bytes: CSV in any encoding and delimiter,
and XLSX with real numeric, date and text cells."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence

import xlsxwriter

Cell = str | int | float | dt.date | None

# One valid grant in Danish Excel style (';' file): the defaults of ``grant()``.
GRANT_DEFAULTS: dict[str, str] = {
    "bevilling_id": "B-1",
    "borger_id": "P-1",
    "område": "børn",
    "paragraf": "SEL § 52",
    "konto": "5.28.21",
    "startdato": "01-01-2026",
    "slutdato": "",
    "pris": "1.000,00",
    "prisenhed": "måned",
    "antal": "1",
}


def csv_bytes(
    header: Sequence[str],
    rows: Iterable[Sequence[Cell]],
    *,
    delimiter: str = ";",
    encoding: str = "utf-8",
    bom: bool = False,
    newline: str = "\r\n",
) -> bytes:
    """A CSV file as a spreadsheet program writes it (minimal quoting)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=newline)
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if cell is None else cell for cell in row])
    data = buffer.getvalue().encode(encoding)
    return b"\xef\xbb\xbf" + data if bom else data


def xlsx_bytes(
    header: Sequence[str], rows: Iterable[Sequence[Cell]], *, date_format: str = "dd-mm-yyyy"
) -> bytes:
    """An XLSX workbook: ``int``/``float`` as numeric cells, ``date`` as date cells with a
    date format, ``str`` as text cells and ``None`` as empty cells."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet("Ark1")
    date_cell = book.add_format({"num_format": date_format})
    for c, name in enumerate(header):
        sheet.write_string(0, c, name)
    for r, row in enumerate(rows, start=1):
        for c, cell in enumerate(row):
            if cell is None:
                continue
            if isinstance(cell, dt.date):
                sheet.write_datetime(r, c, dt.datetime(cell.year, cell.month, cell.day), date_cell)
            elif isinstance(cell, str):
                sheet.write_string(r, c, cell)
            else:
                sheet.write_number(r, c, cell)
    book.close()
    return buffer.getvalue()


def records_csv(records: Sequence[dict[str, Cell]], **options) -> bytes:
    """CSV of dict rows; the header is every key, in order of first appearance."""
    header = list(dict.fromkeys(key for record in records for key in record))
    return csv_bytes(header, [[record.get(h) for h in header] for record in records], **options)


def grant(**changes: Cell) -> dict[str, Cell]:
    """One valid grants row (Danish notation); ``changes`` override or add columns."""
    return {**GRANT_DEFAULTS, **changes}


def grants_csv(*rows: dict[str, Cell], **options) -> bytes:
    """A grants file; with no rows, one default grant."""
    return records_csv(list(rows) or [grant()], **options)

"""Which encoding a CSV file is in, cell by cell: UTF-8 (with or without a byte order mark)
or Windows-1252, one of them throughout. A file that is no text at all is refused whole; a
cell in the wrong encoding, or with bytes neither defines, is a row problem."""

from __future__ import annotations

import mmap
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

import polars as pl

from socialstyring.translation import _

if TYPE_CHECKING:
    from socialstyring.io.readers import RawTable

# The bytes of a file, in memory or mapped from disk: what the checks of raw bytes slice,
# search and hand to numpy.
Buffer = bytes | mmap.mmap

# NUL and the other C0 control characters but tab, line feed and carriage return.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\r") + b"\x7f"
_STRAY_CONTROL_SHARE = 0.01  # more than this in the first 64 KB: not a text file at all
# A two- or three-byte UTF-8 sequence (æøåÆØÅ§é are two bytes, € and – three): the sign
# of UTF-8 text in a file that is not UTF-8 as a whole.
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}")
REPLACEMENT = "\ufffd"


def mark_mixed_encodings(
    table: RawTable, body: bytes, scan: Callable[[bytes], pl.DataFrame]
) -> None:
    """A file that is not UTF-8 throughout: Windows-1252, or UTF-8 with rows in another
    encoding (two programs wrote into one file). Read both ways, each cell says which it
    is; the file takes the encoding of most rows and the cells in the other are row
    problems, so ``BÃ¸rn`` is never stored. Cells with undecodable bytes are problems too."""
    utf8_cells: dict[str, pl.Series] = {}
    foreign_cells: dict[str, pl.Series] = {}
    lossy = None
    if _UTF8_SEQUENCE.search(body):
        try:
            lossy = scan(body)
        except (pl.exceptions.PolarsError, ValueError):
            lossy = None
        if lossy is not None and lossy.shape != table.frame.shape:
            lossy = None
    if lossy is not None:
        for name in lossy.columns:
            cells = lossy[name]
            foreign = cells.str.contains(REPLACEMENT, literal=True).fill_null(False)
            utf8_cells[name] = ~foreign & cells.str.contains(r"[^\x00-\x7f]").fill_null(False)
            foreign_cells[name] = foreign
    utf8_rows = _rows(utf8_cells)
    if lossy is not None and utf8_rows and utf8_rows >= _rows(foreign_cells):
        # Mostly UTF-8: the UTF-8 reading is the file, its stray cells are the problems.
        notation = next(iter(table.notation.values()))
        table.frame, table.encoding = lossy, "utf-8"
        table.headers = list(lossy.columns)
        table.notation = dict.fromkeys(lossy.columns, notation)
        table.cell_problems = cell_problems(
            table.file,
            foreign_cells,
            _(
                "The cell is not UTF-8 like the rest of the file; save the file again in one "
                "encoding."
            ),
        )
        return
    problems = [
        cell_problems(
            table.file,
            {
                c: table.frame[c].str.contains(REPLACEMENT, literal=True).fill_null(False)
                for c in table.frame.columns
            },
            _("The cell holds characters that are neither UTF-8 nor Windows-1252."),
        ),
    ]
    if utf8_rows:
        problems.append(
            cell_problems(
                table.file,
                utf8_cells,
                _(
                    "The cell is written in UTF-8, but the rest of the file in Windows-1252; "
                    "save the file again in one encoding."
                ),
            )
        )
    found = [p for p in problems if p is not None]
    table.cell_problems = pl.concat(found) if found else None


def _rows(cells: dict[str, pl.Series]) -> int:
    """How many rows have a marked cell."""
    if not cells:
        return 0
    return int(pl.DataFrame(cells).select(pl.any_horizontal(pl.all())).to_series().sum())


def cell_problems(file: str, cells: dict[str, pl.Series], reason: str) -> pl.DataFrame | None:
    """Row problems (``PROBLEM_SCHEMA``) for the marked cells, the header as the column."""
    found = [
        pl.DataFrame({"row": (mask.arg_true() + 2).cast(pl.Int64)}).with_columns(
            pl.lit(name).alias("column"),
            pl.lit(None, pl.String).alias("value"),
            pl.lit(reason).alias("reason"),
        )
        for name, mask in cells.items()
        if mask.any()
    ]
    return pl.concat(found) if found else None


def looks_binary(data: Buffer) -> bool:
    """A file that is not text at all; a stray NUL or control character in a cell is a row
    problem instead (``cell_problems``), found by validation with its row and column."""
    head = data[:65536]
    end = head.find(b"\n")
    header = head[: end if end >= 0 else len(head)]
    stray = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return header != header.translate(None, _CONTROL_BYTES) or stray > _STRAY_CONTROL_SHARE * len(
        head
    )


def decode(data: bytes) -> tuple[str, str]:
    """UTF-8 (after a byte order mark, if any), else Windows-1252. Bytes Windows-1252 does
    not define become U+FFFD, which the cells that hold them are rejected for."""
    bom = data.startswith(b"\xef\xbb\xbf")
    body = data[3:] if bom else data
    try:
        return body.decode("utf-8"), "utf-8-sig" if bom else "utf-8"
    except UnicodeDecodeError:
        return body.decode("cp1252", errors="replace"), "cp1252"

"""A big insert into a PostgreSQL table: the stream ``COPY`` reads, in its binary format.

In CSV, PostgreSQL parses every date, amount and key from text, and that parsing is most
of a load's server time: 1,48M ledger rows took 2,3 s from a CSV file, 1,1 s from the same
rows in binary (``docs/performance.md``). Here pgpq encodes the frame's Arrow buffers into
the binary format in Rust (no Python object per value), a batch ahead in a thread, while
the server reads the batch before.

The binary format carries no type names: each value must be in the exact binary form of
its column's type. The column types are therefore read from the catalogue and the frame
cast to them; a table with a type not mapped here (or a value that does not fit its type)
goes through CSV instead, where PostgreSQL itself names what is wrong.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, TypeVar

import polars as pl

if TYPE_CHECKING:
    import pyarrow as pa

BATCH_ROWS = 200_000
T = TypeVar("T")

# PostgreSQL's type (``format_type`` without modifier) → the polars type whose Arrow form
# pgpq encodes as that type's binary form. Text-like columns share text's binary form.
POLARS_TYPE: dict[str, pl.DataType] = {
    "bigint": pl.Int64(),
    "integer": pl.Int32(),
    "smallint": pl.Int16(),
    "double precision": pl.Float64(),
    "real": pl.Float32(),
    "boolean": pl.Boolean(),
    "date": pl.Date(),
    "text": pl.String(),
    "character varying": pl.String(),
}


def column_types(cursor, table: str, cols: list[str]) -> dict[str, str]:
    """Each of ``cols``' type in ``table`` (a quoted name, a temporary table too)."""
    cursor.execute(
        "SELECT attname, format_type(atttypid, NULL) FROM pg_attribute "
        "WHERE attrelid = %s::regclass AND attnum > 0 AND NOT attisdropped",
        [table],
    )
    types = dict(cursor.fetchall())
    return {c: types[c] for c in cols}


def as_binary_columns(frame: pl.DataFrame, types: dict[str, str]) -> pl.DataFrame | None:
    """``frame``'s columns cast to their table types, or None when a type has no binary
    mapping here or a value does not fit (then CSV lets PostgreSQL say why)."""
    if any(t not in POLARS_TYPE for t in types.values()):
        return None
    try:
        return frame.select(pl.col(c).cast(POLARS_TYPE[t], strict=True) for c, t in types.items())
    except pl.exceptions.PolarsError:
        return None


def copy_stream(
    cursor, table: str, cols: list[str], frame: pl.DataFrame
) -> tuple[str, Iterator[bytes]]:
    """The ``COPY`` format for ``frame``'s ``cols`` into ``table`` and its stream: binary,
    or CSV where a column's type or a value has no binary form here."""
    binary = as_binary_columns(frame, column_types(cursor, table, cols))
    if binary is not None:
        return "binary", binary_blocks(binary)
    return "csv", csv_blocks(frame)


def binary_blocks(frame: pl.DataFrame) -> Iterator[bytes]:
    """The frame in ``COPY … (FORMAT binary)``'s stream: header, batches, trailer."""
    import pgpq  # with pyarrow 0,36 s to import: only when a load needs it, not at start-up

    # String views: polars' own layout, handed to Arrow without a copy.
    table = frame.to_arrow(compat_level=pl.CompatLevel.newest())
    encoder = pgpq.ArrowToPostgresBinaryEncoder(table.schema)
    yield encoder.write_header()
    batches: list[pa.RecordBatch] = table.to_batches(max_chunksize=BATCH_ROWS)
    yield from _one_ahead(encoder.write_batch, batches)
    yield encoder.finish()


def csv_blocks(frame: pl.DataFrame) -> Iterator[bytes]:
    """The frame in ``COPY … (FORMAT csv)``'s stream, a slice at a time."""

    def write(chunk: pl.DataFrame) -> bytes:
        buffer = io.BytesIO()
        chunk.write_csv(buffer, include_header=False, date_format="%Y-%m-%d", float_precision=None)
        return buffer.getvalue()

    return _one_ahead(write, frame.iter_slices(BATCH_ROWS))


def _one_ahead(encode: Callable[[T], bytes], parts: Iterable[T]) -> Iterator[bytes]:
    """Each part encoded, the next one in another thread while the server reads this one
    (polars writes CSV without holding Python's lock)."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        ahead = None
        for part in parts:
            following = pool.submit(encode, part)
            if ahead is not None:
                yield ahead.result()
            ahead = following
        if ahead is not None:
            yield ahead.result()

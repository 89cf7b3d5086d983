"""Saving a frame into a tenant table in bulk, at the speed of the database's own loader.

Every row carries a hash of its values (``row_hash``). A save reads the table's keys and
hashes (one query), and sorts the frame's rows in polars into

- **new** rows: written straight into the table (PostgreSQL ``COPY`` in its binary
  format, ``pg_load``; SQLite one ``executemany``, or from 50.000 rows on a file written
  in C and copied in, ``sqlite_load``), no conflict handling;
- **unchanged** rows (same key, same hash): nothing is sent to the database at all;
- **changed** rows (same key, another hash, or a stored row without a hash): through a
  temporary stage and one ``INSERT … ON CONFLICT DO UPDATE``; the rows whose values really
  differ are counted, so a hash that merely changed (another polars version) is not
  reported as an update.

The hash is polars' 64-bit hash of the row; an unchanged verdict for a changed row would
need a collision of the row's old and new values (odds about 1 in 2^64 per row). Callers
own the transaction, so a failure stores nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass

import polars as pl
from django.db import connection

from socialstyring.storage import pg_load, sqlite_load, tenancy, versions
from socialstyring.storage.copy_reads import copy_frame

TENANT = "municipality"
ROW_HASH = "row_hash"
HASH_SEED = 20261201  # fixed: the stored hashes must stay comparable between processes
CHUNK_ROWS = 200_000  # SQLite's executemany, a slice at a time


@dataclass(frozen=True)
class SaveCounts:
    created: int
    updated: int
    unchanged: int
    first_load: bool = False  # the municipalities had no rows in the table before


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def with_row_hash(frame: pl.DataFrame, columns: list[str]) -> pl.DataFrame:
    return frame.with_columns(
        pl.struct(columns).hash(HASH_SEED).reinterpret(signed=True).alias(ROW_HASH)
    )


def _copy_in(table: str, cols: list[str], frame: pl.DataFrame) -> None:
    """``COPY`` in binary, or in CSV where the binary form does not fit (``pg_load``)."""
    column_list = ", ".join(_q(c) for c in cols)
    with connection.cursor() as cursor:
        fmt, blocks = pg_load.copy_stream(cursor, table, cols, frame)
        # The raw psycopg cursor: its errors become Django's (DataError …) like any query's.
        copying = cursor.cursor.copy(f"COPY {table} ({column_list}) FROM STDIN (FORMAT {fmt})")
        with connection.wrap_database_errors, copying as copy:
            for block in blocks:
                copy.write(block)


@contextmanager
def _sqlite_bulk() -> Iterator[None]:
    """A bigger page cache while the load builds its indexes (inside the caller's
    transaction; the previous size comes back after)."""
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        previous = cursor.fetchone()[0]
        cursor.execute("PRAGMA cache_size = -262144")  # 256 MB
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(previous)}")


def _sqlite_insert(table: str, cols: list[str], frame: pl.DataFrame) -> None:
    as_text = frame.with_columns(pl.col(pl.Date).dt.strftime("%Y-%m-%d"))
    alias = sqlite_load.free_alias() if frame.height >= BULK_ROWS else None
    if alias is None:
        _executemany(table, cols, as_text)
        return
    with _sqlite_bulk():
        sqlite_load.staged_insert(table, cols, as_text, alias)


def _executemany(table: str, cols: list[str], as_text: pl.DataFrame) -> None:
    marks = ", ".join("?" for _ in cols)
    column_list = ", ".join(_q(c) for c in cols)
    connection.ensure_connection()
    # The raw sqlite3 connection: Django's wrapper converts every parameter row in Python.
    sql = f"INSERT INTO {table} ({column_list}) VALUES ({marks})"
    with connection.wrap_database_errors, _sqlite_bulk():
        for chunk in as_text.iter_slices(CHUNK_ROWS):
            # Columns to lists and zipped: a third faster than building each row in polars.
            rows = zip(*(chunk[c].to_list() for c in cols), strict=True)
            connection.connection.executemany(sql, rows)


def insert(table: str, cols: list[str], frame: pl.DataFrame) -> None:
    """Rows known to be new, straight into ``table``."""
    if frame.height == 0:
        return
    (_copy_in if connection.vendor == "postgresql" else _sqlite_insert)(_q(table), cols, frame)


@contextmanager
def _indexes_built_after(table: str) -> Iterator[None]:
    """PostgreSQL, into a wholly empty table (as its owner): drop the primary key (unless
    a foreign key leans on it), the unique constraints and the secondary indexes, load,
    and build them again, which is about twice as fast as keeping them up to date row by
    row (the primary key alone cost 1,0-1,3 s of a 1,48M-row ledger's load, its rebuild
    0,4 s). Inside the caller's transaction, so a duplicate key fails the rebuild and rolls
    everything back; the table is locked until the commit, which matters to no one while
    it is empty."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint c "
            "WHERE conrelid = %s::regclass AND (contype = 'u' OR contype = 'p' AND NOT EXISTS "
            "(SELECT 1 FROM pg_constraint f WHERE f.contype = 'f' AND f.confrelid = c.conrelid)) "
            "ORDER BY contype",
            [table],
        )
        constraints = cursor.fetchall()
        cursor.execute(
            "SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x "
            "JOIN pg_class i ON i.oid = x.indexrelid WHERE x.indrelid = %s::regclass "
            "AND NOT x.indisprimary AND NOT EXISTS "
            "(SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)",
            [table],
        )
        indexes = cursor.fetchall()
        for name, _definition in constraints:
            cursor.execute(f"ALTER TABLE {_q(table)} DROP CONSTRAINT {_q(name)}")
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {_q(name)}")
    yield
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for name, definition in constraints:
            cursor.execute(f"ALTER TABLE {_q(table)} ADD CONSTRAINT {_q(name)} {definition}")
        for _name, definition in indexes:
            cursor.execute(definition)


@contextmanager
def _sqlite_indexes_built_after(table: str) -> Iterator[None]:
    """SQLite, into a wholly empty table: the secondary indexes dropped and created again
    after the load (one sorted build instead of a random insert per row), inside the
    caller's transaction. The unique key is part of the table and stays."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s "
            "AND sql IS NOT NULL",
            [table],
        )
        indexes = cursor.fetchall()
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {_q(name)}")
    yield
    with connection.cursor() as cursor:
        for _name, definition in indexes:
            cursor.execute(definition)


BULK_ROWS = 50_000  # from this size on, a load into an empty table builds indexes after


def _first_load(table: str, cols: list[str], frame: pl.DataFrame, codes: list[str]) -> None:
    """Rows of municipalities that have none in ``table`` yet."""
    bulk = frame.height >= BULK_ROWS
    with tenancy.as_owner_for(codes):
        loading = _indexes_built_after_if_empty(table) if bulk else nullcontext()
        with loading:
            insert(table, cols, frame)
        if bulk:
            _renew_sqlite_statistics(table)


def _indexes_built_after_if_empty(table: str) -> AbstractContextManager[object]:
    """Into a wholly empty table the indexes are built after the load (see both kinds)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {_q(table)})")
        if cursor.fetchone()[0]:
            return nullcontext()
    if connection.vendor == "postgresql":
        return _indexes_built_after(table)
    return _sqlite_indexes_built_after(table)


def _renew_sqlite_statistics(table: str) -> None:
    """SQLite gathers no statistics by itself. Without them it reads a municipality's rows
    through any index that starts with the municipality, one row at a time, even when they
    are all the table's rows: 1M grants took 1,7 s instead of 0,24 s for a scan. ANALYZE
    after a bulk load (0,16 s for 1M grants) tells it the truth. PostgreSQL's autovacuum
    does this by itself."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {_q(table)}")


def _stored_hashes(table: str, key: list[str], codes: list[str]) -> pl.DataFrame:
    """The keys and row hashes stored for these municipalities (one query)."""
    # One municipality (the usual import) is not read back on every row.
    read = [k for k in key if k != TENANT or len(codes) > 1]
    cols = [*read, ROW_HASH]
    schema: dict[str, pl.DataType] = {c: pl.String() for c in read}
    schema[ROW_HASH] = pl.Int64()
    marks = ", ".join("%s" for _ in codes)
    # Keys are compared as text: a year (budgets) is as good a key in its text form.
    select = ", ".join([*(f"CAST({_q(k)} AS TEXT)" for k in read), _q(ROW_HASH)])
    sql = f"SELECT {select} FROM {_q(table)} WHERE {_q(TENANT)} IN ({marks})"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            stored = copy_frame(cursor, sql, codes, cols, schema)
        else:
            cursor.execute(
                f"SELECT 1 FROM {_q(table)} WHERE {_q(TENANT)} IN ({marks}) LIMIT 1", codes
            )
            if cursor.fetchone() is None:  # a first load: nothing to compare with
                return pl.DataFrame(
                    schema=dict.fromkeys([*key, ROW_HASH], pl.String()) | {ROW_HASH: pl.Int64()}
                )
            _sqlite_key_hash_index(cursor, table, key)
            cursor.execute(sql, codes)
            stored = pl.DataFrame(cursor.fetchall(), schema=schema, orient="row")
    if TENANT in key and TENANT not in read:
        stored = stored.with_columns(pl.lit(codes[0], pl.String).alias(TENANT))
    return stored.select(*key, ROW_HASH)


def _sqlite_key_hash_index(cursor, table: str, key: list[str]) -> None:
    """SQLite reads the keys and hashes from an index that holds them all (a fifth of the
    time of a pass over the table's wide rows). Made at the first save that compares
    with stored rows, so a first load does not pay for it; a table's index rebuild after
    a bulk load (``_sqlite_indexes_built_after``) keeps it like the others."""
    columns = ", ".join(_q(c) for c in [*key, ROW_HASH])
    cursor.execute(
        f"CREATE INDEX IF NOT EXISTS {_q(f'{table}_key_hash')} ON {_q(table)} ({columns})"
    )


def _update_changed(table: str, key: tuple[str, ...], cols: list[str], frame: pl.DataFrame) -> int:
    """Write rows whose stored hash differs; return how many of them really changed."""
    if frame.height == 0:
        return 0
    stage = f"stage_{table}"
    target = _q(table)
    column_list = ", ".join(_q(c) for c in cols)
    distinct = "IS DISTINCT FROM" if connection.vendor == "postgresql" else "IS NOT"
    key_match = " AND ".join(f"s.{_q(k)} = t.{_q(k)}" for k in key)
    values = [c for c in cols if c not in key and c != ROW_HASH]
    differs = " OR ".join(f"s.{_q(c)} {distinct} t.{_q(c)}" for c in values)
    updates = ", ".join(f"{_q(c)} = excluded.{_q(c)}" for c in cols if c not in key)
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {_q(stage)}")
        cursor.execute(
            f"CREATE TEMPORARY TABLE {_q(stage)} AS SELECT {column_list} FROM {target} WHERE 1 = 0"
        )
        insert(stage, cols, frame)
        cursor.execute(
            f"SELECT count(*) FROM {_q(stage)} s JOIN {target} t ON {key_match} WHERE {differs}"
        )
        changed = cursor.fetchone()[0]
        cursor.execute(
            f"INSERT INTO {target} ({column_list}) SELECT {column_list} FROM {_q(stage)} "
            f"WHERE true ON CONFLICT ({', '.join(_q(k) for k in key)}) DO UPDATE SET {updates}"
        )
        cursor.execute(f"DROP TABLE {_q(stage)}")
    return changed


def save(
    table: str, key: tuple[str, ...], columns: dict[str, pl.DataType], frame: pl.DataFrame
) -> SaveCounts:
    """Insert new rows, update changed ones (by ``key``), leave equal ones alone. ``key``
    and ``columns`` include the municipality; rows without one belong to the active one."""
    if TENANT not in frame.columns:
        frame = frame.with_columns(pl.lit(tenancy.current_code(), pl.String).alias(TENANT))
    data_cols = list(columns)
    frame = with_row_hash(frame.select(pl.col(c).cast(t) for c, t in columns.items()), data_cols)
    cols = [*data_cols, ROW_HASH]
    codes = sorted(frame[TENANT].unique().to_list())
    versions.bump(codes)
    stored = _stored_hashes(table, list(key), codes)
    if stored.height == 0:
        _first_load(table, cols, frame, codes)
        return SaveCounts(frame.height, 0, 0, first_load=True)
    # Only the keys and hashes go through the join (in the frame's order); the wide rows
    # are then picked by the verdict, not copied through the join.
    text_key = [pl.col(k).cast(pl.String).alias(f"_key_{i}") for i, k in enumerate(key)]
    verdict = (
        frame.select(*text_key, ROW_HASH)
        .join(
            stored.rename(
                {k: f"_key_{i}" for i, k in enumerate(key)} | {ROW_HASH: "_stored"}
            ).with_columns(pl.lit(True).alias("_found")),
            on=[f"_key_{i}" for i in range(len(key))],
            how="left",
            maintain_order="left",
        )
        .select(
            pl.col("_found").is_null().alias("new"),
            (pl.col("_found").is_not_null() & (pl.col("_stored") == pl.col(ROW_HASH)))
            .fill_null(False)
            .alias("same"),
        )
    )
    new = frame.filter(verdict["new"])
    same = int(verdict["same"].sum())
    other = frame.filter(~verdict["new"] & ~verdict["same"])
    with tenancy.as_owner_for(codes):
        insert(table, cols, new.select(cols))
    changed = _update_changed(table, key, cols, other.select(cols))
    return SaveCounts(new.height, changed, same + other.height - changed)

"""A big insert into a SQLite table at the speed of SQLite's own C code.

Python's ``executemany`` spends about 8 µs a row of 21 columns making a Python object of
every value and binding it; SQLite itself needs about 4. Here the frame is written into a
staging database file by the ADBC SQLite driver (Arrow arrays bound in C, no Python object
per value), which Django's connection attaches and copies in with one ``INSERT … SELECT``:
1M grant rows in 3,3 s instead of 11,9 s (``docs/performance.md``).

Why it is safe:

- The staging file is written and committed by a connection of its own before the copy.
  The copy runs on Django's connection, inside the caller's transaction, so a failure or
  a rollback stores nothing.
- The values are those ``executemany`` would bind: text, real, integer or NULL (dates come
  as ``yyyy-mm-dd`` text, as the caller gives them), so the table gets the same rows
  (``tests/storage/test_saving.py`` holds both paths to each other).
- The file lies in the data folder (made by ``mkstemp``: owner only) and holds what the
  table gets, pseudonyms and never a CPR number. It is deleted after the copy (where the
  system refuses to delete an open file, at the commit).
- SQLite keeps an attached database until the transaction that read it ends, so it is
  detached when that transaction commits, or else at the next load.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

import polars as pl
from django.conf import settings
from django.db import DatabaseError, OperationalError, connection, transaction

ALIAS = "ss_staging"  # the attached staging databases are ss_staging0, ss_staging1, …
STAGE = "stage"
# SQLite attaches at most 10 databases to a connection; a transaction that has staged
# this many loads already (each stays attached until it ends) stages no more.
MOST_ATTACHED = 8


def free_alias() -> str | None:
    """The alias the next staging database would get, or None when none is free in this
    transaction. Detaches the staging databases of transactions that have ended."""
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA database_list")
        attached = sorted(row[1] for row in cursor.fetchall() if row[1].startswith(ALIAS))
    busy = {alias for alias in attached if not _detach(alias)}
    return next((f"{ALIAS}{n}" for n in range(MOST_ATTACHED) if f"{ALIAS}{n}" not in busy), None)


def staged_insert(table: str, cols: list[str], frame: pl.DataFrame, alias: str) -> None:
    """``frame``'s columns ``cols`` appended to ``table`` (a quoted name), in one statement
    of the caller's transaction, through a staging database attached as ``alias`` (from
    :func:`free_alias`)."""
    folder = Path(settings.DATA_DIR)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    handle, path = tempfile.mkstemp(dir=folder, prefix=".staging-", suffix=".sqlite3")
    os.close(handle)
    try:
        _write_stage(path, frame.select(cols))
        with connection.cursor() as cursor:
            cursor.execute(f"ATTACH DATABASE %s AS {alias}", [path])
        column_list = ", ".join(connection.ops.quote_name(c) for c in cols)
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} ({column_list}) SELECT {column_list} FROM {alias}.{STAGE}"
            )
        transaction.on_commit(lambda: _after_commit(alias, path))
    finally:
        _remove(path)  # POSIX: the attached file stays readable until it is detached


def _remove(path: str) -> None:
    with contextlib.suppress(OSError):  # Windows refuses while the file is attached
        os.unlink(path)


def _after_commit(alias: str, path: str) -> None:
    _detach(alias)
    _remove(path)


def _write_stage(path: str, frame: pl.DataFrame) -> None:
    import adbc_driver_sqlite.dbapi as adbc

    # The oldest Arrow layout (plain large strings) is the one every driver release reads.
    arrow = frame.to_arrow(compat_level=pl.CompatLevel.oldest())
    try:
        with adbc.connect(path) as stage, stage.cursor() as cursor:
            cursor.adbc_ingest(STAGE, arrow, mode="create")
            stage.commit()
    except adbc.Error as exc:  # a full disk, say: a database error like any other
        raise OperationalError(str(exc)) from exc


def _detach(alias: str) -> bool:
    """False while the transaction that read it is still open."""
    try:
        with connection.cursor() as cursor:
            cursor.execute(f"DETACH DATABASE {alias}")
    except DatabaseError:
        return False
    return True

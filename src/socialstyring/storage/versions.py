"""The data version of each municipality: raised in the transaction that saves imported
rows, read with one cheap query per request, so a frame cached by any worker process knows
when it has gone stale (a rolled-back import raises nothing)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection

TABLE = "ss_data_version"


def bump(codes: Iterable[str]) -> None:
    """Raise the version of these municipalities (inside the caller's transaction)."""
    with connection.cursor() as cursor:
        for code in codes:
            cursor.execute(
                f"INSERT INTO {TABLE} (municipality, version) VALUES (%s, 1) "
                f"ON CONFLICT (municipality) DO UPDATE SET version = {TABLE}.version + 1",
                [code],
            )


def current(codes: Iterable[str]) -> tuple[tuple[str, int], ...]:
    """The versions of these municipalities, 0 for one that has never saved data."""
    wanted = sorted(set(codes))
    if not wanted:
        return ()
    marks = ", ".join("%s" for _ in wanted)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT municipality, version FROM {TABLE} WHERE municipality IN ({marks})", wanted
        )
        found = dict(cursor.fetchall())
    return tuple((code, int(found.get(code, 0))) for code in wanted)

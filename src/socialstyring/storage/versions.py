"""The data version of each municipality: a new one is drawn in the transaction that saves
imported rows, and read with one cheap query per request, so a frame cached by any worker
process knows when it has gone stale. A version is a random number rather than a count: a
rolled-back import's version never comes back for other data.

Beside them one more version, :data:`EDITS`, is drawn whenever users change what the pages
read besides the imported data (account names, case reviews, buffer pools, follow-ups):
the small state a page shows with the figures is cached by it, while an edit does not make
every worker read the grants again."""

from __future__ import annotations

import secrets
from collections.abc import Iterable

from django.db import connection

TABLE = "ss_data_version"
EDITS = "*"  # no municipality has this code: the row of the edits' version


def bump(codes: Iterable[str]) -> None:
    """A new version for these municipalities (inside the caller's transaction)."""
    with connection.cursor() as cursor:
        for code in codes:
            version = secrets.randbits(62) + 1
            cursor.execute(
                f"INSERT INTO {TABLE} (municipality, version) VALUES (%s, %s) "
                "ON CONFLICT (municipality) DO UPDATE SET version = excluded.version",
                [code, version],
            )


def bump_edits() -> None:
    """A new version of the edits (inside the caller's transaction, if any)."""
    bump([EDITS])


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

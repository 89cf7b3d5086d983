"""An account's budget rows are replaced as a whole (docs/import.md, "Budget").

A budget file gives each account's budget for a year and kind, distributed to areas and
teams or not. A row stored before whose area and team the new file no longer has (the
total row once the file distributes it, a team the file dropped) would otherwise stay and
count twice; it is deleted, inside the import's transaction.
"""

from __future__ import annotations

import polars as pl
from django.db import connection

from socialstyring.storage import saving

TENANT = saving.TENANT
ACCOUNT_KEY = (TENANT, "year", "account", "kind")


def drop_replaced(table: str, key: tuple[str, ...], frame: pl.DataFrame) -> int:
    """Delete the stored rows of the frame's (municipality, year, account, kind) whose full
    ``key`` the frame does not have; return how many."""
    codes = sorted(frame[TENANT].unique().to_list())
    stored = saving._stored_hashes(table, list(key), codes).drop(saving.ROW_HASH)
    if stored.height == 0:
        return 0
    incoming = frame.select(pl.col(k).cast(pl.String).fill_null("") for k in key)
    stale = stored.with_columns(pl.col(k).fill_null("") for k in key)
    stale = stale.join(incoming.select(ACCOUNT_KEY).unique(), on=ACCOUNT_KEY, how="semi").join(
        incoming, on=list(key), how="anti"
    )
    if stale.height == 0:
        return 0
    q = connection.ops.quote_name
    where = " AND ".join(f"{q(k)} = %s" for k in key)
    rows = [
        tuple(int(v) if k == "year" else v for k, v in zip(key, r, strict=True))
        for r in stale.iter_rows()
    ]
    with connection.cursor() as cursor:
        cursor.executemany(f"DELETE FROM {q(table)} WHERE {where}", rows)
    return stale.height

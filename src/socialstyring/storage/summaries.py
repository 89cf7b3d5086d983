"""The ledger's daily sums per account (``ss_posting_day``), rebuilt for a municipality in
the transaction that changed its postings, so they never disagree with the postings."""

from __future__ import annotations

from collections.abc import Iterable

import polars as pl
from django.db import connection

from socialstyring.storage import saving, tenancy

TABLE = "ss_posting_day"


def refresh_posting_days(codes: Iterable[str]) -> None:
    """Sum these municipalities' postings per account and day again (one statement each
    way; an unchanged re-import never comes here)."""
    wanted = sorted(set(codes))
    if not wanted:
        return
    marks = ", ".join("%s" for _ in wanted)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE municipality IN ({marks})", wanted)
        cursor.execute(
            f"INSERT INTO {TABLE} (municipality, account, posting_date, amount) "
            "SELECT municipality, account, posting_date, SUM(amount) FROM ss_posting "
            f"WHERE municipality IN ({marks}) GROUP BY municipality, account, posting_date",
            wanted,
        )


def posting_days_of(frame: pl.DataFrame) -> None:
    """The daily sums of a first load, summed in polars from the frame itself (the table
    held none of these municipalities' postings before)."""
    sums = frame.group_by(saving.TENANT, "account", "posting_date").agg(pl.sum("amount"))
    cols = [saving.TENANT, "account", "posting_date", "amount"]
    with tenancy.as_owner_for(sums[saving.TENANT].unique().to_list()):
        saving.insert(TABLE, cols, sums.select(cols))

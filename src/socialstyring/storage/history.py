"""The grant history the projection and the backtest read: every grant known by a day,
back as far as the database goes (the forecast reads only the year's grants)."""

from __future__ import annotations

import datetime as dt

import polars as pl

from socialstyring.storage.frames import _load, _q
from socialstyring.terms import FileKind


def load_grant_history(as_of: dt.date, columns: list[str]) -> pl.DataFrame:
    """Grants registered (default: started) on or before ``as_of``, only ``columns``."""
    return _load(FileKind.GRANTS, f"WHERE {_q('registered')} <= %s", (as_of,), columns)


def load_posting_months(first: dt.date, last: dt.date) -> pl.DataFrame:
    """Ledger spending per account and month in [first, last], one row per month on the
    month's first posting day (the backtest's month-end cuts need no finer)."""
    from socialstyring.storage.frames import load_posting_totals

    parts = [
        load_posting_totals(year, dt.date(year, 12, 31))
        for year in range(first.year, last.year + 1)
    ]
    frame = pl.concat(parts) if parts else pl.DataFrame()
    return frame.filter(pl.col("posting_date").is_between(first, last)) if frame.height else frame

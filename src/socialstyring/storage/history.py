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


def remembered_open_ended(frame: pl.DataFrame, municipality: str) -> pl.DataFrame:
    """A grants file's rows with ``open_ended`` filled in from what the database already
    knew, where the file's løbende column is absent or empty (docs/projection.md): a grant
    stored without an end date that now arrives with one was open-ended (``yes``); one the
    database holds a word on keeps it. Rows the file speaks for are left as they are."""
    if frame.height == 0 or frame["open_ended"].null_count() == 0:
        return frame
    where = (
        f"WHERE {_q('municipality')} = %s "
        f"AND ({_q('end')} IS NULL OR {_q('open_ended')} IS NOT NULL)"
    )
    stored = _load(FileKind.GRANTS, where, (municipality,), ["grant_id", "end", "open_ended"])
    if stored.height == 0:
        return frame
    stored = stored.select(
        "grant_id",
        pl.col("end").is_null().alias("_was_open"),
        pl.col("open_ended").alias("_stored"),
    )
    ends_now = pl.col("end").is_not_null()
    # What the database knew: its own word (a "no" only while the grant has an end), else
    # "yes" for a grant stored without an end that has one now.
    remembered = (
        pl.when(pl.col("_stored").is_not_null() & (ends_now | (pl.col("_stored") == "yes")))
        .then(pl.col("_stored"))
        .when(pl.col("_was_open").fill_null(False) & ends_now)
        .then(pl.lit("yes"))
    )
    return (
        frame.join(stored, on="grant_id", how="left", maintain_order="left")
        .with_columns(pl.coalesce("open_ended", remembered).alias("open_ended"))
        .drop("_was_open", "_stored")
    )

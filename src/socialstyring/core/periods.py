"""Date helpers whose names state their boundaries."""

from __future__ import annotations

import datetime as dt


def year_start(year: int) -> dt.date:
    return dt.date(year, 1, 1)


def year_end_inclusive(year: int) -> dt.date:
    return dt.date(year, 12, 31)


def days_inclusive(first: dt.date, last: dt.date) -> int:
    """Days from ``first`` to ``last``, both counted; 0 when ``last`` is before ``first``."""
    return max((last - first).days + 1, 0)


def month_bounds_inclusive(year: int, month: int) -> tuple[dt.date, dt.date]:
    first = dt.date(year, month, 1)
    next_first = dt.date(year + month // 12, month % 12 + 1, 1)
    return first, next_first - dt.timedelta(days=1)

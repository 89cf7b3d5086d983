"""Calendar arithmetic on day numbers (days since 1970-01-01), vectorised over numpy arrays."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import numpy as np

EPOCH = dt.date(1970, 1, 1)


def day_number(day: dt.date) -> int:
    return (day - EPOCH).days


def _lookup(values: np.ndarray, convert: Callable[[np.ndarray], np.ndarray]) -> np.ndarray:
    """``convert`` applied through a table over the range of ``values``: numpy's calendar
    conversions are slow per element, and the ranges of days here are short."""
    if values.size == 0:
        return values.astype(np.int64)
    low = int(values.min())
    return convert(np.arange(low, int(values.max()) + 1))[values - low]


def month_of(days: np.ndarray) -> np.ndarray:
    """Months since 1970-01 of days since 1970-01-01."""
    return _lookup(
        days, lambda d: d.astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)
    )


def first_day(month: np.ndarray) -> np.ndarray:
    """Day number of the first day of months since 1970-01."""
    return _lookup(
        month, lambda m: m.astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)
    )


def year_of(days: np.ndarray) -> np.ndarray:
    """Years since 1970."""
    return _lookup(
        days, lambda d: d.astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64)
    )


def new_year(year: np.ndarray) -> np.ndarray:
    """Day number of 1 January of years since 1970."""
    return _lookup(
        year, lambda y: y.astype("datetime64[Y]").astype("datetime64[D]").astype(np.int64)
    )


def birthday(birth: np.ndarray, age: np.ndarray) -> np.ndarray:
    """Day of the ``age``-th birthday; 29 February falls on 1 March."""
    year = year_of(birth)
    return new_year(year + age) + (birth - new_year(year))

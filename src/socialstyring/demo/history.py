"""Five years of history with a season and a trend, so that the projection and its backtest
have something true to find (docs/demo.md, docs/projection.md).

New grants arrive more often after the summer holidays and in the first months of the year,
and seldom in July and December; the volume grows a few per cent a year. Start days are drawn
by inverting the cumulative arrival weight over the days, one uniform draw per grant, so the
generator's stream of draws is the same as with plain uniform start days.
"""

from __future__ import annotations

import numpy as np

from socialstyring.demo.days import month_of

# Relative arrival rate of new grants by month of year (January first).
SEASON = np.array([1.10, 1.05, 1.10, 1.00, 1.00, 0.95, 0.55, 1.15, 1.30, 1.15, 1.00, 0.65])
TREND_EXPONENT = 1 / 0.9 - 1  # arrivals' density grows as (share of the period) ** this


def arrival_weights(first: int, last: int) -> np.ndarray:
    """The arrival weight of each day number in ``[first, last]``."""
    days = np.arange(first, last + 1)
    share = (days - first + 0.5) / days.size
    return share**TREND_EXPONENT * SEASON[month_of(days) % 12]


def start_days(uniform: np.ndarray, first: int, last: int) -> np.ndarray:
    """Start day numbers for uniform draws in [0, 1): the inverse of the arrival weights'
    cumulative share."""
    cumulative = np.cumsum(arrival_weights(first, last))
    cumulative /= cumulative[-1]
    return first + np.searchsorted(cumulative, uniform, side="right").clip(0, last - first)

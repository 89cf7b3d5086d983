"""A grant's status as of a day, and whether it touches a period."""

from __future__ import annotations

import datetime as dt

import polars as pl

from socialstyring.core.grant_status import status_expr, touches_period

D = dt.date
GRANTS = pl.DataFrame(
    {
        "grant_id": ["ended", "ends-today", "open", "future", "starts-today"],
        "start": [D(2025, 1, 1), D(2026, 1, 1), D(2026, 3, 1), D(2026, 7, 1), D(2026, 5, 31)],
        "end": [D(2026, 4, 30), D(2026, 5, 31), None, D(2026, 12, 31), None],
    }
)


def test_status_as_of_the_day():
    statuses = GRANTS.with_columns(status_expr(D(2026, 5, 31)).alias("status"))
    assert dict(statuses.select("grant_id", "status").iter_rows()) == {
        "ended": "ended",
        "ends-today": "active",  # the end day is a day of the grant
        "open": "active",
        "future": "future",
        "starts-today": "active",
    }


def test_a_period_keeps_the_grants_running_on_one_of_its_days():
    def ids(first, last):
        return GRANTS.filter(touches_period(first, last))["grant_id"].to_list()

    assert ids(D(2026, 5, 1), D(2026, 5, 31)) == ["ends-today", "open", "starts-today"]
    assert ids(D(2026, 8, 1), None) == ["open", "future", "starts-today"]
    assert ids(None, D(2025, 12, 31)) == ["ended"]
    assert ids(None, None) == GRANTS["grant_id"].to_list()

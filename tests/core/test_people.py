"""Ages, birthdays, refund subjects and the run rate: the shared definitions of
docs/casework.md and docs/refunds.md, on the boundary days."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from socialstyring.core.costs import active_expr, run_rate_expr
from socialstyring.core.people import (
    age_on,
    birthday,
    refund_subject,
    refund_subject_kind,
    years_before,
)

D = dt.date


@pytest.mark.parametrize(
    ("birth", "day", "age"),
    [
        (D(2013, 5, 31), D(2026, 5, 31), 13),  # the birthday itself
        (D(2013, 6, 1), D(2026, 5, 31), 12),  # the day before
        (D(2008, 5, 31), D(2026, 5, 31), 18),
        (D(2008, 6, 1), D(2026, 5, 31), 17),
        (D(2012, 2, 29), D(2026, 2, 28), 13),  # a leap child is not older on 28 February…
        (D(2012, 2, 29), D(2026, 3, 1), 14),  # …but on 1 March
        (D(2012, 2, 29), D(2028, 2, 29), 16),  # and on its own day in a leap year
    ],
)
def test_age_on_a_day(birth, day, age):
    frame = pl.DataFrame({"birth_date": [birth]})
    assert frame.select(age_on(day)).item() == age


def test_age_is_null_without_a_birth_date():
    frame = pl.DataFrame({"birth_date": [None]}, schema={"birth_date": pl.Date})
    assert frame.select(age_on(D(2026, 5, 31))).item() is None


@pytest.mark.parametrize(
    ("birth", "years", "day"),
    [
        (D(1959, 6, 15), 67, D(2026, 6, 15)),
        (D(1960, 2, 29), 67, D(2027, 3, 1)),
        (D(1960, 2, 29), 68, D(2028, 2, 29)),
    ],
)
def test_birthday(birth, years, day):
    frame = pl.DataFrame({"b": [birth]})
    assert frame.select(birthday(pl.col("b"), years)).item() == day


def test_years_before_moves_29_february_to_28():
    assert years_before(D(2028, 2, 29), 5) == D(2023, 2, 28)
    assert years_before(D(2026, 5, 31), 5) == D(2021, 5, 31)


def test_the_refund_subject_is_the_household_for_children_and_the_citizen_for_adults():
    grants = pl.DataFrame(
        {
            "area": ["children", "children", "children", "adults"],
            "family_id": ["F-1", "F-1", None, "F-1"],
            "citizen_id": ["A", "B", "C", "D"],
        }
    )
    out = grants.select(refund_subject(), refund_subject_kind())
    assert out["subject_id"].to_list() == ["F-1", "F-1", "C", "D"]
    assert out["kind"].to_list() == ["household", "household", "household", "citizen"]


def _grant(**kw):
    base = {
        "start": D(2026, 1, 1),
        "end": None,
        "registered": None,
        "price": 100.0,
        "quantity": 2.0,
        "price_unit": "day",
    }
    base.update(kw)
    return base


@pytest.mark.parametrize(
    ("grant", "rate"),
    [
        (_grant(), 100 * 2 * 365),
        (_grant(price_unit="hour"), 100 * 2 * 365 / 7),
        (_grant(price_unit="week"), 100 * 2 * 365 / 7),
        (_grant(price_unit="month"), 100 * 2 * 12),
        (_grant(price_unit="year"), 100 * 2),
        (_grant(price_unit="once"), 0),
        (_grant(end=D(2026, 5, 31)), 100 * 2 * 365),  # ends on the day: still active
        (_grant(end=D(2026, 5, 30)), 0),
        (_grant(start=D(2026, 6, 1)), 0),  # not started
        (_grant(registered=D(2026, 6, 1)), 0),  # not known yet
    ],
)
def test_run_rate_on_the_boundary_days(grant, rate):
    frame = pl.DataFrame(
        [grant],
        schema={
            "start": pl.Date,
            "end": pl.Date,
            "registered": pl.Date,
            "price": pl.Float64,
            "quantity": pl.Float64,
            "price_unit": pl.String,
        },
    )
    day = D(2026, 5, 31)
    assert frame.select(run_rate_expr(day)).item() == pytest.approx(rate)
    assert frame.select(active_expr(day)).item() == (rate > 0)

"""Review outcomes against later imports: registered once the grants show them, waiting
until then, flagged 30 days after the review; savings from the core, never typed in."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from socialstyring.core.rules.steering import outcome_saving
from socialstyring.services.casework import reviews
from socialstyring.storage.models import CaseReview

D = dt.date
OLD = {"price": 400.0, "price_unit": "hour", "quantity": 5.0, "start": D(2020, 1, 1), "end": None}


def current(**terms) -> pl.DataFrame:
    row = {"grant_id": "G-1", "area": "adults", **OLD, **terms}
    return pl.DataFrame([row], schema_overrides={"end": pl.Date})


def review(outcome: str, reviewed: dt.date, **values) -> CaseReview:
    return CaseReview(
        grant_id="G-1",
        citizen_id="PS-1",
        reviewed_on=reviewed,
        kind="professional",
        reviewer="x",
        outcome=outcome,
        effective=reviewed,
        created_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
        **values,
    )


@pytest.mark.parametrize(
    ("reviewed", "status"),
    [(D(2026, 5, 1), reviews.FLAGGED), (D(2026, 5, 1) + dt.timedelta(days=1), reviews.WAITING)],
)
def test_an_outcome_not_in_the_grants_is_flagged_after_30_days(reviewed, status):
    today = D(2026, 5, 31) + dt.timedelta(days=1)  # 31 days after 1 May
    r = review(reviews.steering.HOURS_REDUCED, reviewed, new_quantity=3.0)
    assert reviews.registration(r, current(), today) == status
    assert reviews.registration(r, current(quantity=3.0), today) == reviews.REGISTERED


def test_closed_and_converted_are_recognised():
    today = D(2026, 6, 1)
    closed = review(reviews.steering.CLOSED, D(2026, 5, 20))
    assert reviews.registration(closed, current(end=D(2026, 5, 31)), today) == reviews.REGISTERED
    converted = review(reviews.steering.CONVERTED, D(2026, 5, 20), new_price=250.0, new_unit="")
    assert reviews.registration(converted, current(price=250.0), today) == reviews.REGISTERED
    assert reviews.registration(converted, current(), today) == reviews.WAITING


def test_savings_of_a_conversion_and_an_unchanged_case():
    # 5 hours at 400 kr. become 5 hours at 250 kr. (group sessions) from 1 September.
    this_year, per_year = outcome_saving(
        OLD, "converted", D(2026, 9, 1), D(2026, 5, 31), new_price=250.0
    )
    assert this_year == pytest.approx(150 * 5 * 122 / 7)
    assert per_year == pytest.approx(150 * 5 * 365 / 7)
    assert outcome_saving(OLD, "unchanged", D(2026, 9, 1), D(2026, 5, 31)) == (0.0, 0.0)

"""The forecast's column of decided but not registered review outcomes, by hand: a case
closed with a wind-down date in the middle of the year, hours reduced from a date, and the
column back at zero once an import shows the change."""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl
import pytest

from socialstyring.core.rules import decisions
from socialstyring.core.rules.steering import outcome_saving
from tests.core.rules.grants import grants

D = dt.date
YEAR, AS_OF = 2026, D(2026, 5, 31)


def outcomes(*rows: dict[str, Any]) -> pl.DataFrame:
    filled = [
        {name: None for name in decisions.OUTCOMES_SCHEMA}
        | {"review_id": i, "reviewed_on": D(2026, 5, 20)}
        | row
        for i, row in enumerate(rows, start=1)
    ]
    return pl.DataFrame(filled, schema=decisions.OUTCOMES_SCHEMA)


def the_grants(**changes: dict[str, Any]) -> pl.DataFrame:
    """B-1: 30.000 kr. a month on 5.28.22 since 2025; B-2: 450 kr. an hour × 10 hours a week
    on 5.38.50 from 1 April 2026; B-3: 5.38.50, no outcome."""
    rows = [
        {"account": "5.28.22", "area": "children", "price": 30000.0, "price_unit": "month"},
        {"account": "5.38.50", "price": 450.0, "quantity": 10.0, "start": D(2026, 4, 1)},
        {"account": "5.38.50", "price": 1000.0, "price_unit": "day"},
    ]
    return grants(*(row | changes.get(f"B-{i}", {}) for i, row in enumerate(rows, start=1)))


CLOSED = {
    "grant_id": "B-1",
    "outcome": "closed",
    "effective": D(2026, 6, 1),
    "wind_down": D(2026, 8, 31),
}
REDUCED = {
    "grant_id": "B-2",
    "outcome": "hours_reduced",
    "effective": D(2026, 7, 1),
    "new_quantity": 4.0,
}


def column(frame: pl.DataFrame, outs: pl.DataFrame, **options) -> dict[str, float]:
    table = decisions.decided(frame, outs, year=YEAR, as_of=AS_OF, **options)
    return dict(table.iter_rows())


def test_a_case_closed_with_wind_down_in_the_middle_of_the_year():
    # Now 12 months of 30.000 kr.; decided: to 31 August, 8 months. −4 × 30.000.
    assert column(the_grants(), outcomes(CLOSED)) == {"5.28.22": pytest.approx(-120_000.0)}


def test_hours_reduced_from_a_date():
    # 1 July – 31 December is 184 days at 4 instead of 10 hours of 450 kr. a week.
    expected = (4 - 10) * 450.0 * 184 / 7  # −70.971,43
    assert column(the_grants(), outcomes(REDUCED)) == {"5.38.50": pytest.approx(expected)}
    # The same figure as the review's own saving this year (the one rule of both).
    old = {"price": 450.0, "price_unit": "hour", "quantity": 10.0, "start": D(2026, 4, 1)}
    saved, _per_year = outcome_saving(
        old | {"end": None}, "hours_reduced", D(2026, 7, 1), AS_OF, new_quantity=4.0
    )
    assert saved == pytest.approx(-expected)


def test_the_column_goes_to_zero_once_the_import_shows_the_change():
    both = outcomes(CLOSED, REDUCED)
    assert column(the_grants(), both) == {
        "5.28.22": pytest.approx(-120_000.0),
        "5.38.50": pytest.approx(-6 * 450.0 * 184 / 7),
    }
    # A later import: B-1 ends on its wind-down day, B-2 has 4 hours a week.
    registered = the_grants(**{"B-1": {"end": D(2026, 8, 31)}, "B-2": {"quantity": 4.0}})
    assert column(registered, both) == {}
    status = decisions.statuses(both, registered, AS_OF)
    assert status["status"].to_list() == [decisions.REGISTERED] * 2
    # Once an import has seen it, it stays registered, whatever the grants say later.
    seen = both.with_columns(pl.lit(D(2026, 6, 1), pl.Date).alias("registered_on"))
    assert column(the_grants(), seen) == {}


def test_hours_reduced_registered_as_a_new_grant_ends_the_old_one():
    # The case system ends B-2 on 30 June; the 4 hours come as a grant of their own.
    ended = the_grants(**{"B-2": {"end": D(2026, 6, 30)}})
    assert decisions.statuses(outcomes(REDUCED), ended, AS_OF)["status"].item() == "registered"


def test_with_a_ledger_only_the_committed_rest_changes():
    early = REDUCED | {"effective": D(2026, 5, 1)}
    # Without a ledger, 1 May – 31 December (245 days); with one, 1 June – (214 days).
    assert column(the_grants(), outcomes(early)) == {"5.38.50": pytest.approx(-6 * 450.0 * 245 / 7)}
    assert column(the_grants(), outcomes(early), ledger=True) == {
        "5.38.50": pytest.approx(-6 * 450.0 * 214 / 7)
    }


def test_flagged_decisions_still_count_and_the_latest_review_decides():
    old_review = CLOSED | {"reviewed_on": D(2026, 3, 1)}  # 91 days ago: flagged
    status = decisions.statuses(outcomes(old_review), the_grants(), AS_OF)
    assert status["status"].item() == decisions.FLAGGED
    assert column(the_grants(), outcomes(old_review)) == {"5.28.22": pytest.approx(-120_000.0)}
    # A later review of the same grant replaces the decision; unchanged changes nothing.
    later = {"grant_id": "B-1", "outcome": "unchanged", "effective": D(2026, 5, 25)}
    assert column(the_grants(), outcomes(old_review, later | {"reviewed_on": AS_OF})) == {}
    # A review recorded after the as-of day is not known on it.
    assert column(the_grants(), outcomes(CLOSED | {"reviewed_on": D(2026, 6, 2)})) == {}


def test_a_move_to_the_adults_area_changes_no_cost():
    moved = {"grant_id": "B-1", "outcome": "moved_to_adults", "effective": D(2026, 6, 1)}
    assert column(the_grants(), outcomes(moved)) == {}
    status = decisions.statuses(outcomes(moved), the_grants(), AS_OF)
    assert status["status"].item() == decisions.WAITING


def test_grouped_by_area():
    table = decisions.decided(
        the_grants(), outcomes(CLOSED, REDUCED), year=YEAR, as_of=AS_OF, by="area"
    )
    assert table["area"].to_list() == ["adults", "children"]
    assert table["decided"].to_list() == pytest.approx([-6 * 450.0 * 184 / 7, -120_000.0])

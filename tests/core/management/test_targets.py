"""A target's status on each side of its value, before and after its date."""

from __future__ import annotations

import datetime as dt

import pytest

from socialstyring.core.management.targets import status

DUE = dt.date(2020, 12, 31)
MAY = dt.date(2020, 5, 31)


@pytest.mark.parametrize(
    "direction, figure, before, after",
    [
        ("below", 5_900_000.0, "on_track", "met"),  # seed 003: 5,9 mio. committed in May
        ("below", 6_000_000.0, "not_met", "not_met"),  # the value itself is not below
        ("below", 6_000_001.0, "not_met", "not_met"),
        ("at_most", 6_000_000.0, "on_track", "met"),
        ("at_most", 6_000_000.5, "not_met", "not_met"),
        ("at_least", 6_000_000.0, "on_track", "met"),
        ("at_least", 5_999_999.0, "not_met", "not_met"),
        ("above", 6_000_000.0, "not_met", "not_met"),
        ("above", 6_000_000.5, "on_track", "met"),
    ],
)
def test_each_side_of_the_value(direction, figure, before, after):
    assert status(direction, 6_000_000.0, DUE, figure, MAY) == before
    assert status(direction, 6_000_000.0, DUE, figure, DUE) == after  # the date itself counts
    assert status(direction, 6_000_000.0, DUE, figure, dt.date(2021, 1, 1)) == after
    assert status(direction, 6_000_000.0, DUE, figure, DUE - dt.timedelta(days=1)) == before


def test_no_figure_is_unknown():
    assert status("below", 6.0, DUE, None, MAY) == "unknown"

"""How the picture moved between two follow-ups: the change breakdown, frames only."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from socialstyring.core.changes import (
    EXPECTED,
    GRANT_FIGURES,
    account_movements,
    grant_changes,
    grant_figures,
)
from socialstyring.terms import PARTS

D = dt.date


def figures(*rows: tuple) -> pl.DataFrame:
    return pl.DataFrame(list(rows), schema=GRANT_FIGURES, orient="row")


def expected(**by_account: float) -> pl.DataFrame:
    return pl.DataFrame(
        {"account": list(by_account), "expected": list(by_account.values())}, schema=EXPECTED
    )


def effects(changes: pl.DataFrame) -> dict[tuple[str, str], float]:
    return {(r["grant_id"], r["part"]): r["effect"] for r in changes.iter_rows(named=True)}


A = figures(
    ("KEPT", "5.28.21", None, 100.0, 1000.0),
    ("ENDED", "5.28.21", None, 50.0, 500.0),
    ("EARLIER", "5.28.21", D(2026, 12, 31), 10.0, 300.0),
    ("PRICED", "5.38.50", None, 100.0, 1200.0),
    ("MOVED", "5.38.50", None, 20.0, 240.0),
)
B = figures(
    ("KEPT", "5.28.21", None, 100.0, 900.0),  # less of the year left: other
    ("NEW", "5.28.21", None, 30.0, 330.0),
    ("EARLIER", "5.28.21", D(2026, 8, 31), 10.0, 200.0),
    ("PRICED", "5.38.50", None, 150.0, 1500.0),
    ("MOVED", "5.28.22", None, 20.0, 240.0),
)


def test_each_grant_is_new_ended_repriced_or_other():
    got = effects(grant_changes(A, B))
    assert got == {
        ("NEW", "new"): 330.0,
        ("ENDED", "ended"): -500.0,
        ("EARLIER", "ended"): -100.0,
        ("PRICED", "price"): pytest.approx(500.0),  # 1500 × 50 / 150: B's volume at A's price
        ("PRICED", "other"): pytest.approx(-200.0),
        ("KEPT", "other"): -100.0,
        ("MOVED", "new"): 240.0,  # new on the new account ...
        ("MOVED", "ended"): -240.0,  # ... and gone from the old one
    }


def test_a_grant_priced_to_zero_loses_its_whole_cost_to_price():
    a = figures(("G", "5.28.21", None, 100.0, 1000.0))
    b = figures(("G", "5.28.21", None, 0.0, 0.0))
    assert effects(grant_changes(a, b)) == {("G", "price"): -1000.0}


def test_unchanged_grants_and_rounding_noise_have_no_rows():
    a = figures(("G", "5.28.21", None, 100.0, 1000.0))
    b = figures(("G", "5.28.21", None, 100.0, 1000.004))
    assert grant_changes(a, b).height == 0


def test_account_parts_are_whole_kroner_that_add_up_to_the_movement():
    changes = grant_changes(A, B)
    table = account_movements(
        expected(**{"5.28.21": 1800.4, "5.38.50": 1440.0}),
        expected(**{"5.28.21": 1430.6, "5.28.22": 240.0, "5.38.50": 1500.0}),
        changes,
    )
    assert table.columns == ["account", "expected_a", "expected_b", *PARTS]
    rows = {r.pop("account"): r for r in table.to_dicts()}
    assert list(rows) == ["5.28.21", "5.28.22", "5.38.50"]
    assert rows["5.28.21"] == {
        "expected_a": 1800,
        "expected_b": 1431,
        "new": 330,
        "ended": -600,
        "price": 0,
        "other": -99,  # the ledger and the time that passed: what the grants do not explain
    }
    assert rows["5.28.22"] == {
        "expected_a": 0,
        "expected_b": 240,
        "new": 240,
        "ended": 0,
        "price": 0,
        "other": 0,
    }
    for row in rows.values():
        assert sum(row[p] for p in PARTS) == row["expected_b"] - row["expected_a"]


def test_halves_round_to_even_like_the_figures_shown():
    a = figures(("G1", "5.28.21", None, 1.0, 0.5), ("G2", "5.28.21", None, 1.0, 1.0))
    b = figures(("G1", "5.28.21", None, 2.0, 1.0), ("G3", "5.28.21", None, 1.0, 2.5))
    table = account_movements(
        expected(**{"5.28.21": 2.5}), expected(**{"5.28.21": 3.5}), grant_changes(a, b)
    )
    row = table.row(0, named=True)
    assert (row["expected_a"], row["expected_b"]) == (2, 4)
    assert (row["new"], row["ended"], row["price"]) == (2, -1, 0)  # 2.5 → 2, 0.5 → 0
    assert row["other"] == 1


def test_two_empty_follow_ups_move_nothing():
    empty = figures()
    table = account_movements(expected(), expected(), grant_changes(empty, empty))
    assert table.height == 0 and table.columns == ["account", "expected_a", "expected_b", *PARTS]


def test_lines_without_grant_changes_move_by_other_only():
    empty = figures()
    table = account_movements(
        expected(**{"5.28.21": 100.0}), expected(**{"5.28.21": 250.0}), grant_changes(empty, empty)
    )
    assert table.row(0, named=True) == {
        "account": "5.28.21",
        "expected_a": 100,
        "expected_b": 250,
        "new": 0,
        "ended": 0,
        "price": 0,
        "other": 150,
    }


def test_grant_figures_keep_grants_with_cost_in_the_year():
    grants = pl.DataFrame(
        {
            "grant_id": ["G", "PAST"],
            "account": ["5.28.21", "5.28.21"],
            "start": [D(2026, 1, 1), D(2024, 1, 1)],
            "end": [None, D(2024, 12, 31)],
            "price": [100.0, 100.0],
            "quantity": [2.0, None],
            "price_unit": ["month", "month"],
            "registered": [D(2026, 1, 1), D(2024, 1, 1)],
        },
        schema_overrides={"end": pl.Date},
    )
    got = grant_figures(grants, 2026, D(2026, 5, 31))
    assert got.columns == list(GRANT_FIGURES)
    assert got.to_dicts() == [
        {
            "grant_id": "G",
            "account": "5.28.21",
            "end": None,
            "unit_price": 200.0,
            "expected": pytest.approx(2400.0),
        }
    ]

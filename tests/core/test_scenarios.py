"""What-if scenarios (docs/economics.md) against cases computed by hand."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from socialstyring.core import scenarios as sc
from socialstyring.core.forecast import forecast

D = dt.date
MAY_31 = D(2026, 5, 31)
SCHEMA = {
    "grant_id": pl.String,
    "citizen_id": pl.String,
    "paragraph": pl.String,
    "provider_type": pl.String,
    "account": pl.String,
    "start": pl.Date,
    "end": pl.Date,
    "price": pl.Float64,
    "price_unit": pl.String,
    "quantity": pl.Float64,
    "registered": pl.Date,
}


def grant(gid, start, end, price, unit, quantity=1.0, **extra):
    row = {
        "grant_id": gid,
        "citizen_id": "c-" + gid,
        "paragraph": "SEL § 85",
        "provider_type": "private",
        "account": "5.38.50",
        "start": start,
        "end": end,
        "price": price,
        "price_unit": unit,
        "quantity": quantity,
        "registered": None,
    }
    row.update(extra)
    return row


def frame(*rows):
    return pl.DataFrame(list(rows), schema=SCHEMA)


def run(grants, changes, year=2026, as_of=MAY_31, **kw):
    table = sc.scenario(grants, changes, year=year, as_of=as_of, **kw)
    return {r["account"]: r for r in table.iter_rows(named=True)}


def only(grants, changes, **kw):
    (line,) = run(grants, changes, **kw).values()
    return line


def where(**condition):
    expr = pl.lit(True)
    for field, value in condition.items():
        expr = expr & (pl.col(field) == value)
    return expr


def test_end_from_july_leaves_the_first_half_year():
    g = frame(grant("a", D(2025, 1, 1), None, 100.0, "day"))
    line = only(g, [sc.Change(sc.END, D(2026, 7, 1))])
    assert line["base_Y"] == pytest.approx(36_500)
    assert line["scenario_Y"] == pytest.approx(100 * 181)  # 1 January - 30 June
    assert line["base_Y1"] == pytest.approx(36_500)
    assert line["scenario_Y1"] == 0
    assert line["difference_Y"] == pytest.approx(-100 * 184)
    assert line["difference_Y1"] == pytest.approx(-36_500)


def test_end_on_the_first_of_january_removes_the_whole_year():
    g = frame(grant("a", D(2025, 3, 1), None, 12_000.0, "month"))
    line = only(g, [sc.Change(sc.END, D(2026, 1, 1))])
    assert line["base_Y"] == pytest.approx(144_000)
    assert line["scenario_Y"] == pytest.approx(0)
    assert line["scenario_Y1"] == pytest.approx(0)


def test_end_after_the_grants_own_end_changes_nothing():
    g = frame(grant("a", D(2026, 1, 1), D(2026, 3, 31), 70.0, "week"))
    line = only(g, [sc.Change(sc.END, D(2026, 7, 1))])
    assert line["base_Y"] == pytest.approx(70 * 90 / 7)
    assert line["scenario_Y"] == pytest.approx(line["base_Y"])
    assert line["difference_Y"] == pytest.approx(0)


def test_a_grant_starting_after_x_is_ended_before_it_begins():
    g = frame(grant("a", D(2026, 9, 1), None, 100.0, "day", registered=D(2026, 5, 1)))
    line = only(g, [sc.Change(sc.END, D(2026, 7, 1))])
    assert line["base_Y"] == pytest.approx(100 * 122)
    assert line["scenario_Y"] == 0 and line["scenario_Y1"] == 0


def test_tariff_change_in_a_leap_year_prices_two_pieces_by_days_of_366():
    g = frame(grant("a", D(2023, 1, 1), None, 366_000.0, "year"))
    line = only(
        g, [sc.Change(sc.TARIFF_CHANGE, D(2024, 3, 1), pct=10)], year=2024, as_of=D(2024, 2, 29)
    )
    assert line["base_Y"] == pytest.approx(366_000)
    # 60 days (31 + 29) at the old price, 306 at the new one.
    assert line["scenario_Y"] == pytest.approx(366_000 * 60 / 366 + 402_600 * 306 / 366)
    assert line["scenario_Y1"] == pytest.approx(402_600)


def test_reduce_hours_touches_only_hour_grants_that_match():
    g = frame(
        grant("h", D(2026, 1, 1), None, 500.0, "hour", 10.0),
        grant("d", D(2026, 1, 1), None, 100.0, "day"),
        grant("o", D(2026, 1, 1), None, 500.0, "hour", 10.0, paragraph="SEL § 104"),
    )
    change = sc.Change(sc.REDUCE_HOURS, D(2026, 7, 1), where(paragraph="SEL § 85"), factor=0.5)
    line = only(g, [change])
    base = 5_000 * 365 / 7 + 36_500 + 5_000 * 365 / 7
    assert line["base_Y"] == pytest.approx(base)
    assert line["difference_Y"] == pytest.approx(-2_500 * 184 / 7)
    assert line["difference_Y1"] == pytest.approx(-2_500 * 365 / 7)


def test_bring_home_moves_to_the_own_offers_price_and_unit():
    g = frame(grant("a", D(2026, 1, 1), None, 30_000.0, "month"))
    change = sc.Change(
        sc.BRING_HOME, D(2026, 7, 1), where(provider_type="private"), price=800, unit="day"
    )
    line = only(g, [change])
    assert line["scenario_Y"] == pytest.approx(6 * 30_000 + 800 * 184)
    assert line["scenario_Y1"] == pytest.approx(800 * 365)
    pieces = sc.scenario_pieces(g, [change]).sort("start")
    assert pieces["provider_type"].to_list() == ["private", "own"]
    assert pieces["end"].to_list() == [D(2026, 6, 30), None]
    assert pieces["quantity"].to_list() == [1.0, 1.0]


def test_bring_home_keeps_the_hours_when_the_unit_stays():
    g = frame(grant("a", D(2026, 1, 1), None, 700.0, "hour", 4.0))
    change = sc.Change(sc.BRING_HOME, D(2026, 1, 1), price=350, unit="hour")
    assert only(g, [change])["scenario_Y"] == pytest.approx(350 * 4 * 365 / 7)


def test_add_amount_is_spread_by_days_on_its_account():
    g = frame(grant("a", D(2026, 1, 1), None, 100.0, "day"))
    change = sc.Change(sc.ADD_AMOUNT, D(2026, 7, 1), amount=-365_000, account="5.38.99")
    lines = run(g, [change])
    assert lines["5.38.99"]["base_Y"] == 0
    assert lines["5.38.99"]["scenario_Y"] == pytest.approx(-365_000 * 184 / 365)
    assert lines["5.38.99"]["scenario_Y1"] == pytest.approx(-365_000)
    assert lines["5.38.50"]["difference_Y"] == pytest.approx(0)


def test_one_offs_are_never_cut_and_fall_by_their_day():
    g = frame(
        grant("early", D(2026, 3, 1), D(2026, 3, 1), 10_000.0, "once"),
        grant("late", D(2026, 8, 1), D(2026, 8, 1), 5_000.0, "once", registered=D(2026, 5, 1)),
    )
    assert only(g, [sc.Change(sc.END, D(2026, 7, 1))])["scenario_Y"] == pytest.approx(10_000)
    raised = only(g, [sc.Change(sc.TARIFF_CHANGE, D(2026, 7, 1), pct=20)])
    assert raised["scenario_Y"] == pytest.approx(10_000 + 6_000)


def test_grants_not_known_on_the_day_are_left_out():
    g = frame(grant("a", D(2026, 7, 1), None, 100.0, "day", registered=D(2026, 6, 15)))
    assert run(g, []) == {}


def test_changes_apply_in_order_on_the_terms_an_earlier_one_set():
    g = frame(grant("a", D(2026, 1, 1), None, 100.0, "day"))
    changes = [
        sc.Change(sc.TARIFF_CHANGE, D(2026, 4, 1), pct=50),
        sc.Change(sc.END, D(2026, 10, 1)),
    ]
    # Jan-Mar 90 days at 100, April-September 183 days at 150.
    assert only(g, changes)["scenario_Y"] == pytest.approx(9_000 + 183 * 150)


def test_with_a_ledger_the_base_is_the_forecasts_expected_figure():
    g = frame(grant("a", D(2025, 1, 1), None, 100.0, "day"))
    postings = pl.DataFrame(
        {
            "posting_id": ["p1"],
            "posting_date": [D(2026, 2, 1)],
            "account": ["5.38.50"],
            "amount": [1_000.0],
            "grant_id": ["a"],
        }
    )
    budgets = pl.DataFrame(
        {"year": [2026], "account": ["5.38.50"], "kind": ["corrected"], "amount": [50_000.0]}
    )
    line = only(g, [sc.Change(sc.END, D(2026, 7, 1))], postings=postings, budgets=budgets)
    expected = forecast(g, budgets, postings, year=2026, as_of=D(2026, 5, 31))
    assert line["base_Y"] == pytest.approx(expected["expected"][0])
    assert line["base_Y"] == pytest.approx(1_000 + 100 * 214)
    assert line["scenario_Y"] == pytest.approx(1_000 + 100 * 30)
    assert line["budget"] == 50_000


def test_totals_sum_the_lines():
    g = frame(
        grant("a", D(2026, 1, 1), None, 100.0, "day"),
        grant("b", D(2026, 1, 1), None, 100.0, "day", account="5.28.21"),
    )
    table = sc.scenario(g, [sc.Change(sc.END, D(2026, 7, 1))], year=2026, as_of=D(2026, 5, 31))
    total = sc.scenario_totals(table)
    assert total["scenario_Y"] == pytest.approx(2 * 18_100)
    assert table["account"].to_list() == ["5.28.21", "5.38.50"]

"""The cost of one grant over one period (docs/forecast.md, "Cost of one grant over a period")."""

from __future__ import annotations

import csv
import datetime as dt

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

from socialstyring import terms
from socialstyring.core import periods
from socialstyring.core.costs import cost_expr, costs_by_unit, grant_costs
from tests.helpers import EXAMPLES

D = dt.date
CORE_UNITS = terms.PRICE_UNITS.values
PRICE_UNITS = terms.PRICE_UNITS.aliases
COST_SCHEMA = {
    "start": pl.Date,
    "end": pl.Date,
    "price": pl.Float64,
    "quantity": pl.Float64,
    "price_unit": pl.String,
}


def one_grant(
    start: D, end: D | None, price: float, unit: str, quantity: float = 1.0
) -> pl.DataFrame:
    return pl.DataFrame(
        [{"start": start, "end": end, "price": price, "quantity": quantity, "price_unit": unit}],
        schema=COST_SCHEMA,
    )


def cost(grant: pl.DataFrame, first: D, last: D) -> float:
    return grant_costs(grant, first, last)["cost"][0]


def _example_rows() -> list:
    with (EXAMPLES / "enkeltbevillinger.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [pytest.param(row, id=row["tilfælde"]) for row in rows]


def test_the_example_file_has_all_its_cases():
    assert len(_example_rows()) == 11


@pytest.mark.parametrize("row", _example_rows())
def test_each_example_grant_costs_its_omkostning(row):
    grant = one_grant(
        D.fromisoformat(row["startdato"]),
        D.fromisoformat(row["slutdato"]) if row["slutdato"] else None,
        float(row["pris"]),
        PRICE_UNITS[row["prisenhed"]],
        float(row["antal"]),
    )
    got = cost(grant, D.fromisoformat(row["periode_fra"]), D.fromisoformat(row["periode_til"]))
    assert got == pytest.approx(float(row["omkostning"]), abs=0.01)


def test_all_example_rows_priced_at_once_with_per_row_periods():
    """cost_expr takes per-row period expressions (as the monthly profile uses it)."""
    rows = [p.values[0] for p in _example_rows()]
    frame = pl.DataFrame(
        {
            "start": [D.fromisoformat(r["startdato"]) for r in rows],
            "end": [D.fromisoformat(r["slutdato"]) if r["slutdato"] else None for r in rows],
            "price": [float(r["pris"]) for r in rows],
            "quantity": [float(r["antal"]) for r in rows],
            "price_unit": [PRICE_UNITS[r["prisenhed"]] for r in rows],
            "a": [D.fromisoformat(r["periode_fra"]) for r in rows],
            "b": [D.fromisoformat(r["periode_til"]) for r in rows],
        }
    )
    got = frame.select(cost_expr(pl.col("a"), pl.col("b")).alias("cost"))["cost"].to_list()
    assert got == pytest.approx([float(r["omkostning"]) for r in rows], abs=0.01)


# --- period helpers: one table over month ends, leap days and year ends -------------------


@pytest.mark.parametrize(
    ("first", "last", "days"),
    [
        (D(2026, 1, 1), D(2026, 1, 31), 31),
        (D(2026, 1, 31), D(2026, 2, 1), 2),  # month end
        (D(2026, 2, 1), D(2026, 2, 28), 28),
        (D(2024, 2, 1), D(2024, 2, 29), 29),  # leap February
        (D(2024, 2, 28), D(2024, 3, 1), 3),  # over the leap day
        (D(2023, 2, 28), D(2023, 3, 1), 2),
        (D(2025, 12, 31), D(2026, 1, 1), 2),  # year end
        (D(2024, 1, 1), D(2024, 12, 31), 366),
        (D(2025, 1, 1), D(2025, 12, 31), 365),
        (D(2026, 5, 31), D(2026, 5, 31), 1),  # one day counts
        (D(2026, 6, 1), D(2026, 5, 31), 0),  # empty period
        (D(2026, 12, 31), D(2026, 1, 1), 0),
    ],
)
def test_days_inclusive_counts_both_ends(first, last, days):
    assert periods.days_inclusive(first, last) == days
    # a day-priced grant over the same period costs exactly that many days
    assert cost(one_grant(D(2000, 1, 1), None, 10.0, "day"), first, last) == pytest.approx(
        10.0 * days
    )


@pytest.mark.parametrize(
    ("year", "month", "first", "last"),
    [
        (2026, 1, D(2026, 1, 1), D(2026, 1, 31)),
        (2026, 4, D(2026, 4, 1), D(2026, 4, 30)),
        (2024, 2, D(2024, 2, 1), D(2024, 2, 29)),
        (2023, 2, D(2023, 2, 1), D(2023, 2, 28)),
        (2000, 2, D(2000, 2, 1), D(2000, 2, 29)),  # divisible by 400: leap
        (2100, 2, D(2100, 2, 1), D(2100, 2, 28)),  # divisible by 100: not leap
        (2026, 12, D(2026, 12, 1), D(2026, 12, 31)),  # year end
    ],
)
def test_month_bounds_inclusive_are_first_and_last_day(year, month, first, last):
    assert periods.month_bounds_inclusive(year, month) == (first, last)


@pytest.mark.parametrize("year", [2023, 2024, 2026, 2100])
def test_year_bounds_are_first_of_january_and_new_years_eve(year):
    assert periods.year_start(year) == D(year, 1, 1)
    assert periods.year_end_inclusive(year) == D(year, 12, 31)


@pytest.mark.parametrize(
    ("unit", "first", "last", "expected"),
    [
        ("month", D(2024, 2, 29), D(2024, 2, 29), 2900.0 / 29),  # the leap day is 1/29 of February
        ("month", D(2023, 2, 28), D(2023, 2, 28), 2900.0 / 28),
        ("month", D(2026, 1, 31), D(2026, 2, 1), 2900.0 / 31 + 2900.0 / 28),  # month end
        ("month", D(2025, 12, 31), D(2026, 1, 1), 2900.0 / 31 * 2),  # year end
        ("month", D(2026, 1, 1), D(2026, 3, 31), 3 * 2900.0),
        ("month", D(2026, 1, 16), D(2026, 3, 15), 2900.0 * (16 / 31 + 1 + 15 / 31)),
        ("year", D(2024, 2, 29), D(2024, 2, 29), 2900.0 / 366),
        ("year", D(2025, 2, 28), D(2025, 2, 28), 2900.0 / 365),
        ("year", D(2024, 12, 31), D(2025, 1, 1), 2900.0 / 366 + 2900.0 / 365),
        ("year", D(2023, 7, 1), D(2025, 6, 30), 2900.0 * (184 / 365 + 1 + 181 / 365)),
        ("week", D(2026, 1, 1), D(2026, 1, 14), 2 * 2900.0),
        ("hour", D(2024, 2, 23), D(2024, 3, 1), 2900.0 * 8 / 7),  # antal = hours per week
        ("day", D(2024, 2, 28), D(2024, 3, 1), 3 * 2900.0),
    ],
)
def test_periodic_units_price_month_ends_leap_days_and_year_ends(unit, first, last, expected):
    assert cost(one_grant(D(2020, 1, 1), None, 2900.0, unit), first, last) == pytest.approx(
        expected, rel=1e-12
    )


def test_quantity_multiplies_the_price():
    single = cost(one_grant(D(2026, 1, 1), None, 700.0, "week"), D(2026, 1, 1), D(2026, 1, 7))
    triple = cost(one_grant(D(2026, 1, 1), None, 700.0, "week", 3.0), D(2026, 1, 1), D(2026, 1, 7))
    assert (single, triple) == (pytest.approx(700.0), pytest.approx(2100.0))


def test_cost_only_counts_the_overlap_with_the_grant():
    grant = one_grant(D(2026, 3, 10), D(2026, 3, 19), 100.0, "day")
    assert cost(grant, D(2026, 1, 1), D(2026, 12, 31)) == pytest.approx(1000.0)
    assert cost(grant, D(2026, 3, 15), D(2026, 12, 31)) == pytest.approx(500.0)
    assert cost(grant, D(2026, 3, 20), D(2026, 12, 31)) == 0.0
    assert cost(grant, D(2026, 1, 1), D(2026, 3, 9)) == 0.0


def test_an_open_ended_grant_runs_to_the_end_of_the_period():
    grant = one_grant(D(2026, 12, 1), None, 100.0, "day")
    assert cost(grant, D(2026, 1, 1), D(2026, 12, 31)) == pytest.approx(3100.0)
    assert cost(grant, D(2027, 1, 1), D(2027, 1, 31)) == pytest.approx(3100.0)


def test_a_one_off_is_paid_only_in_the_period_holding_its_start():
    grant = one_grant(D(2026, 5, 31), D(2026, 12, 31), 45000.0, "once")
    assert cost(grant, D(2026, 5, 31), D(2026, 5, 31)) == 45000.0
    assert cost(grant, D(2026, 6, 1), D(2026, 12, 31)) == 0.0  # runs on, but was paid at start
    assert cost(grant, D(2026, 1, 1), D(2026, 5, 30)) == 0.0


def test_an_empty_period_costs_nothing_for_every_unit():
    for unit in CORE_UNITS:
        grant = one_grant(D(2026, 1, 1), None, 500.0, unit)
        assert cost(grant, D(2026, 6, 2), D(2026, 6, 1)) == 0.0, unit


def test_grant_costs_adds_a_cost_column_and_keeps_the_rest():
    grants = pl.concat(
        [one_grant(D(2026, 1, 1), None, 10.0, "day"), one_grant(D(2026, 1, 1), None, 20.0, "day")]
    )
    priced = grant_costs(
        grants.with_columns(pl.Series("grant_id", ["a", "b"])), D(2026, 1, 1), D(2026, 1, 10)
    )
    assert priced.columns == ["start", "end", "price", "quantity", "price_unit", "grant_id", "cost"]
    assert priced["cost"].to_list() == [100.0, 200.0]
    assert priced.schema["cost"] == pl.Float64


# --- properties ------------------------------------------------------------------------------
# Each example is a batch of grants, each with its own periods, priced in one polars call
# through per-row period expressions.

DAY0 = D(2019, 1, 1)
days_from_day0 = st.integers(0, 13 * 366)
prices = st.floats(0, 2_000_000, allow_nan=False, allow_infinity=False)
quantities = st.floats(0, 60, allow_nan=False, allow_infinity=False)
units = st.sampled_from(CORE_UNITS)
lengths = st.integers(0, 800)


def day(n: int) -> D:
    return DAY0 + dt.timedelta(days=n)


@st.composite
def grant_rows(draw, unit=units):
    start = draw(days_from_day0)
    duration = draw(st.none() | st.integers(0, 3 * 366))
    return {
        "start": day(start),
        "end": None if duration is None else day(start + duration),
        "price": draw(prices),
        "quantity": draw(quantities),
        "price_unit": draw(unit),
        "a": day(draw(days_from_day0)),
        "first_len": draw(lengths),
        "second_len": draw(lengths),
    }


def batch(rows: list[dict]) -> pl.DataFrame:
    """Grants with periods a ≤ b < b + 1 ≤ c."""
    frame = pl.DataFrame(
        rows, schema={**COST_SCHEMA, "a": pl.Date, "first_len": pl.Int64, "second_len": pl.Int64}
    )
    return frame.with_columns(
        (pl.col("a") + pl.duration(days=pl.col("first_len"))).alias("b"),
    ).with_columns(
        (pl.col("b") + pl.duration(days=1)).alias("b1"),
        (pl.col("b") + pl.duration(days=pl.col("second_len") + 1)).alias("c"),
    )


PROPERTIES = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTIES
@given(rows=st.lists(grant_rows(), min_size=1, max_size=40))
def test_cost_is_additive_over_adjacent_periods(rows):
    got = batch(rows).select(
        cost_expr(pl.col("a"), pl.col("b")).alias("first"),
        cost_expr(pl.col("b1"), pl.col("c")).alias("second"),
        cost_expr(pl.col("a"), pl.col("c")).alias("whole"),
    )
    for first, second, whole in got.iter_rows():
        assert first + second == pytest.approx(whole, rel=1e-6, abs=1e-6)


@PROPERTIES
@given(rows=st.lists(grant_rows(unit=st.just("once")), min_size=1, max_size=40))
def test_a_one_off_is_additive_too_and_counted_exactly_once(rows):
    frame = batch(rows)
    got = frame.select(
        cost_expr(pl.col("a"), pl.col("b")).alias("first"),
        cost_expr(pl.col("b1"), pl.col("c")).alias("second"),
        cost_expr(pl.col("a"), pl.col("c")).alias("whole"),
    )
    for row, (first, second, whole) in zip(
        frame.iter_rows(named=True), got.iter_rows(), strict=True
    ):
        paid = row["price"] * row["quantity"] if row["a"] <= row["start"] <= row["c"] else 0.0
        assert first + second == whole == paid
        assert 0.0 in (first, second)


@PROPERTIES
@given(rows=st.lists(grant_rows(), min_size=1, max_size=40))
def test_cost_is_never_negative(rows):
    frame = batch(rows)
    got = frame.select(
        cost_expr(pl.col("a"), pl.col("c")).alias("forward"),
        cost_expr(pl.col("c"), pl.col("a")).alias("backward"),  # empty unless a == c
    )
    assert got["forward"].min() >= 0.0
    for row, backward in zip(frame.iter_rows(named=True), got["backward"], strict=True):
        assert backward >= 0.0
        if row["c"] > row["a"]:
            assert backward == 0.0


@PROPERTIES
@given(
    year=st.integers(2019, 2031),
    month=st.integers(1, 12),
    before=lengths,
    after=st.none() | lengths,
    price=prices,
    quantity=quantities,
)
def test_a_month_priced_grant_over_a_whole_month_costs_price_times_quantity(
    year, month, before, after, price, quantity
):
    first, last = periods.month_bounds_inclusive(year, month)
    end = None if after is None else last + dt.timedelta(days=after)
    grant = one_grant(first - dt.timedelta(days=before), end, price, "month", quantity)
    assert cost(grant, first, last) == price * quantity
    # and a grant of exactly that month, seen through a wider period
    exact = one_grant(first, last, price, "month", quantity)
    assert (
        cost(exact, first - dt.timedelta(days=before), last + dt.timedelta(days=after or 0))
        == price * quantity
    )


@PROPERTIES
@given(year=st.integers(2019, 2031), before=lengths, after=st.none() | lengths, price=prices)
def test_a_year_priced_grant_over_a_whole_year_costs_its_price(year, before, after, price):
    first, last = periods.year_start(year), periods.year_end_inclusive(year)
    end = None if after is None else last + dt.timedelta(days=after)
    grant = one_grant(first - dt.timedelta(days=before), end, price, "year")
    assert cost(grant, first, last) == price
    exact = one_grant(first, last, price, "year")
    assert (
        cost(exact, first - dt.timedelta(days=before), last + dt.timedelta(days=after or 0))
        == price
    )


@PROPERTIES
@given(
    rows=st.lists(
        grant_rows(unit=st.sampled_from(["day", "week", "hour"])), min_size=1, max_size=40
    )
)
def test_daily_weekly_and_hourly_costs_are_linear_in_covered_days(rows):
    frame = batch(rows)
    got = frame.select(cost_expr(pl.col("a"), pl.col("c")))
    for row, value in zip(frame.iter_rows(named=True), got.to_series(), strict=True):
        covered = periods.days_inclusive(
            max(row["a"], row["start"]), min(row["c"], row["end"] or row["c"])
        )
        per_day = row["price"] * row["quantity"] / (1.0 if row["price_unit"] == "day" else 7.0)
        assert value == pytest.approx(per_day * covered, rel=1e-9, abs=1e-9)


@PROPERTIES
@given(
    rows=st.lists(grant_rows(unit=units | st.sampled_from([None, "fortnight"])), max_size=40),
    first=days_from_day0,
    length=lengths,
)
def test_costs_by_unit_give_the_costs_of_cost_expr(rows, first, length):
    """The forecast prices each unit's rows apart (faster); every row's figure is the same
    (polars may round the last bit of a division differently), also for a missing or
    unknown unit (0)."""
    frame = batch(rows).with_row_index("row")
    a, b = day(first), day(first + length)
    periods = {"whole": (a, b), "empty": (b, a)}
    expected = frame.select("row", cost_expr(a, b).alias("whole"), cost_expr(b, a).alias("empty"))
    got = costs_by_unit(frame.lazy(), periods).collect().select("row", "whole", "empty")
    assert_frame_equal(got.sort("row"), expected, rel_tol=1e-12, abs_tol=1e-12)

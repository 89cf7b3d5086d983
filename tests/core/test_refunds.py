"""The refund of docs/refunds.md on its worked examples and boundary days."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from socialstyring.core.refunds import (
    NoThresholdLevel,
    refunds,
    thresholds_for,
    tier_refund,
)
from socialstyring.reference import refund_thresholds

D = dt.date
LEVEL_2022 = thresholds_for(refund_thresholds(), 2022)
AS_OF = D(2026, 5, 31)


def grant(**values) -> dict:
    row = {
        "grant_id": "B-1",
        "citizen_id": "P-1",
        "family_id": None,
        "birth_date": None,
        "area": "children",
        "account": "5.28.20",
        "start": D(2026, 1, 1),
        "end": None,
        "price": 208_333.33,
        "quantity": 1.0,
        "price_unit": "month",
        "registered": D(2026, 1, 1),
    }
    row.update(values)
    return row


def frame(*rows: dict) -> pl.DataFrame:
    return pl.DataFrame(
        list(rows),
        schema={
            "grant_id": pl.String,
            "citizen_id": pl.String,
            "family_id": pl.String,
            "birth_date": pl.Date,
            "area": pl.String,
            "account": pl.String,
            "start": pl.Date,
            "end": pl.Date,
            "price": pl.Float64,
            "quantity": pl.Float64,
            "price_unit": pl.String,
            "registered": pl.Date,
        },
    )


def run(*rows: dict, year: int = 2026, as_of: dt.date = AS_OF, level=LEVEL_2022):
    return refunds(frame(*rows), level, year=year, as_of=as_of)


def refund_of(result, subject: str) -> float:
    row = result.subjects.filter(pl.col("subject_id") == subject)
    return float(row["refund"][0]) if row.height else 0.0


# --- the worked examples ----------------------------------------------------------------


def test_2_5_million_evenly_gives_710_000():
    result = run(grant())
    assert refund_of(result, "P-1") == pytest.approx(710_000, abs=0.5)
    row = result.subjects.row(0, named=True)
    assert row["monthly_refund"][0] == pytest.approx(59_166.67, abs=0.01)
    assert len(row["monthly_refund"]) == 12
    assert row["annual_expense"] == pytest.approx(2_500_000, abs=0.5)
    assert row["kind"] == "household"
    assert row["grant_ids"] == ["B-1"]


@pytest.mark.parametrize(("yearly", "expected"), [(1_200_000, 85_000), (890_000, 7_500)])
def test_evenly_spread_yearly_sums(yearly, expected):
    result = run(grant(price=yearly / 12, area="adults"))
    assert refund_of(result, "P-1") == pytest.approx(expected, abs=0.5)
    assert result.subjects["kind"][0] == "citizen"


def test_six_months_from_1_july_counts_month_by_month():
    result = run(grant(start=D(2026, 7, 1)))
    assert refund_of(result, "P-1") == pytest.approx(355_000, abs=0.5)
    assert result.subjects["monthly_refund"][0][:6].to_list() == [0.0] * 6
    # The same expense as one yearly sum against the annual thresholds gives 97.500 kr.
    yearly = pl.select(tier_refund(pl.lit(1_250_000.0), LEVEL_2022.limits, LEVEL_2022.rates))
    assert yearly.item() == pytest.approx(97_500)


def test_two_children_of_one_household_are_summed():
    result = run(
        grant(
            grant_id="B-7", citizen_id="C-2", family_id="F-12", price=1_200_000.0, price_unit="year"
        ),
        grant(
            grant_id="B-1",
            citizen_id="C-1",
            family_id="F-12",
            price=1_200_000.0,
            price_unit="year",
            account="5.28.21",
        ),
    )
    assert result.subjects.height == 1
    row = result.subjects.row(0, named=True)
    assert row["subject_id"] == "F-12"
    assert row["grant_ids"] == ["B-1", "B-7"]
    assert row["refund"] == pytest.approx(635_000, abs=0.5)
    accounts = dict(result.accounts.iter_rows())
    assert accounts == pytest.approx({"5.28.20": 317_500, "5.28.21": 317_500}, abs=0.5)


def test_adults_grants_are_the_citizens_even_with_a_family():
    result = run(
        grant(
            grant_id="V-1",
            citizen_id="A",
            family_id="F-1",
            area="adults",
            price=1_200_000.0,
            price_unit="year",
        ),
        grant(
            grant_id="V-2",
            citizen_id="B",
            family_id="F-1",
            area="adults",
            price=1_200_000.0,
            price_unit="year",
        ),
    )
    assert sorted(result.subjects["subject_id"]) == ["A", "B"]
    assert result.total["refund"] == pytest.approx(170_000, abs=1)


# --- one-offs, known grants, accounts --------------------------------------------------


def test_a_one_off_is_spread_over_its_year():
    result = run(grant(price=2_500_000.0, price_unit="once", start=D(2026, 11, 20)))
    assert refund_of(result, "P-1") == pytest.approx(710_000, abs=0.5)
    # A one-off starting in another year adds nothing.
    assert run(
        grant(price=2_500_000.0, price_unit="once", start=D(2025, 12, 31))
    ).subjects.is_empty()


def test_grants_registered_after_the_as_of_day_are_not_known():
    result = run(grant(), grant(grant_id="B-2", registered=D(2026, 6, 1)))
    assert refund_of(result, "P-1") == pytest.approx(710_000, abs=0.5)
    assert result.subjects["grant_ids"][0].to_list() == ["B-1"]


def test_each_months_refund_is_shared_by_that_months_expense():
    # 5.28.20 runs all year, 5.28.21 only in December: December's refund is shared.
    result = run(
        grant(price=150_000.0),
        grant(grant_id="B-2", account="5.28.21", price=150_000.0, start=D(2026, 12, 1)),
    )
    level = LEVEL_2022.monthly
    one = 0.25 * (level[1] - level[0]) + 0.5 * (150_000 - level[1])
    december = (
        0.25 * (level[1] - level[0]) + 0.5 * (level[2] - level[1]) + 0.75 * (300_000 - level[2])
    )
    accounts = dict(result.accounts.iter_rows())
    assert accounts["5.28.20"] == pytest.approx(11 * one + december / 2)
    assert accounts["5.28.21"] == pytest.approx(december / 2)
    assert result.total["refund"] == pytest.approx(11 * one + december)


# --- close to a threshold -------------------------------------------------------------


@pytest.mark.parametrize(
    ("yearly", "tier"),
    [(774_000, 1), (773_999, None), (859_999, 1), (1_512_000, 2), (1_908_000, 3), (2_119_000, 3)],
)
def test_near_threshold(yearly, tier):
    result = run(grant(price=yearly / 12))
    rows = result.subjects
    if tier is None:
        assert rows.is_empty()
    else:
        assert rows["near_threshold"][0] == tier


def test_a_subject_exactly_at_t1_is_neither_refunded_nor_near():
    assert run(grant(price=860_000 / 12)).subjects.is_empty()
    # A yearly price follows the days: January's 31/365 of it is above t1, February's not.
    days = run(grant(price=860_000.0, price_unit="year")).subjects
    assert days["monthly_refund"][0][1] == 0.0 and days["monthly_refund"][0][0] > 0


# --- subjects skipped early: no month can exceed 0,9 × t1 -----------------------------


def test_a_short_expensive_grant_below_t1_a_year_is_refunded_in_its_month():
    # 100.000 kr. in ten March days: far below T1 over the year, above t1 in March.
    result = run(grant(price=10_000.0, price_unit="day", start=D(2026, 3, 1), end=D(2026, 3, 10)))
    months = result.subjects["monthly_refund"][0].to_list()
    assert months[2] == pytest.approx(0.25 * (100_000 - T1_MONTHLY), abs=0.01)
    assert sum(months) == pytest.approx(months[2])


def test_many_small_grants_of_one_subject_are_summed_before_the_bound():
    small = [grant(grant_id=f"B-{i}", price=6_000.0) for i in range(12)]  # 72.000 kr. a month
    result = run(*small)
    assert refund_of(result, "P-1") == pytest.approx(12 * 0.25 * (72_000 - T1_MONTHLY), abs=0.5)
    assert len(result.subjects["grant_ids"][0]) == 12


def test_a_negative_grant_does_not_hide_a_refunded_month():
    # The correction lowers only July; the other months stay above t1 and are refunded.
    result = run(
        grant(grant_id="B-1", price=100_000.0),
        grant(grant_id="B-2", price=-90_000.0, start=D(2026, 7, 1), end=D(2026, 7, 31)),
    )
    months = result.subjects["monthly_refund"][0].to_list()
    assert months[6] == 0.0
    assert months[0] == pytest.approx(0.25 * (100_000 - T1_MONTHLY), abs=0.01)


T1_MONTHLY = LEVEL_2022.monthly[0]


# --- after 67 ---------------------------------------------------------------------------


def elderly(birth: dt.date, pre_month_price: float) -> list[dict]:
    """A citizen at 208.333,33 kr. a month from the 67th birthday's month on, and one
    month-priced grant covering only the month before that month."""
    from socialstyring.core.people import birthday

    b67 = pl.select(birthday(pl.lit(birth), 67)).item()
    month_first = b67.replace(day=1)
    pre_last = month_first - dt.timedelta(days=1)
    pre_first = pre_last.replace(day=1)
    return [
        grant(
            grant_id="V-1",
            area="adults",
            birth_date=birth,
            account="5.38.50",
            start=month_first,
            registered=pre_first,
        ),
        grant(
            grant_id="V-0",
            area="adults",
            birth_date=birth,
            account="5.38.50",
            start=pre_first,
            end=pre_last,
            price=pre_month_price,
            registered=pre_first,
        ),
    ]


T1 = LEVEL_2022.monthly[0]
FULL_MONTH = 59_166.66  # the refund of a month at 208.333,33 kr.


def test_after_67_the_refund_stops_unless_the_month_before_was_above_t1():
    # 67 on 15 June 2026: June is before 67 (its 1st is), July onward after; the month
    # before the birthday's month is May.
    result = run(*elderly(D(1959, 6, 15), pre_month_price=T1))  # exactly t1: not above
    row = result.subjects.row(0, named=True)
    assert row["monthly_refund"][4:6] == [0.0, pytest.approx(FULL_MONTH, abs=0.01)]
    assert row["monthly_refund"][6:] == [0.0] * 6
    assert (row["after_67_from"], row["after_67_refunded"]) == (7, False)
    result = run(*elderly(D(1959, 6, 15), pre_month_price=T1 + 0.01))
    row = result.subjects.row(0, named=True)
    assert row["monthly_refund"][6:] == [pytest.approx(FULL_MONTH, abs=0.01)] * 6
    assert row["after_67_refunded"] is True


def test_a_birthday_on_the_1st_makes_its_own_month_after_67():
    # 67 on 1 June 2026: June is after 67 and the month before is May.
    assert run(*elderly(D(1959, 6, 1), pre_month_price=0.0)).subjects.is_empty()
    kept = run(*elderly(D(1959, 6, 1), pre_month_price=T1 + 0.01)).subjects
    assert kept["after_67_from"][0] == 6
    assert kept["refund"][0] == pytest.approx(7 * FULL_MONTH, abs=0.1)
    # One day later, June is before 67 and keeps its refund.
    later = run(*elderly(D(1959, 6, 2), pre_month_price=0.0)).subjects
    assert later["after_67_from"][0] == 7
    assert later["refund"][0] == pytest.approx(FULL_MONTH, abs=0.01)


def test_a_29_february_child_turns_67_on_1_march():
    # Born 29 February 1960: 67 on 1 March 2027 (not a leap year), so March is after 67
    # and February 2027 is the month before.
    rows = elderly(D(1960, 2, 29), pre_month_price=T1 + 0.01)
    assert rows[1]["start"] == D(2027, 2, 1)
    result = run(*rows, year=2027, as_of=D(2027, 5, 31)).subjects
    assert result["after_67_from"][0] == 3
    assert result["refund"][0] == pytest.approx(10 * FULL_MONTH, abs=0.1)
    rows = elderly(D(1960, 2, 29), pre_month_price=T1)
    assert run(*rows, year=2027, as_of=D(2027, 5, 31)).subjects.is_empty()


def test_the_month_before_may_lie_years_before():
    # 67 on 10 March 2020; the month before is February 2020, long before 2026.
    kept = run(*elderly(D(1953, 3, 10), pre_month_price=200_000.0))
    assert kept.subjects["after_67_from"][0] == 1
    assert kept.subjects["refund"][0] == pytest.approx(710_000, abs=0.5)
    lost = run(*elderly(D(1953, 3, 10), pre_month_price=50_000.0))
    assert lost.subjects.is_empty()


def test_a_one_off_before_67_is_spread_over_its_own_year():
    birth = D(1953, 3, 10)  # the month before: February 2020
    rows = [
        grant(grant_id="V-1", area="adults", birth_date=birth),
        grant(
            grant_id="V-0",
            area="adults",
            birth_date=birth,
            price=12 * T1 + 12.0,
            price_unit="once",
            start=D(2020, 11, 5),
            registered=D(2020, 11, 5),
        ),
    ]
    assert run(*rows).subjects["refund"][0] == pytest.approx(710_000, abs=0.5)
    rows[1]["price"] = 12 * T1
    assert run(*rows).subjects.is_empty()


def test_without_a_birth_date_a_citizen_is_under_67():
    result = run(grant(area="adults", birth_date=None))
    assert result.subjects["refund"][0] == pytest.approx(710_000, abs=0.5)
    assert result.subjects["after_67_from"][0] is None


def test_the_children_area_has_no_after_67_rule():
    result = run(grant(birth_date=D(1950, 1, 1)))
    assert result.subjects["refund"][0] == pytest.approx(710_000, abs=0.5)


# --- threshold levels -----------------------------------------------------------------


def test_a_year_without_its_own_level_uses_the_latest_earlier_complete_one():
    table = refund_thresholds()
    assert thresholds_for(table, 2026).level == 2022
    assert thresholds_for(table, 2026).is_fallback
    assert thresholds_for(table, 2022).is_fallback is False
    assert thresholds_for(table, 2021).limits == (850_000, 1_660_000, 2_090_000)
    # 2020 has only two tiers, so there is no complete level for 2020.
    with pytest.raises(NoThresholdLevel):
        thresholds_for(table, 2020)


def test_a_later_incomplete_level_is_passed_over():
    table = pl.concat(
        [
            refund_thresholds(),
            pl.DataFrame(
                {
                    "price_level": [2025],
                    "scheme": ["x"],
                    "tier": [1],
                    "threshold": [900_000.0],
                    "rate": [0.25],
                    "source": ["test"],
                }
            ),
        ]
    )
    assert thresholds_for(table, 2026).level == 2022


# --- the fast monthly expense is the cost rule -------------------------------------------


def test_the_twelve_month_columns_equal_the_cost_rule_month_by_month():
    """Each unit, spans starting and ending inside, before and after the year, a leap
    year: the day-rate columns give what ``cost_expr`` gives over each month."""
    from socialstyring.core.periods import month_bounds_inclusive
    from socialstyring.core.refunds.months import MONTH_COLUMNS, month_expense, rates, year_months

    spans = [
        (D(2023, 3, 5), None),
        (D(2024, 2, 10), D(2024, 2, 20)),
        (D(2024, 1, 31), D(2024, 3, 1)),
        (D(2023, 12, 31), D(2025, 1, 1)),
        (D(2024, 7, 15), D(2024, 12, 31)),
        (D(2025, 1, 1), None),
        (D(2020, 1, 1), D(2023, 12, 31)),
    ]
    units = ("day", "week", "hour", "month", "year", "once")
    rows = [
        grant(grant_id=f"{u}-{i}", start=s, end=e, price=1234.5, quantity=2.5, price_unit=u)
        for u in units
        for i, (s, e) in enumerate(spans)
    ]
    year = 2024
    fast = frame(*rows).with_columns(rates(year)).with_columns(year_months(year))
    rule = frame(*rows).with_columns(
        month_expense(*month_bounds_inclusive(year, m), year).alias(c)
        for m, c in zip(range(1, 13), MONTH_COLUMNS, strict=True)
    )
    for column in MONTH_COLUMNS:
        assert fast[column].to_list() == pytest.approx(rule[column].to_list(), rel=1e-12)

"""The three § 85 rules against hand-computed cases, on their boundary days: exactly five
years, 31 against 32 days between grants, exactly one hour a week."""

from __future__ import annotations

import datetime as dt

import pytest

from socialstyring import reference
from socialstyring.core.rules import RuleResult, evaluate, parse_rule
from tests.core.rules.grants import grants

D = dt.date
AS_OF = D(2026, 5, 31)
BUILT_IN = {r["code"]: parse_rule(r) for r in reference.focus_rules()}


def run(code: str, frame, as_of: dt.date = AS_OF) -> RuleResult:
    (result,) = evaluate(frame, [BUILT_IN[code]], as_of, thresholds=reference.refund_thresholds())
    return result


def hits(result: RuleResult) -> dict[str, tuple[list[str], str]]:
    return {h["subject_id"]: (h["grant_ids"], h["reason"]) for h in result.hits.to_dicts()}


@pytest.mark.parametrize(
    ("start", "hit"),
    [
        (D(2021, 5, 31), False),  # exactly five years before: not more than five
        (D(2021, 5, 30), True),  # one day more
    ],
)
def test_over_5_years_boundary(start, hit):
    result = run("sel85_over_5_years", grants({"start": start, "price_unit": "month"}))
    assert result.count == (1 if hit else 0)


def test_over_5_years_on_29_february():
    # D − 5 years of 29-02-2028 is 28-02-2023: a course from 28-02-2023 is exactly five years.
    at = D(2028, 2, 29)
    assert run("sel85_over_5_years", grants({"start": D(2023, 2, 28)}), at).count == 0
    assert run("sel85_over_5_years", grants({"start": D(2023, 2, 27)}), at).count == 1


@pytest.mark.parametrize(("gap_start", "hit"), [(D(2021, 7, 31), True), (D(2021, 8, 1), False)])
def test_a_renewal_31_days_after_the_end_continues_the_course_32_does_not(gap_start, hit):
    frame = grants(
        {"start": D(2020, 1, 1), "end": D(2021, 6, 30), "price_unit": "month"},
        # 30-06 → 31-07 is 31 days; → 01-08 is 32 (and a course from then is under 5 years).
        {"start": gap_start, "price_unit": "hour", "quantity": 3.0},
    )
    result = run("sel85_over_5_years", frame)
    assert result.count == (1 if hit else 0)
    if hit:
        assert hits(result) == {"P-1": (["B-2"], "SEL § 85 i 6 år og 4 måneder")}


def test_the_course_follows_the_latest_end_so_far_and_open_ended_never_ends():
    frame = grants(
        {"start": D(2019, 1, 1), "price_unit": "month"},  # open-ended, still running
        {"start": D(2019, 6, 1), "end": D(2019, 7, 1)},
        {"start": D(2024, 1, 1), "end": D(2026, 12, 31)},  # years after B-2 ended
        {"start": D(2020, 1, 1), "price_unit": "once"},  # one-offs are in no course
        {"start": D(2018, 1, 1), "end": D(2026, 1, 1), "paragraph": "SEL § 107"},
    )
    result = run("sel85_over_5_years", frame)
    assert hits(result) == {"P-1": (["B-1", "B-3"], "SEL § 85 i 7 år og 4 måneder")}


def test_a_grant_not_yet_known_is_in_no_course():
    frame = grants(
        {"start": D(2019, 1, 1), "end": D(2021, 6, 1), "registered": D(2026, 6, 1)},
        {"start": D(2021, 6, 15)},
    )
    assert run("sel85_over_5_years", frame).count == 0  # the course starts 15-06-2021
    frame = frame.with_columns(registered=None)
    assert run("sel85_over_5_years", frame).count == 1


def test_duration_texts():
    one_year = grants({"start": D(2020, 5, 31)})
    assert hits(run("sel85_over_5_years", one_year))["P-1"][1] == "SEL § 85 i 6 år"
    eleven = grants({"start": D(2015, 6, 30)})
    assert hits(run("sel85_over_5_years", eleven))["P-1"][1] == "SEL § 85 i 10 år og 11 måneder"


def test_over_5_years_totals_are_this_year_and_the_run_rate():
    frame = grants(
        {"start": D(2020, 1, 1), "price_unit": "month", "price": 10_000.0},
        {"citizen_id": "P-2", "start": D(2024, 1, 1), "price_unit": "month", "price": 99.0},
    )
    result = run("sel85_over_5_years", frame)
    assert result.count == 1
    assert result.cost_this_year == pytest.approx(120_000.0)
    assert result.run_rate == pytest.approx(120_000.0)
    assert result.skipped_without_birth_date == 0


@pytest.mark.parametrize(
    ("quantities", "hit", "reason"),
    [
        ((10.0,), True, "10 timer om ugen (SEL § 85)"),  # exactly min_hours
        ((9.75,), False, None),
        ((6.0, 6.5), True, "12,5 timer om ugen (SEL § 85)"),
    ],
)
def test_most_hours(quantities, hit, reason):
    frame = grants(
        *({"quantity": q} for q in quantities), {"quantity": 50.0, "end": D(2026, 5, 30)}
    )
    result = run("sel85_most_hours", frame)
    assert result.count == (1 if hit else 0)
    if hit:
        grant_ids = [f"B-{i}" for i in range(1, len(quantities) + 1)]
        assert hits(result) == {"P-1": (grant_ids, reason)}
        assert result.run_rate == pytest.approx(500.0 * sum(quantities) * 365 / 7)


def test_most_hours_counts_hour_grants_only_and_reads_its_parameter():
    frame = grants({"quantity": 12.0, "price_unit": "week"}, {"quantity": 4.0})
    assert run("sel85_most_hours", frame).count == 0
    rule = parse_rule({**BUILT_IN["sel85_most_hours"].as_json(), "parameters": {"min_hours": 4}})
    (result,) = evaluate(frame, [rule], AS_OF)
    assert hits(result) == {"P-1": (["B-2"], "4 timer om ugen (SEL § 85)")}


@pytest.mark.parametrize(
    ("quantity", "start", "reason"),
    [
        (1.0, D(2024, 2, 28), "1 time om ugen i 2 år og 3 måneder"),  # exactly 1 hour
        (0.5, D(2025, 5, 30), "0,5 timer om ugen i 1 år"),
        (1.25, D(2024, 2, 28), None),  # more than 1 hour
        (0.0, D(2024, 2, 28), None),  # no hours at all
        (1.0, D(2025, 5, 31), None),  # exactly one year
    ],
)
def test_one_hour_over_1_year(quantity, start, reason):
    result = run("sel85_one_hour_over_1_year", grants({"quantity": quantity, "start": start}))
    assert hits(result) == ({"P-1": (["B-1"], reason)} if reason else {})


def test_one_hour_counts_the_whole_course_not_only_the_hour_grants():
    frame = grants(
        {"start": D(2023, 1, 1), "end": D(2025, 1, 1), "price_unit": "month"},
        {"start": D(2025, 1, 20), "quantity": 1.0},  # 19 days after: the same course
    )
    result = run("sel85_one_hour_over_1_year", frame)
    assert hits(result) == {"P-1": (["B-2"], "1 time om ugen i 3 år og 4 måneder")}

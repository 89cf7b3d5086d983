"""The reversal rate: Ankestyrelsen's own example, rejected and pending appeals, groups."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from socialstyring.core.management.appeals import appeal_groups, appeal_total, yearly_rates

DAY = dt.date(2025, 6, 15)


def _cases(outcome, count, *, area="children", paragraph="BL § 46", team="Nord", day=DAY):
    return [
        {
            "case_id": f"{outcome}-{area}-{paragraph}-{day}-{i}",
            "area": area,
            "paragraph": paragraph,
            "team": team,
            "outcome": outcome,
            "outcome_date": day if outcome else None,
        }
        for i in range(count)
    ]


def _frame(*groups) -> pl.DataFrame:
    rows = [row for group in groups for row in group]
    return pl.DataFrame(
        rows,
        schema={
            "case_id": pl.String,
            "area": pl.String,
            "paragraph": pl.String,
            "team": pl.String,
            "outcome": pl.String,
            "outcome_date": pl.Date,
        },
    )


ANKESTYRELSEN = _frame(
    _cases("returned", 19), _cases("changed", 5), _cases("upheld", 105), _cases("rejected", 3)
)


def test_ankestyrelsens_example_is_24_of_129():
    [group] = appeal_groups(ANKESTYRELSEN).to_dicts()
    assert (group["returned"], group["changed"], group["upheld"]) == (19, 5, 105)
    assert group["reversal_rate"] == pytest.approx(24 / 129)
    assert round(group["reversal_rate"], 5) == 0.18605
    assert group["paragraph"] is None and group["team"] is None  # not grouped on


def test_rejected_appeals_are_left_out_of_the_rate():
    more_rejected = pl.concat([ANKESTYRELSEN, _frame(_cases("rejected", 50))])
    [group] = appeal_groups(more_rejected).to_dicts()
    assert group["rejected"] == 53
    assert group["reversal_rate"] == pytest.approx(24 / 129)


def test_annulled_counts_as_reversed():
    [group] = appeal_groups(_frame(_cases("annulled", 1), _cases("upheld", 3))).to_dicts()
    assert group["reversal_rate"] == pytest.approx(0.25)


def test_nothing_decided_on_the_merits_has_no_rate():
    [group] = appeal_groups(_frame(_cases("rejected", 2))).to_dicts()
    assert group["reversal_rate"] is None
    assert appeal_total(_frame(_cases(None, 2)))["reversal_rate"] is None


def test_pending_cases_count_only_in_the_total():
    frame = pl.concat([ANKESTYRELSEN, _frame(_cases(None, 4))])
    groups = appeal_groups(frame)
    assert groups.height == 1 and groups["year"].to_list() == [2025]
    total = appeal_total(frame)
    assert total["pending"] == 4
    assert total["reversal_rate"] == pytest.approx(24 / 129)
    # With --year the decided cases of other years drop out; the pending stay in the total.
    assert appeal_total(frame, 2024) | {"pending": 0} == {
        "upheld": 0,
        "changed": 0,
        "annulled": 0,
        "returned": 0,
        "rejected": 0,
        "reversal_rate": None,
        "pending": 0,
    }
    assert appeal_total(frame, 2024)["pending"] == 4


def test_a_paragraph_used_in_both_areas_gives_two_groups():
    frame = _frame(
        _cases("upheld", 2, area="adults", paragraph="SEL § 85"),
        _cases("changed", 1, area="adults", paragraph="SEL § 85"),
        _cases("changed", 1, area="children", paragraph="SEL § 85"),
    )
    groups = appeal_groups(frame, "paragraph").to_dicts()
    assert [(g["area"], g["paragraph"]) for g in groups] == [
        ("children", "SEL § 85"),
        ("adults", "SEL § 85"),
    ]
    assert [g["reversal_rate"] for g in groups] == [1.0, pytest.approx(1 / 3)]


def test_the_year_is_ankestyrelsens_and_groups_sort_by_year_area_then_key():
    frame = _frame(
        _cases("upheld", 1, team="Syd", day=dt.date(2024, 12, 31)),
        _cases("upheld", 1, team=None, day=dt.date(2025, 1, 1)),
        _cases("changed", 1, team="Nord", day=dt.date(2025, 1, 1)),
        _cases("upheld", 1, area="adults", team="Alfa", day=dt.date(2025, 1, 1)),
    )
    groups = appeal_groups(frame, "team")
    assert groups.select("year", "area", "team").rows() == [
        (2024, "children", "Syd"),
        (2025, "children", "Nord"),
        (2025, "children", None),
        (2025, "adults", "Alfa"),
    ]
    assert appeal_groups(frame, "team", 2024).height == 1
    assert appeal_groups(frame, "area", 2025)["area"].to_list() == ["children", "adults"]


def test_the_trend_is_one_rate_per_year():
    frame = _frame(
        _cases("changed", 1, day=dt.date(2023, 5, 1)),
        _cases("upheld", 1, day=dt.date(2023, 5, 1)),
        _cases("upheld", 3, area="adults", day=dt.date(2024, 5, 1)),
        _cases("changed", 1, day=dt.date(2024, 5, 1)),
    )
    assert yearly_rates(frame).select("year", "reversal_rate").rows() == [
        (2023, 0.5),
        (2024, 0.25),
    ]

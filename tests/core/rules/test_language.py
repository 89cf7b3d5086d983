"""The rule language itself: rules checked with the part that is wrong, top N, the sort
of hits, the Danish number notation of the reasons, and the built-ins as data."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from socialstyring import reference
from socialstyring.core.rules import RuleError, evaluate, first_threshold, parse_rule
from socialstyring.core.rules.reasons import number_text, thousands
from tests.core.rules.grants import grants

D = dt.date
AS_OF = D(2026, 5, 31)


def test_every_built_in_rule_is_data_in_the_language():
    codes = [parse_rule(r).code for r in reference.focus_rules()]
    assert codes == [
        "sel85_over_5_years",
        "sel85_most_hours",
        "sel85_one_hour_over_1_year",
        "families_multiple_measures_0_12",
        "families_multiple_measures_13_18",
        "aftercare",
        "children_external_providers",
        "expensive_cases",
    ]
    for r in reference.focus_rules():
        assert parse_rule(parse_rule(r).as_json()) == parse_rule(r)  # export reads back


@pytest.mark.parametrize(
    ("change", "where"),
    [
        ({"code": ""}, "code"),
        ({"subject": "household"}, "subject"),
        ({"conditions": {"field": "area"}}, "conditions"),
        ({"having": [{"field": "age", "op": "gt", "value": 3}]}, "having[0].field"),
        ({"top": {"measure": "run_rate", "n": 0}}, "top.n"),
        ({"reason": {"kind": "poem"}}, "reason.kind"),
        (
            {"conditions": [{"any": [{"field": "area", "op": "in", "value": "children"}]}]},
            "conditions[0].any[0].value",
        ),
    ],
)
def test_a_wrong_part_is_named(change, where):
    rule = {"code": "x", "name": "X", "subject": "citizen", "conditions": []} | change
    with pytest.raises(RuleError) as caught:
        parse_rule(rule)
    assert caught.value.where == where


def test_top_n_by_run_rate_and_the_order_of_hits():
    frame = grants(
        {"citizen_id": "P-1", "price": 100.0},
        {"citizen_id": "P-2", "price": 300.0},
        {"citizen_id": "P-3", "price": 200.0},
        {"citizen_id": "P-0", "price": 200.0},
    )
    rule = parse_rule(
        {
            "code": "top",
            "name": "Top",
            "subject": "citizen",
            "conditions": [{"field": "active", "op": "is_true"}],
            "top": {"measure": "run_rate", "n": 3},
        }
    )
    (result,) = evaluate(frame, [rule], AS_OF)
    assert result.hits["subject_id"].to_list() == ["P-2", "P-0", "P-3"]  # ties by id
    assert result.hits["reason"][0] == "1 bevilling, 15.643 kr. om året"


def test_first_threshold_takes_the_latest_complete_level():
    table = pl.DataFrame(
        {
            "price_level": [2022, 2022, 2022, 2025, 2025],
            "tier": [1, 2, 3, 1, 2],
            "threshold": [860_000.0, 1_680_000.0, 2_120_000.0, 900_000.0, 1_700_000.0],
        }
    )
    assert first_threshold(table, 2026) == 860_000.0  # 2025 lacks tier 3
    assert first_threshold(table, 2021) is None


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0, "0"),
        (950, "950"),
        (1000, "1.000"),
        (1234567.4, "1.234.567"),
        (-1234567, "-1.234.567"),
        (12_345_678_901_234, "12.345.678.901.234"),
    ],
)
def test_thousands(value, text):
    assert pl.select(thousands(pl.lit(value, dtype=pl.Float64))).item() == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (12.5, "12,5"),
        (10.0, "10"),
        (0.25, "0,25"),
        (1.05, "1,05"),
        (1234.5, "1.234,5"),
        (-0.5, "-0,5"),
    ],
)
def test_number_text(value, text):
    assert pl.select(number_text(pl.lit(value))).item() == text

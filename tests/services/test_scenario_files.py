"""Scenario files: the filter read into the rule language, with Danish names and codes."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from socialstyring.services.forecasting import Inputs
from socialstyring.services.scenario_files import ScenarioError, read_scenario, rule_conditions
from socialstyring.services.scenarios import compute

D = dt.date


def test_shorthand_and_danish_names_become_rule_conditions():
    got = rule_conditions({"paragraf": "sel 85", "prisenhed": ["time", "dag"]})
    assert got == (
        {"field": "paragraph", "op": "eq", "value": "SEL § 85"},
        {"field": "price_unit", "op": "in", "value": ["hour", "day"]},
    )
    nested = rule_conditions(
        {"all": [{"not": {"field": "leverandør_type", "op": "eq", "value": "egen"}}]}
    )
    assert nested == ({"not": {"field": "provider_type", "op": "eq", "value": "own"}},)
    assert rule_conditions({}) == ()


def test_a_bad_filter_is_refused_with_the_rule_languages_place():
    with pytest.raises(ScenarioError) as bad:
        read_scenario(
            {
                "changes": [
                    {"change": "end", "from": "2026-07-01"},
                    {"change": "end", "from": "2026-07-01", "filter": [{"field": "price"}]},
                ]
            }
        )
    assert str(bad.value).startswith("Ændring 2 (end): filter[0]")


def test_filters_are_evaluated_on_the_known_grants_by_the_rule_language():
    grants = pl.DataFrame(
        {
            "grant_id": ["a", "b", "c"],
            "citizen_id": ["1", "2", "3"],
            "paragraph": ["SEL § 85", "SEL § 85", "SEL § 104"],
            "provider_type": ["private", "own", "private"],
            "account": ["5.38.38"] * 3,
            "start": [D(2026, 1, 1)] * 3,
            "end": [None, None, None],
            "price": [100.0] * 3,
            "price_unit": ["day"] * 3,
            "quantity": [1.0] * 3,
            "registered": [None, None, None],
        },
        schema_overrides={"end": pl.Date, "registered": pl.Date},
    )
    spec = read_scenario(
        {
            "name": "x",
            "changes": [
                {
                    "change": "end",
                    "from": "2026-07-01",
                    "filter": [
                        {"field": "paragraph", "op": "eq", "value": "SEL § 85"},
                        {"field": "provider_type", "op": "ne", "value": "own"},
                    ],
                }
            ],
        }
    )
    result = compute(spec, Inputs(grants, None, None, None), 2026, D(2026, 5, 31))
    assert result.totals["difference_Y"] == pytest.approx(-100 * 184)

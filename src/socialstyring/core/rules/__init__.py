"""The focus rules' language and evaluator (docs/casework.md).

Public API (stable; other capabilities build on it)::

    select_grants(grants: pl.DataFrame, conditions: Sequence[Mapping], as_of: dt.date, *,
                  providers: pl.DataFrame | None = None,
                  parameters: Mapping[str, Any] | None = None) -> pl.DataFrame

returns the rows of ``grants`` (its own columns, its own order) that meet every
grant-level condition on ``as_of``; raises :class:`RuleError` (Danish message naming the
wrong part) for a condition that cannot be evaluated. ``providers`` fills a grant's
missing provider type from the register. ``evaluate(grants, rules, as_of, *, providers,
thresholds)`` runs whole rules (:func:`parse_rule` checks one from JSON).

A condition is the JSON object a rules file holds::

    {"field": "paragraph", "op": "eq", "value": "SEL § 85"}
    {"field": "age", "op": "between", "value": [0, 12]}
    {"field": "paragraph", "op": "in", "value": {"param": "aftercare_paragraphs"}}
    {"field": "course_start", "op": "before_years_ago", "value": 5}
    {"field": "birth_date", "op": "turns_within_months", "value": [18, 6]}
    {"field": "active", "op": "is_true"}
    {"any": [condition, ...]}          at least one holds
    {"not": condition}                 does not hold

``field`` is a grant field (``language.GRANT_FIELDS``: the record's fields in English,
codes as stored, e.g. ``area`` = ``children``, ``price_unit`` = ``hour``) or a derived
measure on ``as_of`` (``known``, ``active``, ``periodic``, ``open_ended``, ``age``,
``cost_this_year``, ``run_rate``, ``course_start``, ``course_months``,
``months_since_review``). ``op`` is one of ``eq ne lt le gt ge between in not_in
is_null not_null is_true is_false before_years_ago turns_within_months`` as fits the
field's kind; dates are ``yyyy-mm-dd``. A null value never meets a condition (a grant
without a birth date takes part in no age condition).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

import polars as pl

from socialstyring.core.grants import with_provider_types
from socialstyring.core.rules.conditions import all_of
from socialstyring.core.rules.evaluate import RuleResult, evaluate, prepare, results_as_json
from socialstyring.core.rules.fields import field_names, with_derived
from socialstyring.core.rules.language import (
    GRANT_FIELDS,
    Rule,
    RuleError,
    check_conditions,
    parse_rule,
)
from socialstyring.core.rules.thresholds import first_threshold

__all__ = [
    "GRANT_FIELDS",
    "Rule",
    "RuleError",
    "RuleResult",
    "check_conditions",
    "evaluate",
    "first_threshold",
    "parse_rule",
    "prepare",
    "results_as_json",
    "select_grants",
]


def select_grants(
    grants: pl.DataFrame,
    conditions: Sequence[Mapping[str, Any]],
    as_of: dt.date,
    *,
    providers: pl.DataFrame | None = None,
    parameters: Mapping[str, Any] | None = None,
) -> pl.DataFrame:
    """The rows of ``grants`` that meet every condition on ``as_of`` (see the module)."""
    params = parameters or {}
    checked = check_conditions(conditions, GRANT_FIELDS, params)
    frame = with_derived(with_provider_types(grants, providers), field_names(checked), as_of)
    mask = frame.select(all_of(checked, GRANT_FIELDS, params, as_of).alias("m"))["m"]
    return grants.filter(mask)

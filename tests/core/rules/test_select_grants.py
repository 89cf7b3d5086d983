"""``select_grants``: the public filter other capabilities use (a what-if scenario picks
its grants with it), on the record's fields and on the derived measures."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from socialstyring.core.rules import RuleError, select_grants
from tests.core.rules.grants import grants

D = dt.date
AS_OF = D(2026, 5, 31)


def ids(frame: pl.DataFrame) -> list[str]:
    return frame["grant_id"].to_list()


def test_fields_and_derived_measures_together():
    frame = grants(
        {"area": "children", "birth_date": D(2014, 6, 1)},  # 11 on the day
        {"area": "children", "birth_date": D(2013, 5, 31)},  # 13 on its birthday
        {"area": "children", "birth_date": None},
        {"area": "adults", "birth_date": D(2014, 6, 1)},
    )
    chosen = select_grants(
        frame,
        [
            {"field": "area", "op": "eq", "value": "children"},
            {"field": "age", "op": "between", "value": [0, 12]},
        ],
        AS_OF,
    )
    assert ids(chosen) == ["B-1"]
    assert chosen.columns == frame.columns  # the caller's own columns, nothing added


def test_any_not_params_and_active():
    frame = grants(
        {"paragraph": "SEL § 76"},
        {"paragraph": "BL § 114", "end": D(2026, 5, 30)},  # ended the day before
        {"paragraph": "SEL § 85"},
        {"paragraph": "SEL § 76 a", "price_unit": "once"},
    )
    chosen = select_grants(
        frame,
        [
            {"field": "paragraph", "op": "in", "value": {"param": "after"}},
            {"field": "active", "op": "is_true"},
        ],
        AS_OF,
        parameters={"after": ["SEL § 76", "SEL § 76 a", "BL § 114"]},
    )
    assert ids(chosen) == ["B-1"]
    either = select_grants(
        frame, [{"any": [{"not": {"field": "paragraph", "op": "eq", "value": "SEL § 85"}}]}], AS_OF
    )
    assert ids(either) == ["B-1", "B-2", "B-4"]


def test_the_provider_register_fills_a_missing_type():
    frame = grants({"provider_id": "L1"}, {"provider_id": "L2", "provider_type": "own"})
    providers = pl.DataFrame({"provider_id": ["L1", "L2"], "provider_type": ["private", "private"]})
    chosen = select_grants(
        frame,
        [{"field": "provider_type", "op": "eq", "value": "private"}],
        AS_OF,
        providers=providers,
    )
    assert ids(chosen) == ["B-1"]  # the grant's own type wins over the register's


def test_turning_18_within_months():
    frame = grants(
        {"birth_date": D(2008, 11, 30)},
        {"birth_date": D(2008, 12, 1)},
        {"birth_date": D(2008, 5, 31)},
    )
    chosen = select_grants(
        frame, [{"field": "birth_date", "op": "turns_within_months", "value": [18, 6]}], AS_OF
    )
    assert ids(chosen) == ["B-1"]  # 30-11 is within six months; 31-05 turned 18 today


@pytest.mark.parametrize(
    ("condition", "where"),
    [
        ({"field": "colour", "op": "eq", "value": "x"}, "conditions[0].field"),
        ({"field": "area", "op": "gt", "value": "x"}, "conditions[0].op"),
        ({"field": "price", "op": "gt", "value": "mange"}, "conditions[0].value"),
        ({"field": "start", "op": "lt", "value": "31-05-2026"}, "conditions[0].value"),
        ({"field": "price", "op": "gt", "value": {"param": "nope"}}, "conditions[0].value"),
    ],
)
def test_a_condition_that_cannot_be_evaluated_is_refused_in_danish(condition, where):
    with pytest.raises(RuleError) as caught:
        select_grants(grants({}), [condition], AS_OF)
    assert caught.value.where == where
    assert str(caught.value).startswith(where + ": ")
    assert any(word in str(caught.value) for word in ("Ukendt", "passer ikke", "Værdien"))

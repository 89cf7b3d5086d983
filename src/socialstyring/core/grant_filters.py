"""A small condition language on grant fields, used by scenarios and cohorts until the
casework rule language (``core/rules``) takes over: the same JSON shape, a subset of it.

A condition is a JSON object:

- ``{}`` — every grant;
- ``{"field": "paragraph", "in": ["SEL § 85", "SEL § 104"]}`` — the field's value is one of;
- ``{"field": "price_unit", "equals": "hour"}`` — the field's value is exactly this;
- ``{"field": "price", "min": 1000, "max": 5000}`` — a number or date range (both ends in);
- ``{"field": "end", "empty": true}`` — the field is empty (open-ended when ``end``);
- ``{"all": [c, …]}``, ``{"any": [c, …]}``, ``{"not": c}`` — combinations;
- the shorthand ``{"paragraph": "SEL § 85", "provider_type": ["private"]}`` — every key a
  field, a list meaning "one of", all keys together.

Fields are the grant record's (``terms.files``); values are in the core's codes. Faces
translate the Danish spellings a user writes (``paragraf``, ``time``) before this module
sees them. Bad conditions raise :class:`ConditionError` with the path to the bad part.
"""

from __future__ import annotations

import datetime as dt
from functools import reduce
from typing import Any

import polars as pl

from socialstyring.terms import FileKind

GRANT_FIELDS = FileKind.GRANTS.field_names
_COMBINERS = ("all", "any", "not")
_TESTS = ("in", "equals", "min", "max", "empty")


class ConditionError(ValueError):
    """A condition that cannot be evaluated; ``path`` names the bad part, ``problem`` why."""

    def __init__(self, path: str, problem: str, value: Any = None) -> None:
        super().__init__(f"{path}: {problem}")
        self.path, self.problem, self.value = path, problem, value


def condition_expr(condition: dict[str, Any] | None, path: str = "filter") -> pl.Expr:
    """The condition as a polars expression over the grant columns (True for ``{}``)."""
    if condition is None or condition == {}:
        return pl.lit(True)
    if not isinstance(condition, dict):
        raise ConditionError(path, "not_an_object", condition)
    if "field" in condition:
        return _field_test(condition, path)
    if any(k in condition for k in _COMBINERS):
        if len(condition) != 1:
            raise ConditionError(path, "one_combiner", sorted(condition))
        kind, parts = next(iter(condition.items()))
        if kind == "not":
            return ~condition_expr(parts, f"{path}.not")
        if not isinstance(parts, list) or not parts:
            raise ConditionError(f"{path}.{kind}", "not_a_list", parts)
        exprs = [condition_expr(p, f"{path}.{kind}[{i}]") for i, p in enumerate(parts)]
        return reduce(lambda a, b: (a & b) if kind == "all" else (a | b), exprs)
    tests = [
        _field_test(
            {"field": k, "in": v} if isinstance(v, list) else {"field": k, "equals": v},
            f"{path}.{k}",
        )
        for k, v in condition.items()
    ]
    return reduce(lambda a, b: a & b, tests)


def _field_test(test: dict[str, Any], path: str) -> pl.Expr:
    name = test["field"]
    if name not in GRANT_FIELDS:
        raise ConditionError(path, "unknown_field", name)
    unknown = set(test) - {"field", *_TESTS}
    if unknown:
        raise ConditionError(path, "unknown_key", sorted(unknown)[0])
    col = pl.col(name)
    parts: list[pl.Expr] = []
    if "in" in test:
        values = test["in"]
        if not isinstance(values, list):
            raise ConditionError(f"{path}.in", "not_a_list", values)
        parts.append(col.is_in([str(v) for v in values]))
    if "equals" in test:
        value = test["equals"]
        parts.append(col.is_null() if value is None else col == _literal(value))
    if "min" in test:
        parts.append(col >= _bound(test["min"], f"{path}.min"))
    if "max" in test:
        parts.append(col <= _bound(test["max"], f"{path}.max"))
    if "empty" in test:
        parts.append(col.is_null() if test["empty"] else col.is_not_null())
    if not parts:
        raise ConditionError(path, "no_test", name)
    return reduce(lambda a, b: a & b, parts).fill_null(False)


def _literal(value: Any) -> Any:
    return value if isinstance(value, (int, float, dt.date)) else str(value)


def _bound(value: Any, path: str) -> Any:
    if isinstance(value, (int, float, dt.date)) and not isinstance(value, bool):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise ConditionError(path, "not_a_number_or_date", value)


def fields_used(condition: Any) -> set[str]:
    """The grant fields a condition reads (to load only those columns)."""
    if not isinstance(condition, dict):
        return set()
    if "field" in condition:
        return {str(condition["field"])}
    found: set[str] = set()
    for key, value in condition.items():
        if key in _COMBINERS:
            for part in value if isinstance(value, list) else [value]:
                found |= fields_used(part)
        else:
            found.add(key)
    return found

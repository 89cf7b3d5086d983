"""A checked condition as a polars expression (true, false or null per row).

A null field value makes a comparison null, and a null counts as "does not hold": a grant
without a birth date takes part in no age condition.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

import polars as pl

from socialstyring.core.people import birthday, years_before
from socialstyring.core.rules import language as lang


def all_of(
    conditions: Sequence[Mapping[str, Any]],
    kinds: Mapping[str, str],
    parameters: Mapping[str, Any],
    as_of: dt.date,
) -> pl.Expr:
    """True where every condition holds (nulls are false)."""
    expr = pl.lit(True)
    for c in conditions:
        expr = expr & expression(c, kinds, parameters, as_of).fill_null(False)
    return expr


def expression(
    condition: Mapping[str, Any],
    kinds: Mapping[str, str],
    parameters: Mapping[str, Any],
    as_of: dt.date,
) -> pl.Expr:
    if "any" in condition:
        expr = pl.lit(False)
        for c in condition["any"]:
            expr = expr | expression(c, kinds, parameters, as_of).fill_null(False)
        return expr
    if "not" in condition:
        return ~expression(condition["not"], kinds, parameters, as_of).fill_null(False)
    name, op = condition["field"], condition["op"]
    kind = kinds[name]
    col = pl.col(name).cast(pl.Float64) if kind == lang.NUMBER else pl.col(name)
    value = lang.resolve(condition.get("value"), parameters)
    if op == "is_null":
        return col.is_null()
    if op == "not_null":
        return col.is_not_null()
    if op == "is_true":
        return col
    if op == "is_false":
        return ~col
    if op == lang.YEARS_AGO:
        return col < pl.lit(years_before(as_of, int(value)), dtype=pl.Date)
    if op == lang.TURNS:
        age, months = int(value[0]), int(value[1])
        d = pl.lit(as_of, dtype=pl.Date)
        day = birthday(col, age)
        return (day > d) & (day <= d.dt.offset_by(f"{months}mo"))
    if op == lang.BETWEEN:
        low, high = (_literal(v, kind) for v in value)
        return (col >= low) & (col <= high)
    if op in lang.SETS:
        values = [_plain(v, kind) for v in value]
        inside = col.is_in(pl.Series(values, dtype=_dtype(kind)).implode())
        return inside if op == "in" else ~inside
    other = _literal(value, kind)
    return {
        "eq": col == other,
        "ne": col != other,
        "lt": col < other,
        "le": col <= other,
        "gt": col > other,
        "ge": col >= other,
    }[op]


def _plain(value: Any, kind: str) -> Any:
    if kind == lang.DATE:
        return dt.date.fromisoformat(value)
    if kind == lang.NUMBER:
        return float(value)
    return value


def _dtype(kind: str) -> pl.DataType:
    return {lang.DATE: pl.Date(), lang.NUMBER: pl.Float64(), lang.TEXT: pl.String()}[kind]


def _literal(value: Any, kind: str) -> pl.Expr:
    return pl.lit(_plain(value, kind), dtype=_dtype(kind))

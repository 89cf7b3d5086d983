"""A grant frame built from a few keyword rows: the record's fields, the rest null."""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl

from socialstyring.terms import FileKind

_DTYPES = {"date": pl.Date, "amount": pl.Float64, "number": pl.Float64, "integer": pl.Int64}
SCHEMA = {f.name: _DTYPES.get(f.type, pl.String) for f in FileKind.GRANTS.fields}

DEFAULTS: dict[str, Any] = {
    "area": "adults",
    "paragraph": "SEL § 85",
    "account": "5.38.42",
    "start": dt.date(2025, 1, 1),
    "price": 500.0,
    "price_unit": "hour",
    "quantity": 1.0,
}


def grants(*rows: dict[str, Any]) -> pl.DataFrame:
    """Rows with ``grant_id`` B-1, B-2… and ``citizen_id`` P-1 unless given."""
    filled = []
    for i, row in enumerate(rows, start=1):
        full = (
            {name: None for name in SCHEMA} | DEFAULTS | {"grant_id": f"B-{i}", "citizen_id": "P-1"}
        )
        filled.append(full | row)
    return pl.DataFrame(filled, schema=SCHEMA)

"""Shared test helpers: the examples, the chart of accounts, validation shortcuts and
factories for the core's grant, budget and posting frames."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path
from typing import Any

import polars as pl
import pytest

import socialstyring.reference
from socialstyring.io.cpr import Pseudonymiser
from socialstyring.io.problems import ImportRejected
from socialstyring.io.readers import read_table
from socialstyring.io.validation import Reference, Validated, validate

EXAMPLES = Path(__file__).resolve().parents[1] / "fixtures" / "examples"
CHART_FILE = Path(socialstyring.reference.__file__).parent / "data" / "kontoplan_funktioner.csv"
KEY = b"test-key-for-pseudonyms-0001"
OTHER_KEY = b"another-test-key-for-pseudonyms"
# The clock's date for validation: no CPR number's birth date may lie after it.
TODAY = dt.date(2026, 12, 1)

# The two example municipalities and the forecast their files must give.
EXAMPLE_RUNS = [
    pytest.param("kommune-dk", 2026, dt.date(2026, 5, 31), id="kommune-dk"),
    pytest.param("kommune-plain", 2024, dt.date(2024, 2, 29), id="kommune-plain"),
]


def chart_accounts() -> frozenset[str]:
    with CHART_FILE.open(encoding="utf-8", newline="") as handle:
        return frozenset(row["funktion"] for row in csv.DictReader(handle))


REFERENCE = Reference(accounts=chart_accounts())


def pseudonymiser(key: bytes = KEY) -> Pseudonymiser:
    return Pseudonymiser(key)


def validated(data: bytes, file: str = "bevillinger.csv", key: bytes = KEY) -> Validated:
    """Read and validate one file as an import does."""
    return validate(read_table(data, file), REFERENCE, Pseudonymiser(key), today=TODAY)


def rejection(data: bytes, file: str = "bevillinger.csv") -> ImportRejected:
    """The rejection of a file that must not validate."""
    with pytest.raises(ImportRejected) as caught:
        validated(data, file)
    return caught.value


def load_example(folder: str) -> dict[str, pl.DataFrame]:
    """Every file of an example folder, validated, by kind name."""
    frames = {}
    for path in sorted((EXAMPLES / folder).glob("*.csv")):
        result = validated(path.read_bytes(), path.name)
        frames[result.kind.name] = result.frame
    return frames


def expected_forecast(folder: str) -> dict[str, Any]:
    return json.loads((EXAMPLES / folder / "forventet_forecast.json").read_text(encoding="utf-8"))


GRANT_SCHEMA = {
    "grant_id": pl.String,
    "account": pl.String,
    "area": pl.String,
    "paragraph": pl.String,
    "provider_id": pl.String,
    "provider_type": pl.String,
    "team": pl.String,
    "start": pl.Date,
    "end": pl.Date,
    "registered": pl.Date,
    "price": pl.Float64,
    "quantity": pl.Float64,
    "price_unit": pl.String,
}


def grant(**fields: Any) -> dict[str, Any]:
    """One grant for the core (already validated form): 1.000 kr. a day from 2026-01-01."""
    row = {
        "grant_id": "G1",
        "account": "5.28.21",
        "area": "children",
        "paragraph": "SEL § 52",
        "provider_id": None,
        "provider_type": "own",
        "team": "Team A",
        "start": dt.date(2026, 1, 1),
        "end": None,
        "registered": None,
        "price": 1000.0,
        "quantity": 1.0,
        "price_unit": "day",
    }
    unknown = set(fields) - set(row)
    assert not unknown, f"unknown grant fields {unknown}"
    row.update(fields)
    return row


def grants_frame(*rows: dict[str, Any]) -> pl.DataFrame:
    return pl.DataFrame(list(rows), schema=GRANT_SCHEMA)


def budgets_frame(*rows: tuple[int, str, str, float]) -> pl.DataFrame:
    """Rows of (year, account, kind, amount)."""
    return pl.DataFrame(
        rows,
        schema={"year": pl.Int64, "account": pl.String, "kind": pl.String, "amount": pl.Float64},
        orient="row",
    )


def postings_frame(*rows: tuple[dt.date, str, float, str | None]) -> pl.DataFrame:
    """Rows of (posting_date, account, amount, grant_id)."""
    frame = pl.DataFrame(
        rows,
        schema={
            "posting_date": pl.Date,
            "account": pl.String,
            "amount": pl.Float64,
            "grant_id": pl.String,
        },
        orient="row",
    )
    return frame.with_columns(
        pl.format("P{}", pl.int_range(pl.len())).alias("posting_id"),
        pl.lit(None, pl.String).alias("text"),
    )

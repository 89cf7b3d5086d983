"""Investments after the fact (docs/economics.md): baseline, actual and saving by hand."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from socialstyring.core.investments import cohort_now, cohort_on, investment_table

D = dt.date
SCHEMA = {
    "grant_id": pl.String,
    "citizen_id": pl.String,
    "paragraph": pl.String,
    "start": pl.Date,
    "end": pl.Date,
    "price": pl.Float64,
    "quantity": pl.Float64,
    "price_unit": pl.String,
    "registered": pl.Date,
}


def rows(*items):
    return pl.DataFrame(
        [
            dict(zip(SCHEMA, (*item, None) if len(item) == 8 else item, strict=True))
            for item in items
        ],
        schema=SCHEMA,
    )


# Two citizens on the start day, 1 January 2024: 10 hours a week at 500 kr. and a
# placement at 365.000 kr. a year, both open-ended.
COHORT = rows(
    ("g1", "c1", "SEL § 85", D(2020, 1, 1), None, 500.0, 10.0, "hour"),
    ("g2", "c2", "SEL § 85", D(2021, 1, 1), None, 365_000.0, 1.0, "year"),
)


def test_baseline_actual_and_saving_year_by_year():
    # Now: g1 ended 30 June 2024 and was replaced by 5 hours a week; g2 ended 31 Dec 2024.
    now = rows(
        ("g1", "c1", "SEL § 85", D(2020, 1, 1), D(2024, 6, 30), 500.0, 10.0, "hour"),
        ("g1b", "c1", "SEL § 85", D(2024, 7, 1), None, 500.0, 5.0, "hour"),
        ("g2", "c2", "SEL § 85", D(2021, 1, 1), D(2024, 12, 31), 365_000.0, 1.0, "year"),
        ("other", "c1", "SEL § 104", D(2024, 7, 1), None, 100.0, 1.0, "day"),
    )
    result = investment_table(COHORT, now, start_day=D(2024, 1, 1), invested=[1e6, 1e6])
    t = {r["year"]: r for r in result.table.iter_rows(named=True)}
    hours_2024, hours_2025 = 5_000 * 366 / 7, 5_000 * 365 / 7
    assert t[2024]["baseline"] == pytest.approx(hours_2024 + 365_000)
    assert t[2024]["actual"] == pytest.approx(5_000 * 182 / 7 + 2_500 * 184 / 7 + 365_000)
    assert t[2025]["baseline"] == pytest.approx(hours_2025 + 365_000)
    assert t[2025]["actual"] == pytest.approx(2_500 * 365 / 7)
    assert t[2025]["saving"] == pytest.approx(t[2025]["baseline"] - t[2025]["actual"])
    assert t[2025]["net"] == pytest.approx(t[2025]["saving"] - 1e6)
    assert result.citizens == 2
    assert result.baseline_per_citizen == pytest.approx(result.totals["baseline"] / 2)
    assert result.totals["invested"] == 2e6


def test_the_first_year_counts_from_the_start_day_and_the_index_raises_the_baseline():
    result = investment_table(
        COHORT.filter(pl.col("grant_id") == "g2"),
        COHORT,
        start_day=D(2024, 7, 1),
        invested=[0.0, 0.0],
        price_index=0.02,
    )
    assert result.table["baseline"].to_list() == pytest.approx(
        [365_000 * 184 / 366, 365_000 * 1.02]
    )
    assert result.table["actual"].to_list() == pytest.approx([365_000 * 184 / 366, 365_000])


def test_replacements_join_the_cohort_only_from_the_start_day():
    now = rows(
        ("old", "c1", "SEL § 85", D(2019, 1, 1), D(2019, 12, 31), 1.0, 1.0, "day"),
        ("g1", "c1", "SEL § 85", D(2020, 1, 1), None, 500.0, 10.0, "hour"),
        ("new", "c1", "SEL § 85", D(2024, 2, 1), None, 1.0, 1.0, "day"),
    )
    assert set(cohort_now(COHORT, now, D(2024, 1, 1))["grant_id"]) == {"g1", "new"}


def test_the_cohort_on_a_day_holds_its_active_matching_grants():
    grants = rows(
        ("a", "c1", "SEL § 85", D(2020, 1, 1), None, 1.0, 1.0, "day"),
        ("b", "c2", "SEL § 85", D(2020, 1, 1), D(2023, 12, 31), 1.0, 1.0, "day"),
        ("c", "c3", "SEL § 104", D(2020, 1, 1), None, 1.0, 1.0, "day"),
    )
    got = cohort_on(grants, D(2024, 1, 1), pl.col("paragraph") == "SEL § 85")
    assert got["grant_id"].to_list() == ["a"]

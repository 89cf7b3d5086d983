"""The bridge from the ledger's spent to date to the grants' cost, and budgets per group."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from socialstyring.core import forecast
from socialstyring.core.allocation import allocate
from socialstyring.core.reconciliation import line_totals, postings_of_group, reconcile
from socialstyring.demo.generator import generate

AS_OF = dt.date(2026, 5, 31)


def _grants() -> pl.DataFrame:
    """Three grants on two accounts: G1 and G2 (team A) on 5.28.21, G3 (team B) on 5.38.50."""
    return pl.DataFrame(
        {
            "grant_id": ["G1", "G2", "G3"],
            "account": ["5.28.21", "5.28.21", "5.38.50"],
            "team": ["A", "A", "B"],
            "spent_to_date": [1000.0, 500.0, 300.0],
        }
    )


def _postings() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "posting_id": ["P1", "P2", "P3", "P4"],
            "posting_date": [dt.date(2026, 2, 1)] * 4,
            "account": ["5.28.21", "5.28.21", "5.38.50", "5.38.50"],
            "amount": [900.0, -40.0, 310.0, 25.0],
            "grant_id": ["G1", None, "G3", "OLD"],  # OLD: a grant without cost in the year
            "text": [None] * 4,
        }
    )


def test_an_accounts_line_bridges_ledger_and_grant_cost():
    lines = reconcile(_postings(), _grants(), {"account": "5.28.21"}).to_dicts()
    assert lines == [
        {
            "account": "5.28.21",
            "linked_postings": 900.0,
            "unlinked_postings": -40.0,
            "ledger": 860.0,  # the overview's spent to date
            "linked_cost": 1000.0,
            "difference": 100.0,
            "unposted_cost": 500.0,  # G2 has no posting
            "grant_cost": 1500.0,  # the grant list's sum
        }
    ]


def test_the_none_group_holds_postings_without_a_known_grant():
    group = postings_of_group(_postings(), _grants(), {"team": "(uden)"})
    assert sorted(group["posting_id"].to_list()) == ["P2", "P4"]
    assert not group["linked"].any()
    totals = line_totals(reconcile(_postings(), _grants(), {"team": "(uden)"}))
    assert totals["ledger"] == pytest.approx(-15.0) and totals["grant_cost"] == 0.0


def test_every_account_of_the_demo_reconciles_to_the_forecast():
    demo = generate(seed=3, grants=400, year=2026, as_of=AS_OF)
    priced = forecast.grant_year_costs(demo.grants, 2026, AS_OF).rename(
        {"grant_spent": "spent_to_date"}
    )
    postings = demo.postings.filter(pl.col("posting_date").is_between(dt.date(2026, 1, 1), AS_OF))
    for by in ("account", "team", "area"):
        table = forecast.forecast(
            demo.grants, demo.budgets, demo.postings, year=2026, as_of=AS_OF, by=by
        )
        for value, spent in table.select(by, "spent_to_date").iter_rows():
            totals = line_totals(reconcile(postings, priced, {by: value}))
            assert totals["ledger"] == pytest.approx(spent, abs=0.01), (by, value)
            listed = priced.filter(pl.col(by).fill_null("(uden)") == value)["spent_to_date"]
            assert totals["grant_cost"] == pytest.approx(listed.sum(), abs=0.01)
            bridge = totals["linked_postings"] + totals["difference"] + totals["unposted_cost"]
            assert bridge == pytest.approx(totals["grant_cost"], abs=0.01)


def _priced_grants() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "grant_id": ["G1", "G2", "G3"],
            "account": ["5.28.21", "5.38.50", "5.38.50"],
            "team": ["A", "A", "B"],
            "registered": [dt.date(2026, 1, 1)] * 3,
            "start": [dt.date(2026, 1, 1)] * 3,
            "end": [None, None, None],
            "price": [100.0] * 3,
            "quantity": [1.0] * 3,
            "price_unit": ["day"] * 3,
        },
        schema_overrides={"end": pl.Date},
    )


def test_a_budget_belongs_to_a_group_only_when_its_account_does():
    grants = _priced_grants()
    table = forecast.forecast(grants, None, None, year=2026, as_of=AS_OF, by="team")
    budgets = pl.DataFrame({"account": ["5.28.21", "5.38.50"], "budget": [50_000.0, 80_000.0]})
    result = allocate(table, grants, budgets, by="team", year=2026, as_of=AS_OF)
    rows = {r["team"]: r for r in result.table.to_dicts()}
    # Team A spends on both accounts, one of which it shares with B: no budget is A's alone.
    assert rows["A"]["budget"] is None and rows["A"]["deviation"] is None
    assert rows["B"]["budget"] is None
    assert result.split_accounts == ["5.38.50"]
    assert result.unallocated == 80_000.0 and result.budget_total == 130_000.0

    one_team = grants.with_columns(pl.lit("A").alias("team"))
    table = forecast.forecast(one_team, None, None, year=2026, as_of=AS_OF, by="team")
    result = allocate(table, one_team, budgets, by="team", year=2026, as_of=AS_OF)
    (row,) = result.table.to_dicts()
    assert row["budget"] == 130_000.0
    assert row["deviation"] == pytest.approx(130_000.0 - row["expected"])
    assert result.split_accounts == [] and result.unallocated == 0.0

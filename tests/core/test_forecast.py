"""The commitment forecast (docs/forecast.md): the examples, the as-of cut, budgets,
the ledger, groupings and the monthly profile."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from socialstyring.core.forecast import (
    MEASURES,
    UNASSIGNED,
    effective_budget,
    forecast,
    known_grants,
    monthly_profile,
    totals,
)
from socialstyring.core.grants import with_provider_types
from tests.helpers import (
    EXAMPLE_RUNS,
    budgets_frame,
    expected_forecast,
    grant,
    grants_frame,
    load_example,
    postings_frame,
)

D = dt.date
JSON_MEASURES = ("budget", "spent_to_date", "committed_rest", "expected", "deviation")


@pytest.fixture(scope="module")
def example_inputs():
    """Each example folder read through read_table + validate, once per module."""
    return {folder: load_example(folder) for folder in ("kommune-dk", "kommune-plain")}


def run_example(inputs, folder, year, as_of, by="account"):
    frames = inputs[folder]
    grants = with_provider_types(frames["bevillinger"], frames.get("leverandører"))
    return forecast(
        grants, frames.get("budget"), frames.get("posteringer"), year=year, as_of=as_of, by=by
    )


# --- the examples ----------------------------------------------------------------------------


@pytest.mark.parametrize(("folder", "year", "as_of"), EXAMPLE_RUNS)
def test_the_example_expects_this_year_and_as_of(folder, year, as_of):
    wanted = expected_forecast(folder)
    assert (wanted["year"], wanted["as_of"]) == (year, as_of.isoformat())


@pytest.mark.parametrize(("folder", "year", "as_of"), EXAMPLE_RUNS)
def test_the_example_gives_the_expected_lines_within_one_krone(example_inputs, folder, year, as_of):
    wanted = {line["konto"]: line for line in expected_forecast(folder)["lines"]}
    table = run_example(example_inputs, folder, year, as_of)
    assert table["account"].to_list() == sorted(wanted)  # same accounts, sorted by konto
    for line in table.iter_rows(named=True):
        for measure in JSON_MEASURES:
            assert line[measure] == pytest.approx(wanted[line["account"]][measure], abs=1.0), (
                line["account"],
                measure,
            )


@pytest.mark.parametrize(("folder", "year", "as_of"), EXAMPLE_RUNS)
def test_the_example_gives_the_expected_totals_within_one_krone(
    example_inputs, folder, year, as_of
):
    wanted = expected_forecast(folder)["total"]
    got = totals(run_example(example_inputs, folder, year, as_of))
    assert set(got) == set(JSON_MEASURES)
    for measure in JSON_MEASURES:
        assert got[measure] == pytest.approx(wanted[measure], abs=1.0), measure


@pytest.mark.parametrize(("folder", "year", "as_of"), EXAMPLE_RUNS)
@pytest.mark.parametrize("by", ["area", "paragraph", "provider_type", "team"])
def test_every_grouping_sums_to_the_same_totals_as_by_account(
    example_inputs, folder, year, as_of, by
):
    wanted = expected_forecast(folder)["total"]
    table = run_example(example_inputs, folder, year, as_of, by=by)
    assert table.columns == [by, *MEASURES]
    assert table[by].null_count() == 0
    assert table[by].n_unique() == table.height
    assert table.height > 1
    got = totals(table)
    for measure in ("spent_to_date", "committed_rest", "expected"):
        assert got[measure] == pytest.approx(wanted[measure], abs=1.0), measure
    # budgets exist per account only
    assert got["budget"] is None and got["deviation"] is None


def test_provider_types_come_from_the_provider_register_when_grants_lack_them(example_inputs):
    frames = example_inputs["kommune-dk"]
    assert frames["bevillinger"]["provider_type"].null_count() == frames["bevillinger"].height
    table = run_example(example_inputs, "kommune-dk", 2026, D(2026, 5, 31), by="provider_type")
    # the ledger has postings without a grant, which land in "(uden)"
    assert set(table["provider_type"]) <= {
        "own",
        "other_municipality",
        "region",
        "private",
        UNASSIGNED,
    }
    assert {"own", "other_municipality", "region", "private"} <= set(table["provider_type"])


@pytest.mark.parametrize(("folder", "year", "as_of"), EXAMPLE_RUNS)
def test_the_monthly_profile_sums_to_the_forecast(example_inputs, folder, year, as_of):
    frames = example_inputs[folder]
    profile = monthly_profile(
        frames["bevillinger"], frames.get("posteringer"), year=year, as_of=as_of
    )
    wanted = expected_forecast(folder)["total"]
    assert profile["month"].to_list() == list(range(1, 13))
    assert profile["spent"].sum() == pytest.approx(wanted["spent_to_date"], abs=1.0)
    assert profile["committed"].sum() == pytest.approx(wanted["committed_rest"], abs=1.0)
    assert profile["expected"].sum() == pytest.approx(wanted["expected"], abs=1.0)
    after = profile.filter(pl.col("month") > as_of.month)
    assert after["spent"].to_list() == [0.0] * after.height
    before = profile.filter(pl.col("month") < as_of.month)
    assert before["committed"].to_list() == [0.0] * before.height


# --- the as-of cut ---------------------------------------------------------------------------


def test_grants_registered_after_as_of_are_excluded():
    as_of = D(2026, 5, 31)
    grants = grants_frame(
        grant(grant_id="known", registered=D(2026, 5, 31), price=10.0),
        grant(grant_id="retroactive", start=D(2026, 1, 1), registered=D(2026, 6, 1), price=1000.0),
        grant(grant_id="future-start", start=D(2026, 6, 1), registered=None, price=100_000.0),
    )
    assert known_grants(grants, as_of)["grant_id"].to_list() == ["known"]
    line = forecast(grants, None, None, year=2026, as_of=as_of).row(0, named=True)
    assert line["spent_to_date"] == pytest.approx(10.0 * 151)
    assert line["committed_rest"] == pytest.approx(10.0 * 214)
    # the next day both later grants are known
    later = forecast(grants, None, None, year=2026, as_of=D(2026, 6, 1)).row(0, named=True)
    assert later["expected"] == pytest.approx(10.0 * 365 + 1000.0 * 365 + 100_000.0 * 214)


def test_registration_defaults_to_start():
    grants = grants_frame(grant(start=D(2026, 3, 1), registered=None))
    assert known_grants(grants, D(2026, 2, 28)).height == 0
    assert known_grants(grants, D(2026, 3, 1)).height == 1


def test_open_ended_grants_run_to_the_end_of_the_year_and_no_further():
    grants = grants_frame(grant(start=D(2025, 7, 1), price=100.0))
    line = forecast(grants, None, None, year=2026, as_of=D(2026, 5, 31)).row(0, named=True)
    assert line["spent_to_date"] == pytest.approx(100.0 * 151)
    assert line["committed_rest"] == pytest.approx(100.0 * 214)
    assert line["expected"] == pytest.approx(100.0 * 365)


def test_as_of_on_new_years_eve_leaves_nothing_committed():
    grants = grants_frame(grant(start=D(2024, 1, 1), price=1.0, price_unit="year"))
    line = forecast(grants, None, None, year=2024, as_of=D(2024, 12, 31)).row(0, named=True)
    assert (line["spent_to_date"], line["committed_rest"]) == (pytest.approx(1.0), 0.0)


def test_a_forecast_for_next_year_commits_only_that_years_cost():
    """As of a day before the year, everything is committed, and only the year's cost counts."""
    grants = grants_frame(grant(start=D(2026, 1, 1), price=1.0))
    line = forecast(grants, None, None, year=2027, as_of=D(2026, 5, 31)).row(0, named=True)
    assert line["spent_to_date"] == 0.0
    assert line["committed_rest"] == pytest.approx(365.0)
    profile = monthly_profile(grants, None, year=2027, as_of=D(2026, 5, 31))
    assert profile["committed"].sum() == pytest.approx(365.0)


def test_a_forecast_after_the_year_counts_only_that_years_spending():
    """As of a day after the year (the books stay open into February), the next year's
    grant cost and postings do not belong to the year."""
    grants = grants_frame(grant(grant_id="G1", start=D(2026, 1, 1), price=1.0))
    no_ledger = forecast(grants, None, None, year=2026, as_of=D(2027, 2, 15)).row(0, named=True)
    assert (no_ledger["spent_to_date"], no_ledger["committed_rest"]) == (pytest.approx(365.0), 0.0)
    postings = postings_frame(
        (D(2026, 12, 30), "5.28.21", 300.0, "G1"), (D(2027, 1, 5), "5.28.21", 40.0, "G1")
    )
    ledger = forecast(grants, None, postings, year=2026, as_of=D(2027, 2, 15)).row(0, named=True)
    assert ledger["spent_to_date"] == pytest.approx(300.0)
    profile = monthly_profile(grants, postings, year=2026, as_of=D(2027, 2, 15))
    assert profile["spent"].to_list() == [0.0] * 11 + [300.0]


# --- budgets ---------------------------------------------------------------------------------


def test_the_corrected_budget_beats_the_adopted_one():
    budgets = budgets_frame(
        (2026, "5.28.21", "adopted", 1000.0),
        (2026, "5.28.21", "corrected", 1500.0),
        (2026, "5.38.50", "adopted", 700.0),
        (2025, "5.38.50", "corrected", 99.0),  # another year
        (2027, "5.28.21", "corrected", 98.0),
    )
    chosen = dict(effective_budget(budgets, 2026).iter_rows())
    assert chosen == {"5.28.21": 1500.0, "5.38.50": 700.0}


def test_the_corrected_budget_wins_whatever_the_row_order():
    budgets = budgets_frame(
        (2026, "5.28.21", "corrected", 1500.0), (2026, "5.28.21", "adopted", 1000.0)
    )
    assert dict(effective_budget(budgets, 2026).iter_rows()) == {"5.28.21": 1500.0}


def test_no_budget_rows_give_an_empty_budget():
    assert effective_budget(None, 2026).height == 0
    assert effective_budget(budgets_frame(), 2026).height == 0


def test_the_forecast_compares_with_the_effective_budget():
    grants = grants_frame(grant(account="5.28.21", start=D(2026, 1, 1), price=1.0))
    budgets = budgets_frame(
        (2026, "5.28.21", "adopted", 100.0),
        (2026, "5.28.21", "corrected", 500.0),
        (2026, "5.38.50", "adopted", 50.0),
    )
    table = forecast(grants, budgets, None, year=2026, as_of=D(2026, 5, 31))
    lines = {row["account"]: row for row in table.iter_rows(named=True)}
    assert set(lines) == {"5.28.21", "5.38.50"}  # a budget without grants is a line
    assert lines["5.28.21"]["budget"] == 500.0
    assert lines["5.28.21"]["deviation"] == pytest.approx(500.0 - 365.0)  # underspend is positive
    assert lines["5.38.50"]["expected"] == 0.0 and lines["5.38.50"]["deviation"] == 50.0


def test_an_account_with_grants_but_no_budget_has_budget_zero_and_negative_deviation():
    grants = grants_frame(grant(account="5.38.50", start=D(2026, 1, 1), price=2.0))
    line = forecast(grants, None, None, year=2026, as_of=D(2026, 5, 31)).row(0, named=True)
    assert line["budget"] == 0.0
    assert line["deviation"] == pytest.approx(-730.0)  # overspend is negative


def test_an_account_whose_grants_cost_nothing_in_the_year_is_no_line():
    grants = grants_frame(
        grant(account="5.28.21", start=D(2026, 1, 1), price=1.0),
        grant(account="5.38.50", start=D(2025, 1, 1), end=D(2025, 12, 31), price=1.0),
    )
    assert forecast(grants, None, None, year=2026, as_of=D(2026, 5, 31))["account"].to_list() == [
        "5.28.21"
    ]


def test_lines_are_sorted_by_account():
    grants = grants_frame(
        *(grant(grant_id=a, account=a) for a in ("5.38.59", "5.28.20", "5.38.42", "5.28.23"))
    )
    table = forecast(grants, None, None, year=2026, as_of=D(2026, 5, 31))
    assert table["account"].to_list() == ["5.28.20", "5.28.23", "5.38.42", "5.38.59"]


# --- spent to date: ledger or grants ---------------------------------------------------------


def test_without_a_ledger_spent_comes_from_the_grants():
    grants = grants_frame(grant(start=D(2026, 1, 1), price=1.0))
    for postings in (None, postings_frame()):
        line = forecast(grants, None, postings, year=2026, as_of=D(2026, 5, 31)).row(0, named=True)
        assert line["spent_to_date"] == pytest.approx(151.0)
        assert line["committed_rest"] == pytest.approx(214.0)


def test_a_ledger_with_no_postings_in_the_year_does_not_count_as_a_ledger():
    grants = grants_frame(grant(start=D(2026, 1, 1), price=1.0))
    last_year = postings_frame((D(2025, 12, 31), "5.28.21", 5000.0, None))
    line = forecast(grants, None, last_year, year=2026, as_of=D(2026, 5, 31)).row(0, named=True)
    assert line["spent_to_date"] == pytest.approx(151.0)


def test_with_a_ledger_spent_is_the_postings_up_to_as_of():
    grants = grants_frame(grant(grant_id="G1", account="5.28.21", start=D(2026, 1, 1), price=1.0))
    postings = postings_frame(
        (D(2025, 12, 31), "5.28.21", 1_000_000.0, "G1"),  # last year
        (D(2026, 1, 1), "5.28.21", 100.0, "G1"),
        (D(2026, 5, 31), "5.28.21", 20.0, None),  # the as-of day counts
        (D(2026, 3, 3), "5.28.21", -5.0, "G1"),  # a refund
        (D(2026, 6, 1), "5.28.21", 1_000_000.0, "G1"),  # after as-of
        (D(2026, 4, 1), "5.38.50", 7.0, None),  # an account without grants
    )
    table = forecast(grants, None, postings, year=2026, as_of=D(2026, 5, 31))
    lines = {row["account"]: row for row in table.iter_rows(named=True)}
    assert lines["5.28.21"]["spent_to_date"] == pytest.approx(115.0)
    assert lines["5.28.21"]["committed_rest"] == pytest.approx(214.0)  # still from the grants
    assert lines["5.28.21"]["expected"] == pytest.approx(329.0)
    assert lines["5.38.50"]["spent_to_date"] == pytest.approx(7.0)
    assert lines["5.38.50"]["committed_rest"] == 0.0
    profile = monthly_profile(grants, postings, year=2026, as_of=D(2026, 5, 31))
    assert profile["spent"].to_list() == [100.0, 0.0, -5.0, 7.0, 20.0] + [0.0] * 7


def test_ledger_spending_follows_its_grant_in_other_groupings():
    grants = grants_frame(
        grant(grant_id="G1", team="Nord", start=D(2026, 1, 1), price=1.0),
        grant(grant_id="G2", team="Syd", start=D(2026, 1, 1), price=2.0),
    )
    postings = postings_frame(
        (D(2026, 2, 1), "5.28.21", 30.0, "G1"),
        (D(2026, 2, 1), "5.28.21", 50.0, "G2"),
        (D(2026, 2, 1), "5.28.21", 9.0, None),
        (D(2026, 2, 1), "5.28.21", 4.0, "unknown"),
    )
    table = forecast(grants, None, postings, year=2026, as_of=D(2026, 5, 31), by="team")
    lines = {row["team"]: row for row in table.iter_rows(named=True)}
    assert set(lines) == {"Nord", "Syd", UNASSIGNED}
    assert lines["Nord"]["spent_to_date"] == pytest.approx(30.0)
    assert lines["Syd"]["spent_to_date"] == pytest.approx(50.0)
    assert lines[UNASSIGNED]["spent_to_date"] == pytest.approx(13.0)
    assert lines["Syd"]["committed_rest"] == pytest.approx(2.0 * 214)
    by_account = totals(forecast(grants, None, postings, year=2026, as_of=D(2026, 5, 31)))
    assert totals(table)["expected"] == pytest.approx(by_account["expected"])


def test_grants_without_the_grouping_value_fall_in_uden():
    grants = grants_frame(grant(grant_id="G1", team=None), grant(grant_id="G2", team="Nord"))
    table = forecast(grants, None, None, year=2026, as_of=D(2026, 5, 31), by="team")
    assert table["team"].to_list() == [UNASSIGNED, "Nord"]  # "(" sorts before letters
    assert table["expected"].to_list() == [pytest.approx(365_000.0), pytest.approx(365_000.0)]


# --- totals and the monthly profile ----------------------------------------------------------


def test_totals_sum_every_measure():
    grants = grants_frame(
        grant(grant_id="G1", account="5.28.21", price=1.0),
        grant(grant_id="G2", account="5.38.50", price=2.0),
    )
    budgets = budgets_frame(
        (2026, "5.28.21", "corrected", 1000.0), (2026, "5.38.50", "corrected", 500.0)
    )
    got = totals(forecast(grants, budgets, None, year=2026, as_of=D(2026, 5, 31)))
    assert got == {
        "budget": pytest.approx(1500.0),
        "spent_to_date": pytest.approx(453.0),
        "committed_rest": pytest.approx(642.0),
        "expected": pytest.approx(1095.0),
        "deviation": pytest.approx(405.0),
    }


def test_the_monthly_profile_splits_each_month_at_as_of():
    grants = grants_frame(grant(start=D(2026, 1, 1), price=1.0))
    profile = monthly_profile(grants, None, year=2026, as_of=D(2026, 5, 20))
    may = profile.filter(pl.col("month") == 5).row(0, named=True)
    assert (may["spent"], may["committed"], may["expected"]) == (
        pytest.approx(20.0),
        pytest.approx(11.0),
        pytest.approx(31.0),
    )
    assert profile["expected"].to_list() == pytest.approx(
        [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    )


def test_the_monthly_profile_leaves_out_unknown_grants():
    grants = grants_frame(grant(start=D(2026, 1, 1), registered=D(2026, 7, 1), price=1.0))
    profile = monthly_profile(grants, None, year=2026, as_of=D(2026, 5, 31))
    assert profile["expected"].sum() == 0.0
    assert profile.height == 12

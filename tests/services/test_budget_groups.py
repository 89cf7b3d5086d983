"""A budget file may distribute an account's budget to areas and teams (docs/import.md,
"Budget"): stored with "" for "not distributed", re-imported without a change, replaced as
a whole per account, and refused with a Danish row problem when it is inconsistent."""

from __future__ import annotations

import datetime as dt

import pytest

from socialstyring.core.forecast import effective_budget
from socialstyring.io.problems import ImportRejected
from socialstyring.services.files import Upload
from socialstyring.services.imports import import_uploads
from socialstyring.storage import frames
from socialstyring.storage.models import Budget

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC)
HEADER = "år;konto;beløb;type;område;team\n"
DISTRIBUTED = HEADER + (
    "2026;5.28.21;600000;korrigeret;børn;Børn Nord\n"
    "2026;5.28.21;400000;korrigeret;børn;Børn Syd\n"
    "2026;5.38.50;250000;korrigeret;voksen;\n"
    "2026;5.38.50;50000;korrigeret;børn;\n"
    "2026;5.38.42;90000;oprindeligt;;\n"
)


def _import(text: str, name: str = "budget.csv"):
    (outcome,) = import_uploads([Upload(name, text.encode())], now=NOW, username="test")
    return outcome


def _stored() -> list[tuple]:
    return sorted(Budget.objects.values_list("year", "account", "kind", "area", "team", "amount"))


def test_a_distributed_budget_is_stored_per_area_and_team():
    outcome = _import(DISTRIBUTED)
    assert (outcome.created, outcome.updated, outcome.unchanged) == (5, 0, 0)
    assert _stored() == [
        (2026, "5.28.21", "corrected", "children", "Børn Nord", 600000.0),
        (2026, "5.28.21", "corrected", "children", "Børn Syd", 400000.0),
        (2026, "5.38.42", "adopted", "", "", 90000.0),
        (2026, "5.38.50", "corrected", "adults", "", 250000.0),
        (2026, "5.38.50", "corrected", "children", "", 50000.0),
    ]
    # The account view keeps one total per account: the sum over its groups.
    budgets = dict(effective_budget(frames.load_budgets(2026), 2026).iter_rows())
    assert budgets == {"5.28.21": 1_000_000.0, "5.38.42": 90_000.0, "5.38.50": 300_000.0}


def test_reimporting_the_same_distributed_file_touches_nothing():
    _import(DISTRIBUTED)
    ids = sorted(Budget.objects.values_list("id", "row_hash"))
    again = _import(DISTRIBUTED)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 5)
    assert sorted(Budget.objects.values_list("id", "row_hash")) == ids


def test_a_file_without_the_columns_is_stored_undistributed_and_reimports_unchanged():
    plain = "år;konto;beløb;type\n2026;5.28.21;1000000;korrigeret\n"
    assert _import(plain).created == 1
    assert _stored() == [(2026, "5.28.21", "corrected", "", "", 1_000_000.0)]
    again = _import(plain)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)


def test_a_new_file_replaces_an_accounts_rows_as_a_whole():
    _import("år;konto;beløb\n2026;5.28.21;1000000\n2026;5.38.42;90000\n")
    # Now distributed to two teams: the total row of 5.28.21 goes, 5.38.42 stays.
    outcome = _import(
        "år;konto;beløb;team\n2026;5.28.21;700000;Børn Nord\n2026;5.28.21;300000;Børn Syd\n"
    )
    assert (outcome.created, outcome.updated) == (2, 1)
    assert _stored() == [
        (2026, "5.28.21", "corrected", "", "Børn Nord", 700_000.0),
        (2026, "5.28.21", "corrected", "", "Børn Syd", 300_000.0),
        (2026, "5.38.42", "corrected", "", "", 90_000.0),
    ]
    # And back to one total: the teams' rows go.
    _import("år;konto;beløb\n2026;5.28.21;1000000\n")
    assert [r[:5] for r in _stored()][0] == (2026, "5.28.21", "corrected", "", "")
    assert len(_stored()) == 2


def _problems(text: str) -> list[tuple]:
    with pytest.raises(ImportRejected) as caught:
        _import(text)
    assert Budget.objects.count() == 0  # nothing half-stored
    return [(p.row, p.column, p.value, p.reason) for p in caught.value.problems]


def test_an_unknown_area_is_a_danish_row_problem():
    found = _problems(HEADER + "2026;5.28.21;100;;børn;A\n2026;5.28.21;100;;ældre;B\n")
    assert found == [(3, "område", "ældre", "Ukendt område (brug 'børn' eller 'voksen').")]


def test_a_row_without_a_team_beside_rows_with_one_is_a_row_problem():
    found = _problems(
        HEADER + "2026;5.28.21;100;;;Børn Nord\n2026;5.28.21;100;;;\n2026;5.38.42;100;;;\n"
    )
    assert found == [
        (
            3,
            "team",
            None,
            "Andre rækker fordeler kontoens budget for samme år og type på team; angiv team "
            "i dem alle eller i ingen.",
        )
    ]


def test_the_same_team_twice_is_a_repeated_row():
    found = _problems(HEADER + "2026;5.28.21;100;;;Nord\n2026;5.28.21;100;;;Nord\n")
    assert [(r, c) for r, c, _, _ in found] == [(3, "konto")]
    assert "Budget for samme år, konto, type, område og team" in found[0][3]


def test_a_team_longer_than_the_grants_team_is_a_row_problem():
    found = _problems(HEADER + f"2026;5.28.21;100;;;{'T' * 101}\n")
    assert [(r, c, reason) for r, c, _, reason in found] == [
        (2, "team", "Værdien er for lang: højst 100 tegn.")
    ]


def test_the_danish_aliases_of_the_grants_file_are_read():
    _import("Budgetår;Kontonr;Budget;Område;Afdeling\n2026;5.28.21;100;voksen;Team V\n")
    assert _stored() == [(2026, "5.28.21", "corrected", "adults", "Team V", 100.0)]

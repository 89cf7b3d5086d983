"""CPR numbers in any spelling (issue 8, "What was seen" 2): recognised in ``borger_id`` as
one citizen whatever the spelling, refused in every other text column without being
echoed."""

from __future__ import annotations

import pytest

from socialstyring.io.cpr import MASK
from tests.helpers import rejection, validated
from tests.helpers.files import csv_bytes, grant, grants_csv

PLAIN = "020290-1234"
SPELLINGS = [
    "020290-1234",
    "0202901234",
    "020290 1234",
    "020290–1234",  # en dash
    "020290—1234",  # em dash
    "020290‐1234",  # Unicode hyphen
    "020290 - 1234",
    "CPR 020290-1234",
    "CPR-nr. 020290-1234",
    "cpr.nr.: 0202901234",
    "CPR-nummer: 020290 1234",
    "  020290-1234\u00a0",
]


def test_every_spelling_is_one_citizen_with_the_plain_forms_pseudonym():
    rows = [grant(bevilling_id=f"B-{i}", borger_id=key) for i, key in enumerate(SPELLINGS)]
    frame = validated(grants_csv(*rows)).frame
    plain = validated(grants_csv(grant(borger_id=PLAIN))).frame["citizen_id"][0]
    assert plain.startswith("PS-")
    assert frame["citizen_id"].to_list() == [plain] * len(SPELLINGS)
    assert frame["birth_date"].dt.year().to_list() == [1990] * len(SPELLINGS)


@pytest.mark.parametrize(
    "column", ["bevilling_id", "familie_id", "indsats", "rådgiver", "team", "leverandør_id"]
)
@pytest.mark.parametrize("written", ["020290-1234", "020290 1234", "Borger 0202901234 mor"])
def test_a_cpr_number_in_another_grant_column_is_refused_and_masked(column, written):
    second = {"bevilling_id": "B-2", column: written}
    data = grants_csv(grant(bevilling_id="B-1"), grant(**second))
    found = rejection(data)
    assert [(p.row, p.column, p.value) for p in found.problems] == [(3, column, MASK)]
    assert "CPR-nummer" in found.problems[0].reason
    assert "1234" not in found.report()


def test_a_cpr_number_in_a_posting_text_is_refused():
    header = ["posterings_id", "bogføringsdato", "konto", "beløb", "tekst"]
    rows = [["P-1", "31-01-2026", "5.28.21", "100,00", "Betaling til 020290-1234"]]
    found = rejection(csv_bytes(header, rows), "posteringer.csv")
    assert [(p.row, p.column, p.value) for p in found.problems] == [(2, "tekst", MASK)]


def test_a_citizen_key_holding_a_cpr_number_it_does_not_recognise_is_refused():
    found = rejection(grants_csv(grant(borger_id="Borger 020290-1234")))
    assert [(p.column, p.value) for p in found.problems] == [("borger_id", MASK)]


@pytest.mark.parametrize(
    "value",
    [
        "010180123456",  # a twelve-digit line number holds ten digits, but is no CPR
        "1010801234567",
        "Faktura 3201801234",  # no 32nd day
        "01005-528211002-015027",  # an account string
        "CVR 12345678",
        "B-2026-0001",
    ],
)
def test_numbers_that_only_look_long_are_not_taken_for_cpr_numbers(value):
    frame = validated(grants_csv(grant(indsats=value))).frame
    assert frame["service"][0] == value


def test_every_problem_masks_a_cpr_number_in_its_value():
    """A duplicate key shows its value, but a CPR-shaped one never."""
    data = grants_csv(grant(bevilling_id="B-1", pris="x 311299-9999"))
    found = rejection(data)
    assert found.problems[0].value == f"x {MASK}"

"""Field lengths are declared once, in the registry, and checked by validation (issue 8,
"What was seen" 7): a value too long for its column is a row problem on every database,
never a DataError from PostgreSQL or a 100.000-character value stored by SQLite."""

from __future__ import annotations

import pytest
from django.db import models

from socialstyring.terms import FileKind
from tests.helpers import rejection, validated
from tests.helpers.files import csv_bytes, grant, grants_csv
from tests.helpers.models import MODELS


@pytest.mark.parametrize("kind", list(FileKind))
def test_the_models_lengths_are_the_registrys(kind):
    for field in kind.fields:
        column = MODELS[kind]._meta.get_field(field.name)
        if isinstance(column, models.CharField):
            assert column.max_length == field.max_length, field.name
        elif isinstance(column, models.TextField):  # the database keeps any length
            assert field.max_length is not None, field.name
        else:
            assert field.max_length is None, field.name


@pytest.mark.parametrize(
    ("column", "limit"),
    [("bevilling_id", 64), ("indsats", 300), ("team", 100), ("rådgiver", 64), ("paragraf", 80)],
)
def test_a_value_longer_than_its_field_is_a_row_problem(column, limit):
    at_limit = validated(grants_csv(grant(**{column: "A" * limit}))).frame
    assert at_limit.height == 1
    found = rejection(grants_csv(grant(bevilling_id="B-0"), grant(**{column: "A" * (limit + 1)})))
    assert [(p.row, p.column) for p in found.problems] == [(3, column)]
    assert found.problems[0].reason == f"Værdien er for lang: højst {limit} tegn."


def test_a_long_value_is_shown_shortened_in_the_report():
    found = rejection(grants_csv(grant(indsats="Bostøtte " * 12_000)))
    value = found.problems[0].value
    assert value is not None and len(value) == 61 and value.endswith("…")


def test_a_citizen_key_is_held_to_its_length_but_a_long_cpr_spelling_is_not():
    assert validated(grants_csv(grant(borger_id="CPR-nummer:   020290 - 1234"))).rows == 1
    found = rejection(grants_csv(grant(borger_id="K" * 65)))
    assert [p.column for p in found.problems] == ["borger_id"]


def test_a_posting_without_a_key_whose_content_is_too_long_to_identify_it():
    header = ["bogføringsdato", "konto", "beløb", "bevilling_id", "tekst"]
    text = "Betaling for ophold " * 12  # 240 characters: within tekst's 500
    rows = [["31-01-2026", "5.28.21", "100,00", "B" * 64, text]]
    found = rejection(csv_bytes(header, rows), "posteringer.csv")
    assert [(p.row, p.column) for p in found.problems] == [(2, "tekst")]
    assert "intet posterings_id" in found.problems[0].reason
    with_key = csv_bytes(["posterings_id", *header], [["P-1", *rows[0]]])
    assert validated(with_key, "posteringer.csv").rows == 1

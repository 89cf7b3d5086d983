"""The grants file's optional løbende column (ja/nej): read, validated, stored."""

from __future__ import annotations

import pytest

from socialstyring.io.schema import GRANTS
from tests.helpers import rejection, validated
from tests.helpers.files import grant, grants_csv


def test_the_column_is_declared_with_its_danish_name():
    column = GRANTS.column("open_ended")
    assert column.name == "løbende" and not column.required


@pytest.mark.parametrize(
    ("cell", "stored"), [("ja", "yes"), ("Nej", "no"), (" JA ", "yes"), ("", None)]
)
def test_ja_and_nej_are_read(cell, stored):
    frame = validated(grants_csv(grant(løbende=cell, slutdato="30-06-2026"))).frame
    assert frame["open_ended"].to_list() == [stored]


def test_without_the_column_nothing_is_said():
    frame = validated(grants_csv(grant())).frame
    assert frame["open_ended"].to_list() == [None]


def test_another_value_is_a_danish_row_error_naming_row_and_column():
    data = grants_csv(
        grant(bevilling_id="B-1", løbende="ja"), grant(bevilling_id="B-2", løbende="måske")
    )
    (problem,) = rejection(data).problems
    assert (problem.row, problem.column, problem.value) == (3, "løbende", "måske")
    assert problem.reason == "Skriv ja eller nej (om bevillingen er givet uden slutdato)."


def test_nej_without_an_end_date_is_a_contradiction():
    data = grants_csv(grant(løbende="nej", slutdato=""))
    (problem,) = rejection(data).problems
    assert (problem.row, problem.column) == (2, "løbende")
    assert "ikke løbende" in problem.reason


def test_an_alias_header_is_understood():
    frame = validated(grants_csv(grant(**{"Løbende bevilling": "ja"}))).frame
    assert frame["open_ended"].to_list() == ["yes"]
    assert frame["end"].to_list() == [None]

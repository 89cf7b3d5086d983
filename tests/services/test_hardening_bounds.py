"""Bounded input through the whole import, the same on SQLite and PostgreSQL (issue 8,
"What was seen" 7): a 100.000-character value or a NUL byte is a row problem with a
Danish reason, recorded in the import history; nothing is stored and no DataError."""

from __future__ import annotations

import datetime as dt

import pytest

from socialstyring.io.problems import ImportRejected
from socialstyring.services.files import Upload
from socialstyring.services.imports import import_uploads
from socialstyring.storage.models import Grant, ImportRecord

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC)
HEADER = "bevilling_id;borger_id;område;paragraf;konto;startdato;pris;prisenhed;team\n"


def grants(team: str) -> Upload:
    row = f"B-1;P-1;børn;BL § 32;5.28.21;01-01-2026;100,00;dag;{team}\n"
    ok = "B-2;P-2;børn;BL § 32;5.28.21;01-01-2026;100,00;dag;Børn Syd\n"
    return Upload("bevillinger.csv", (HEADER + ok + row).encode())


@pytest.mark.parametrize(
    ("team", "reason"),
    [("x" * 100_000, "Værdien er for lang: højst 100 tegn."), ("Børn\x00Syd", "kontroltegn")],
)
def test_a_bad_cell_is_a_row_problem_on_every_database(team, reason):
    with pytest.raises(ImportRejected) as caught:
        import_uploads([grants(team)], now=NOW, username="test")
    problem = caught.value.problems[0]
    assert (problem.row, problem.column) == (3, "team") and reason in problem.reason
    assert Grant.objects.count() == 0
    record = ImportRecord.objects.get()
    assert not record.accepted and reason in record.report
    assert "\x00" not in record.report and len(record.report) < 2000

"""Never half stored (issue 8): a set of files with arbitrary cell contents is either
stored whole, every row of every file, or not at all, with the project's own rejection
and the attempt in the import history."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from socialstyring.io.problems import ImportRejected
from socialstyring.services.files import Upload
from socialstyring.services.imports import import_uploads
from socialstyring.storage.models import Grant, ImportRecord, Provider
from tests.helpers.files import csv_bytes

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC)
GRANTS = ["bevilling_id", "borger_id", "område", "paragraf", "konto", "startdato", "pris"]
GRANTS += ["prisenhed", "indsats", "team", "leverandør_id"]
PROVIDERS = ["leverandør_id", "navn", "type", "tilbudstype"]
GOOD_GRANT = ["B-{n}", "P-{n}", "børn", "BL § 32", "5.28.21", "01-01-2026", "100,00", "dag"]
GOOD_GRANT += ["Aflastning", "Børn Syd", "L-1"]

CELL = st.one_of(
    st.text(st.characters(exclude_categories=("Cs",)), max_size=12),
    st.sampled_from(["", "010203-1234", "x" * 400, "voksen", "uge", "31-02-2026", "-5"]),
)


@st.composite
def files(draw) -> tuple[list[Upload], int]:
    """Two files: mostly good rows, some cells replaced by arbitrary ones."""
    grants = []
    for n in range(draw(st.integers(1, 5))):
        row = [cell.format(n=n) for cell in GOOD_GRANT]
        for at in draw(st.lists(st.integers(0, len(row) - 1), max_size=2)):
            row[at] = draw(CELL)
        grants.append(row)
    providers = [["L-1", "Aflastningshuset", draw(st.sampled_from(["egen", "privat", "?"])), ""]]
    uploads = [
        Upload("leverandører.csv", csv_bytes(PROVIDERS, providers)),
        Upload("bevillinger.csv", csv_bytes(GRANTS, grants)),
    ]
    return uploads, len(grants)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(case=files())
def test_a_set_is_stored_whole_or_not_at_all(case):
    uploads, grant_rows = case
    Grant.objects.all().delete()
    Provider.objects.all().delete()
    ImportRecord.objects.all().delete()
    rows = {"leverandører.csv": 1, "bevillinger.csv": grant_rows}
    try:
        outcomes = import_uploads(uploads, now=NOW, username="fuzz")
    except ImportRejected as rejected:
        assert rejected.report().startswith("Afvist: ")
        assert (Grant.objects.count(), Provider.objects.count()) == (0, 0)
        assert ImportRecord.objects.filter(accepted=False).count() == 2
        return
    assert {o.file_name: o.rows for o in outcomes} == rows
    assert Grant.objects.count() == rows["bevillinger.csv"]
    assert Provider.objects.count() == 1
    assert not Grant.objects.filter(citizen_id__contains="010203").exists()

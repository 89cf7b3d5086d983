"""The kommunekode column: rows of several municipalities in one file, each stored under
its own, and never under one the import does not work for."""

from __future__ import annotations

import datetime as dt

import pytest

from socialstyring.io.problems import ImportRejected
from socialstyring.services.files import Upload
from socialstyring.services.imports import import_uploads
from socialstyring.storage import tenancy
from socialstyring.storage.models import Grant

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC)
HEADER = "bevilling_id;borger_id;område;paragraf;konto;startdato;pris;prisenhed;kommunekode\n"


def grants(*rows: tuple[str, str]) -> list[Upload]:
    body = "".join(
        f"{grant_id};P-{grant_id};voksen;SEL § 85;5.38.38;01-01-2026;1000;dag;{code}\n"
        for grant_id, code in rows
    )
    return [Upload("bevillinger.csv", (HEADER + body).encode("utf-8"))]


def stored() -> dict[tuple[str, str], str]:
    with tenancy.scopes_disabled():
        return {(g.municipality, g.grant_id): g.citizen_id for g in Grant.objects.all()}


def test_each_row_is_stored_under_its_own_municipality():
    # On PostgreSQL through the tenant role too: row-level security admits both.
    with tenancy.activate(["101", "851"]):
        import_uploads(grants(("G1", "101"), ("G1", "851"), ("G2", "0851")), now=NOW)
    assert set(stored()) == {("101", "G1"), ("851", "G1"), ("851", "G2")}


def test_a_row_for_a_municipality_the_import_is_not_for_is_rejected_and_nothing_stored():
    with tenancy.activate("851", database=False), pytest.raises(ImportRejected) as caught:
        import_uploads(grants(("G1", "851"), ("G2", "101")), now=NOW)
    report = caught.value.report()
    assert "række 3" in report and "kommunekode" in report and "851" in report
    assert stored() == {}


def test_an_empty_cell_means_the_imports_own_municipality():
    with tenancy.activate("851", database=False):
        import_uploads(grants(("G1", "")), now=NOW)
    assert set(stored()) == {("851", "G1")}


def test_an_import_for_several_municipalities_needs_the_column():
    upload = Upload(
        "bevillinger.csv",
        (
            "bevilling_id;borger_id;område;paragraf;konto;startdato;pris;prisenhed\n"
            "G1;P1;voksen;SEL § 85;5.38.38;01-01-2026;1000;dag\n"
        ).encode(),
    )
    with tenancy.activate(["101", "851"], database=False), pytest.raises(ImportRejected) as caught:
        import_uploads([upload], now=NOW)
    assert "kommunekode" in caught.value.report()


def test_malformed_codes_are_row_errors():
    with tenancy.activate("851", database=False), pytest.raises(ImportRejected) as caught:
        import_uploads(grants(("G1", "85"), ("G2", "abc")), now=NOW)
    assert caught.value.report().count("tre cifre") == 2

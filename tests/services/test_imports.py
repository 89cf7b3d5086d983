"""Importing into the real database: all or nothing, idempotent, no CPR stored."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from django.db import connection

from socialstyring.io.problems import ImportRejected
from socialstyring.services.files import Upload
from socialstyring.services.imports import import_uploads
from socialstyring.storage.models import Budget, Grant, ImportRecord, Posting, Provider

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC)

GRANTS_HEADER = (
    "bevilling_id;borger_id;område;paragraf;konto;startdato;slutdato;pris;prisenhed;antal\n"
)


def _uploads(folder: Path) -> list[Upload]:
    return [Upload.from_path(p) for p in sorted(folder.glob("*.csv"))]


def _all_database_text() -> str:
    """Every value of every table as one string, to search for leaked CPR numbers."""
    chunks = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            chunks.extend(str(row) for row in cursor.fetchall())
    return "\n".join(chunks)


def test_it_imports_the_danish_example_and_counts_rows(examples):
    outcomes = import_uploads(_uploads(examples / "kommune-dk"), now=NOW, username="test")
    kinds = {o.kind: o for o in outcomes}
    assert kinds["bevillinger"].created == 60 == Grant.objects.count()
    assert kinds["budget"].created == 20 == Budget.objects.count()
    assert kinds["posteringer"].created == 60 == Posting.objects.count()
    assert kinds["leverandører"].created == 40 == Provider.objects.count()
    assert ImportRecord.objects.filter(accepted=True).count() == 4
    grant = Grant.objects.get(grant_id="B31-000001")
    assert grant.price == pytest.approx(445.90)
    assert grant.price_unit == "hour" and grant.quantity == 8
    assert grant.area == "adults" and grant.paragraph == "SEL § 108"


def test_it_stores_no_cpr_number_anywhere(examples):
    raw = (examples / "kommune-dk" / "bevillinger.csv").read_bytes().decode("cp1252")
    cprs = set(re.findall(r";(\d{6}-\d{4});", raw))
    assert len(cprs) > 10
    import_uploads(_uploads(examples / "kommune-dk"), now=NOW)
    stored = _all_database_text()
    for cpr in cprs:
        assert cpr not in stored
        assert cpr.replace("-", "") not in stored
    pseudonymised = Grant.objects.get(grant_id="B31-000000")
    assert pseudonymised.citizen_id.startswith("PS-")
    assert pseudonymised.birth_date == dt.date(2016, 12, 22)


def test_reimporting_the_same_files_changes_nothing(examples):
    import_uploads(_uploads(examples / "kommune-dk"), now=NOW)
    before = _all_database_text().replace(str(NOW), "")
    again = import_uploads(_uploads(examples / "kommune-dk"), now=NOW)
    assert all(o.created == 0 and o.updated == 0 and o.unchanged == o.rows for o in again)
    assert Grant.objects.count() == 60
    grants_before = sorted(Grant.objects.values_list("grant_id", "citizen_id", "price"))
    assert len(grants_before) == 60 and before


def test_a_changed_record_is_updated(tmp_path):
    first = GRANTS_HEADER + "G1;P-1;voksen;SEL § 85;5.38.38;01-01-2026;;500,00;time;5\n"
    second = GRANTS_HEADER + (
        "G1;P-1;voksen;SEL § 85;5.38.38;01-01-2026;30-06-2026;550,00;time;5\n"
        "G2;P-2;voksen;SEL § 85;5.38.38;01-02-2026;;500,00;time;2\n"
    )
    import_uploads([Upload("b.csv", first.encode())], now=NOW)
    (outcome,) = import_uploads([Upload("b.csv", second.encode())], now=NOW)
    assert (outcome.created, outcome.updated, outcome.unchanged) == (1, 1, 0)
    g1 = Grant.objects.get(grant_id="G1")
    assert g1.price == 550.0 and g1.end == dt.date(2026, 6, 30)


def test_a_bad_file_stores_nothing_not_even_the_good_files(examples):
    bad = GRANTS_HEADER + "G1;P-1;voksen;SEL § 85;5.38.38;31-02-2026;;500,00;time;5\n"
    uploads = [*_uploads(examples / "kommune-dk"), Upload("fejl.csv", bad.encode())]
    with pytest.raises(ImportRejected) as caught:
        import_uploads(uploads, now=NOW)
    assert any(p.file == "fejl.csv" and p.row == 2 for p in caught.value.problems)
    assert Grant.objects.count() == Budget.objects.count() == Posting.objects.count() == 0
    assert ImportRecord.objects.filter(accepted=True).count() == 0
    rejected = ImportRecord.objects.filter(accepted=False)
    assert rejected.count() == 5
    assert "række 2" in rejected.get(file_name="fejl.csv").report


def test_a_rejected_report_never_shows_the_cpr(tmp_path):
    bad = GRANTS_HEADER + "G1;310299-1234;voksen;SEL § 85;5.38.38;01-02-2026;;500,00;time;5\n"
    with pytest.raises(ImportRejected) as caught:
        import_uploads([Upload("cpr.csv", bad.encode())], now=NOW)
    assert "310299" not in caught.value.report()
    assert "310299" not in _all_database_text()
    assert "CPR" in caught.value.report()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="advisory locks are PostgreSQL's")
def test_a_second_import_for_the_same_municipality_is_refused_while_one_runs(examples):
    import psycopg
    from django.conf import settings

    from socialstyring.services.imports import LOCK_NAMESPACE
    from socialstyring.storage import tenancy

    db = settings.DATABASES["default"]
    other = psycopg.connect(
        dbname=db["NAME"], user=db["USER"], host=db["HOST"], port=db["PORT"] or 5432
    )
    try:
        key = f"{LOCK_NAMESPACE}:{tenancy.default_code()}"
        other.execute("SELECT pg_advisory_lock(hashtext(%s))", [key])  # the running import
        with pytest.raises(ImportRejected) as caught:
            import_uploads(_uploads(examples / "kommune-dk"), now=NOW)
        assert "En anden import for kommune" in caught.value.report()
        assert not Grant.objects.exists()
    finally:
        other.close()
    import_uploads(_uploads(examples / "kommune-dk"), now=NOW)  # free again
    assert Grant.objects.exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite keeps any length")
def test_a_set_the_database_refuses_is_a_danish_report_and_kept_in_the_history(monkeypatch):
    # Validation now refuses what the database would (docs/import.md, "Limits"); should the
    # database still refuse a set, the user gets the same kind of report.
    from django.db import DataError

    from socialstyring.services import imports

    long_id = "G" * 60
    data = GRANTS_HEADER + f"{long_id};P1;voksen;SEL § 85;5.38.38;01-01-2026;;1000;dag;1\n"

    def refuse(*args, **kwargs):
        raise DataError(f"value too long: {long_id}")

    monkeypatch.setattr(imports, "_store", refuse)
    with pytest.raises(ImportRejected) as caught:
        import_uploads([Upload("bevillinger.csv", data.encode())], now=NOW)
    report = caught.value.report()
    assert "Databasen afviste filerne (DataError)" in report and long_id not in report
    assert not Grant.objects.exists()
    record = ImportRecord.objects.get()
    assert not record.accepted and "Databasen afviste" in record.report


def _spy_on_saves(monkeypatch) -> list[str]:
    from socialstyring.services import imports

    saved: list[str] = []
    real = imports.frames.save
    monkeypatch.setattr(
        imports.frames, "save", lambda kind, frame: saved.append(kind.value) or real(kind, frame)
    )
    return saved


def test_a_bad_grants_file_found_after_the_ledger_was_written_stores_nothing(examples, monkeypatch):
    saved = _spy_on_saves(monkeypatch)
    files = {u.name: u for u in _uploads(examples / "kommune-dk")}
    bad_row = "B-X;P-1;voksen;SEL § 85;5.38.38;31-02-2026;;500,00;time;5\n"
    grants = files["bevillinger.csv"].data + bad_row.encode("cp1252")
    files["bevillinger.csv"] = Upload("bevillinger.csv", grants)
    with pytest.raises(ImportRejected) as caught:
        import_uploads(list(files.values()), now=NOW)
    assert {p.file for p in caught.value.problems} == {"bevillinger.csv"}
    assert saved == ["providers", "budgets", "postings"]  # written, then rolled back
    assert not Posting.objects.exists() and not Provider.objects.exists()
    assert not ImportRecord.objects.filter(accepted=True).exists()
    assert ImportRecord.objects.filter(accepted=False).count() == 4


def test_the_grants_are_checked_while_the_ledger_is_being_stored(examples, monkeypatch):
    import threading

    from socialstyring.services import files, imports

    ledger_being_stored = threading.Event()
    real_check, real_save = files.check_upload, imports.frames.save

    def check(upload, *args, **kwargs):
        if upload.name == "bevillinger.csv":  # checked only once the ledger is being stored
            assert ledger_being_stored.wait(timeout=30)
        return real_check(upload, *args, **kwargs)

    def save(kind, frame):
        if kind.value == "postings":
            ledger_being_stored.set()
        return real_save(kind, frame)

    monkeypatch.setattr(imports, "check_upload", check)
    monkeypatch.setattr(imports.frames, "save", save)
    outcomes = import_uploads(_uploads(examples / "kommune-dk"), now=NOW)
    assert [o.file_name for o in outcomes] == STORE_ORDER
    assert Grant.objects.count() == 60


STORE_ORDER = ["leverandører.csv", "budget.csv", "posteringer.csv", "bevillinger.csv"]


def test_a_file_of_another_kind_than_its_header_announced_is_stored_in_order(examples, monkeypatch):
    """The order comes from each file's first line; should the whole file say otherwise,
    what was stored is rolled back and the files are stored again in the order of
    ``imports.ORDER``."""
    from socialstyring.services import imports
    from socialstyring.terms import FileKind

    announced = {"leverandører.csv": FileKind.POSTINGS, "posteringer.csv": FileKind.PROVIDERS}
    monkeypatch.setattr(imports, "announced_kind", lambda u: announced.get(u.name))
    saved = _spy_on_saves(monkeypatch)
    outcomes = import_uploads(_uploads(examples / "kommune-dk"), now=NOW)
    assert [o.file_name for o in outcomes] == STORE_ORDER
    # The ledger first (announced as providers), then, rolled back, all again in order.
    assert saved[-4:] == ["providers", "budgets", "postings", "grants"]
    assert len(saved) > 4
    assert [o.created for o in outcomes] == [40, 20, 60, 60]
    assert Provider.objects.count() == 40 and Grant.objects.count() == 60
    assert ImportRecord.objects.filter(accepted=True).count() == 4


def test_a_new_database_is_expected_to_check_against_the_shipped_reference_and_key():
    """What the CLI checks files against while a new database is set up is what the set-up
    database then says: so the early checks are used, not made again."""
    from socialstyring.services.imports import while_set_up
    from socialstyring.services.installation import pseudonymiser
    from socialstyring.services.reference import database_reference

    ref, key = while_set_up(None)
    assert ref == database_reference()
    assert key.same_key(pseudonymiser())


def _counted_checks(monkeypatch) -> list[str]:
    from socialstyring.services import files, imports

    checked: list[str] = []
    real = files.check_upload
    monkeypatch.setattr(
        imports, "check_upload", lambda u, *a, **k: checked.append(u.name) or real(u, *a, **k)
    )
    return checked


def test_checks_begun_before_the_import_are_used_when_they_still_hold(examples, monkeypatch):
    from socialstyring.services.imports import start_checking, while_set_up

    checked = _counted_checks(monkeypatch)
    uploads = _uploads(examples / "kommune-dk")
    early = start_checking(uploads, *while_set_up(None))
    outcomes = import_uploads(uploads, now=NOW, checking=early)
    assert sorted(checked) == sorted(u.name for u in uploads)  # each file checked once
    assert [o.created for o in outcomes] == [40, 20, 60, 60]


def test_checks_against_other_reference_data_are_made_again(examples, monkeypatch):
    import dataclasses

    from socialstyring.services.imports import start_checking, while_set_up

    checked = _counted_checks(monkeypatch)
    uploads = _uploads(examples / "kommune-dk")
    ref, key = while_set_up(None)
    # The early checks knew no accounts, so they reject every row; the database knows them.
    early = start_checking(uploads, dataclasses.replace(ref, accounts=frozenset()), key)
    outcomes = import_uploads(uploads, now=NOW, checking=early)
    assert len(checked) == 2 * len(uploads)
    assert [o.created for o in outcomes] == [40, 20, 60, 60]
    assert Grant.objects.count() == 60

"""No CPR number is stored, logged, shown or exported in any spelling (issue 8, "What was
seen" 2): files with CPR numbers in every spelling go in through the upload page, one set
accepted and one refused; then the whole database, the logs, the pages and every export
are searched for any spelling of any of the numbers."""

from __future__ import annotations

import io
import logging
import re
import zipfile

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from socialstyring.storage.models import Grant, ImportRecord
from tests.web.factories import make_municipality, make_user

pytestmark = pytest.mark.django_db

# Ten-digit numbers with real dates in the past: valid CPR numbers.
NUMBERS = ["0202901234", "0303901234", "0707701234", "0102031234", "1512804321", "3112991111"]
SEPARATORS = ["-", "", " ", "\u2013", "\u2014", "\u2010", " - ", "\u00a0"]
PREFIXES = ["", "CPR ", "CPR-nr. ", "cpr.nr.:", "CPR-nummer: "]
HEADER = "bevilling_id;borger_id;område;paragraf;konto;startdato;pris;prisenhed;indsats;team"
PERIOD = "?year=2026&as_of=2026-05-31"


def spellings(number: str) -> list[str]:
    return [f"{p}{number[:6]}{s}{number[6:]}" for p in PREFIXES for s in SEPARATORS]


def any_spelling(text: str) -> list[str]:
    """Every place in ``text`` where one of the numbers stands, however it is written."""
    found = []
    for number in NUMBERS:
        pattern = re.escape(number[:6]) + r"\D{0,3}" + re.escape(number[6:])
        found += re.findall(pattern, text)
    return found


def database_text() -> str:
    chunks = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            chunks.extend(str(row) for row in cursor.fetchall())
    return "\n".join(chunks)


def export_text(content: bytes) -> str:
    """A CSV as text, an XLSX as the text of every part of the zip."""
    if content.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(content)) as book:
            return "\n".join(book.read(n).decode("utf-8", "replace") for n in book.namelist())
    return content.decode("utf-8", "replace")


def accepted_file() -> bytes:
    rows = []
    for n, number in enumerate(NUMBERS):
        for m, key in enumerate(spellings(number)):
            rows.append(
                f"B-{n}-{m};{key};børn;BL § 32;5.28.21;01-01-2026;100,00;dag;Aflastning;Børn Syd"
            )
    return "\n".join([HEADER, *rows, ""]).encode()


def refused_file() -> bytes:
    """CPR numbers where they must not be: each column a different spelling."""
    rows = [
        f"B-1;P-1;børn;BL § 32;5.28.21;01-01-2026;100,00;dag;Aflastning {NUMBERS[0]};Børn Syd",
        "B-2;P-2;børn;BL § 32;5.28.21;01-01-2026;100,00;dag;Aflastning;Team 030390–1234",
        "B-070770 1234;P-3;børn;BL § 32;5.28.21;01-01-2026;100,00;dag;Aflastning;Børn Syd",
        "B-4;Borger 010203-1234;børn;BL § 32;5.28.21;01-01-2026;100,00;dag;x;Børn Syd",
        "B-5;P-5;151280-4321;BL § 32;5.28.21;01-01-2026;100,00;dag;Aflastning;Børn Syd",
        "B-6;P-6;børn;BL § 32;5.28.21;01-01-2026;100,00;CPR 311299-1111;x;Børn Syd",
    ]
    return "\n".join([HEADER, *rows, ""]).encode()


def test_no_cpr_number_in_any_spelling_reaches_the_database_logs_pages_or_exports(caplog):
    caplog.set_level(logging.DEBUG)
    make_municipality()
    client = Client()
    client.force_login(make_user("oekonomi", "finance"))

    def upload(name: str, data: bytes):
        from django.core.files.uploadedfile import SimpleUploadedFile

        return client.post(reverse("imports_upload"), {"files": [SimpleUploadedFile(name, data)]})

    refused = upload("bevillinger-fejl.csv", refused_file())
    assert refused.status_code == 400
    shown = refused.content.decode()
    assert shown.count("CPR-nummer") >= 5
    assert upload("bevillinger.csv", accepted_file()).status_code == 302

    # One citizen per number, whatever the spelling.
    imported = Grant.objects.filter(grant_id__startswith="B-")
    assert imported.count() == len(NUMBERS) * len(PREFIXES) * len(SEPARATORS)
    assert imported.values("citizen_id").distinct().count() == len(NUMBERS)
    assert ImportRecord.objects.filter(accepted=False).exists()

    pages = [shown]
    citizen = imported.first().citizen_id  # type: ignore[union-attr]
    leader, admin = Client(), Client()
    leader.force_login(make_user("leder", "team_leader", team="Børn Syd"))
    admin.force_login(make_user("admin", "admin"))
    for user, url, status in (
        (client, reverse("overview") + PERIOD, 200),
        (client, reverse("grants") + PERIOD, 200),
        (client, reverse("imports"), 200),
        (leader, reverse("citizen", kwargs={"citizen_id": citizen}) + PERIOD, 200),
        (leader, reverse("citizen", kwargs={"citizen_id": "020290-1234"}) + PERIOD, 404),
        (admin, reverse("audit"), 200),
    ):
        response = user.get(url)
        assert response.status_code == status, url
        pages.append(response.content.decode())
    # A search for a CPR number is audited (masked); the page shows the user's own words.
    assert client.get(reverse("grants") + PERIOD + "&q=020290-1234").status_code == 200
    exports = [
        export_text(client.get(reverse(name, kwargs={"fmt": fmt}) + PERIOD).content)
        for name in ("overview_export", "grants_export")
        for fmt in ("xlsx", "csv")
    ]
    assert any("Aflastning" in e for e in exports)  # the exports hold the grants
    logs = "\n".join(f"{r.name}: {r.getMessage()}" for r in caplog.records)

    dump = database_text()
    assert [dump[max(0, dump.find(s) - 200) : dump.find(s) + 50] for s in any_spelling(dump)] == []
    assert [p for page in pages for p in any_spelling(page)] == []
    assert [e for export in exports for e in any_spelling(export)] == []
    assert [line for line in logs.splitlines() if any_spelling(line)] == []

"""The edges of requests and accounts: bad input is a 400 with a Danish message, never a
500; any characters in a key; personal data never cached; weak passwords refused."""

from __future__ import annotations

import os
import secrets
import stat
import subprocess
import sys

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse

from tests.web.factories import make_grant, make_municipality, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def finance():
    make_municipality()
    client = Client()
    client.force_login(make_user("oekonomi", "finance"))
    return client


@pytest.mark.parametrize(
    "query, message",
    [
        ("?year=2026&as_of=9999-12-31", "Opgørelsesdatoen skal ligge i 2026 eller året efter."),
        ("?year=2026&as_of=31-05-2026x", "Opgørelsesdatoen skal være en dato"),
        ("?year=abc", "Året skal være et tal"),
        ("?year=99999", "Året skal ligge mellem 2000 og 2100."),
    ],
)
@pytest.mark.parametrize("name", ["overview", "grants", "snapshot_new"])
def test_dates_outside_the_sane_range_are_a_danish_400(finance, name, query, message):
    response = finance.get(reverse(name) + query)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_an_export_with_an_impossible_date_is_a_400_too(finance):
    url = reverse("overview_export", kwargs={"fmt": "xlsx"}) + "?year=2026&as_of=9999-12-31"
    assert finance.get(url).status_code == 400


def test_the_next_years_as_of_day_is_allowed(finance):
    assert finance.get(reverse("overview") + "?year=2026&as_of=2027-01-20").status_code == 200


@pytest.mark.parametrize("url", ["/bevillinger/?q=%00", "/borger/PS%00X/", "/oversigt/?by=%01"])
def test_control_characters_are_a_400_on_every_database(finance, url):
    response = finance.get(url)
    assert response.status_code == 400
    assert "kontroltegn" in response.content.decode()


def test_a_citizen_key_with_a_slash_has_a_working_page_and_link():
    make_grant("G-S", "KOMMUNE/4711", team="Børn Syd", caseworker="ABC")
    client = Client()
    client.force_login(make_user("raadgiver", "caseworker", team="Børn Syd", caseworker_code="ABC"))
    listing = client.get(reverse("grants") + "?year=2026&as_of=2026-05-31")
    assert listing.status_code == 200
    link = reverse("citizen", kwargs={"citizen_id": "KOMMUNE/4711"})
    assert link in listing.content.decode()
    page = client.get(link + "?year=2026&as_of=2026-05-31")
    assert page.status_code == 200 and "G-S" in page.content.decode()


def test_signed_in_pages_are_never_cached(finance):
    for url in (reverse("overview"), reverse("grants_export", kwargs={"fmt": "csv"})):
        cache_control = finance.get(url)["Cache-Control"]
        assert "no-store" in cache_control and "private" in cache_control


@pytest.mark.parametrize("password", ["aaaaaaaaaaaa", "123456789012", "abcdefghijkl"])
def test_weak_passwords_are_refused_even_when_long_enough(password):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_a_strong_passphrase_is_accepted():
    validate_password("fjordhest-kaffekande-oktober-91")


def _cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "socialstyring.cli.main", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **env},
    )


def test_demo_refuses_to_run_in_production(tmp_path):
    env = {
        "SOCIALSTYRING_DATA_DIR": str(tmp_path),
        "SOCIALSTYRING_PRODUCTION": "true",
        "SOCIALSTYRING_SECRET_KEY": secrets.token_urlsafe(60),
        "SOCIALSTYRING_PSEUDONYM_KEY": secrets.token_hex(32),
        "SOCIALSTYRING_SSL_REDIRECT": "false",
    }
    done = _cli("demo", env=env)
    assert done.returncode == 2
    assert "produktion" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite file's own mode")
def test_the_sqlite_file_and_its_folder_are_private(tmp_path):
    data_dir = tmp_path / "data"
    env = {"SOCIALSTYRING_DATA_DIR": str(data_dir), "DATABASE_URL": ""}
    assert _cli("init", env=env).returncode == 0
    assert stat.S_IMODE((data_dir / "socialstyring.sqlite3").stat().st_mode) == 0o600
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700


def test_a_large_body_from_someone_not_signed_in_is_refused_before_it_is_read():
    response = Client().generic(
        "POST",
        reverse("imports_upload"),
        b"x" * (64 * 1024 + 1),
        content_type="application/octet-stream",
    )
    assert response.status_code == 413


def test_an_upload_over_the_limit_is_refused_in_danish(finance, settings):
    settings.MAX_UPLOAD_BYTES = 1024 * 1024
    big = SimpleUploadedFile("bevillinger.csv", b"a;b\n" + b"1;2\n" * 300_000)
    response = finance.post(reverse("imports_upload"), {"files": [big]})
    assert response.status_code == 413
    assert "Filerne er for store: højst 1 MB ad gangen." in response.content.decode()

"""Browser tests: Playwright (sync API) drives Debian's Chromium against pytest-django's
``live_server`` — a real server on the real test database (SQLite, or PostgreSQL when
DATABASE_URL is set).

``live_server`` runs each test in a transactional database that is flushed afterwards,
which also deletes the reference data migration 0002 loaded (chart of accounts,
municipalities …); :func:`reference_data` puts it back. Each test that needs figures loads
a small synthetic municipality through the ordinary import.
"""

from __future__ import annotations

import datetime as dt
import importlib
import os
import re
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django's async-safety check
# would otherwise refuse the ORM calls the tests make between browser steps.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = (
    os.environ.get("SOCIALSTYRING_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
)
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

YEAR = 2026
AS_OF = dt.date(2026, 5, 31)
NOW = dt.datetime(2026, 6, 1, 8, 0, tzinfo=dt.UTC)
SEED = 31
GRANTS = 600
PERIOD = f"year={YEAR}&as_of={AS_OF.isoformat()}"
PASSWORD = "demo"  # services.demo.DEMO_PASSWORD
ALL_FILES = ("leverandører", "budget", "bevillinger", "posteringer")


# --- the database ------------------------------------------------------------------------


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """On a server database, a test database of our own (``test_<name>_browser``), so a
    browser run does not drop the database of another test run on the same server."""
    from django.conf import settings

    for db in settings.DATABASES.values():
        if db["ENGINE"] != "django.db.backends.sqlite3":
            test = db.setdefault("TEST", {})
            test["NAME"] = f"{test.get('NAME') or 'test_' + db['NAME']}_browser"


@pytest.fixture
def reference_data(transactional_db):
    """The reference tables, reloaded after the previous test's flush."""
    from django.apps import apps

    from socialstyring.storage.models import Account

    if not Account.objects.exists():
        migration = importlib.import_module("socialstyring.storage.migrations.0002_reference_data")
        migration.load(apps, None)


@pytest.fixture(autouse=True)
def _fast_passwords_and_fixed_day(settings, monkeypatch):
    # Real password hashing costs a second per demo user; these tests are about pages.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # "Today" is the day the demo data is drawn up to, so pages without ?as_of= agree.
    from socialstyring import clock

    monkeypatch.setattr(clock, "today", lambda: AS_OF)


@pytest.fixture(scope="session")
def demo_files(tmp_path_factory) -> dict[str, Path]:
    """The four import files of one small synthetic municipality, drawn once per run."""
    from socialstyring.demo.generator import generate, write_files

    demo = generate(seed=SEED, grants=GRANTS, year=YEAR, as_of=AS_OF)
    return write_files(demo, tmp_path_factory.mktemp("demo"))


def import_files(paths: list[Path], username: str = "demo"):
    from socialstyring.services.files import Upload
    from socialstyring.services.imports import import_uploads

    return import_uploads([Upload.from_path(p) for p in paths], now=NOW, username=username)


def demo_users() -> None:
    """oekonomi, leder, raadgiver, laeser, admin (password 'demo'), as ``socialstyring demo``."""
    from socialstyring.services.demo import _demo_users

    _demo_users()


@pytest.fixture
def municipality(reference_data, demo_files):
    """The whole municipality (providers, budget, grants, ledger) and the demo users."""
    import_files([demo_files[k] for k in ALL_FILES])
    demo_users()
    return demo_files


# --- the browser ---------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium not found at {CHROMIUM} "
            "(apt-get install chromium, or set SOCIALSTYRING_CHROMIUM)"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": 1400, "height": 1000},
        locale="da-DK",
        accept_downloads=True,
    )
    context.set_default_timeout(20_000)
    tab = context.new_page()
    yield tab
    context.close()


def login(page, username: str, password: str = PASSWORD, *, open_form: bool = True) -> None:
    """Log in through the form, as a person would (``open_form=False``: the form is open)."""
    if open_form:
        page.goto("/login/")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill(password)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url(lambda url: "/login/" not in url)


# --- reading Danish figures -------------------------------------------------------------------

_KRONER = re.compile(r"^(-?)(\d{1,3}(?:\.\d{3})*) kr\.$")


def kroner(text: str) -> int:
    """``'-1.234.567 kr.'`` → ``-1234567``; anything else is an error."""
    match = _KRONER.match(text.strip().replace("\u2212", "-"))
    assert match, f"not a Danish kroner amount: {text!r}"
    return int(match.group(1) + match.group(2).replace(".", ""))


def table_rows(page, selector: str, part: str = "tbody") -> list[list[str]]:
    """The cells' text of a table's rows (``th`` and ``td`` in order)."""
    return page.locator(f"{selector} > {part} > tr").evaluate_all(
        "rows => rows.map(r => Array.from(r.cells, c => c.innerText.trim()))"
    )

"""Shared fixtures. Core and io tests need no database; the rest use pytest-django's
real test database (SQLite by default, PostgreSQL when DATABASE_URL is set)."""

from __future__ import annotations

from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parent / "fixtures" / "examples"


@pytest.fixture
def examples() -> Path:
    if not EXAMPLES.exists():
        pytest.fail(f"The example files are missing at {EXAMPLES}")
    return EXAMPLES


@pytest.fixture(autouse=True)
def own_municipality():
    """Tests work for the installation's own municipality, as a single-municipality user
    does without thinking about it; tenancy tests activate others explicitly."""
    from socialstyring.storage import tenancy

    with tenancy.activate(tenancy.default_code(), database=False):
        yield


@pytest.fixture(autouse=True)
def fresh_frame_cache():
    """Each test's database is rolled back afterwards, which a real database never does to
    committed data: no test may see frames cached by another."""
    yield
    from socialstyring.services import frame_cache

    frame_cache.clear()


def pytest_configure(config):
    """Tests create many users; the production password hasher is deliberately slow."""
    if config.pluginmanager.hasplugin("django"):
        from django.conf import settings

        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
        # The suite never reads a developer's own key file.
        settings.PSEUDONYM_KEY = "test-pseudonym-key-0123456789abcdef"

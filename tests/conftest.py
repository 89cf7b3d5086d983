"""Shared fixtures. Core and io tests need no database; the rest use pytest-django's
real test database (SQLite by default, PostgreSQL when DATABASE_URL is set)."""

from __future__ import annotations

from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "shared" / "examples"


@pytest.fixture
def examples() -> Path:
    if not EXAMPLES.exists():
        pytest.fail(f"The shared examples are missing at {EXAMPLES}")
    return EXAMPLES

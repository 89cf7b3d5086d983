"""Each CLI test runs the real command in a new process against its own database."""

from __future__ import annotations

import os
import uuid

import pytest


@pytest.fixture(autouse=True)
def isolated_database(monkeypatch):
    """Each CLI test gets its own database: a file in tmp_path on SQLite, a fresh
    database on PostgreSQL (created and dropped here) when DATABASE_URL is set."""
    url = os.environ.get("DATABASE_URL")
    if not url:
        yield
        return
    import psycopg

    name = f"socialstyring_cli_{uuid.uuid4().hex[:12]}"
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    monkeypatch.setenv("DATABASE_URL", url.rsplit("/", 1)[0] + "/" + name)
    yield
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

"""The installation check before each command: a one-query fast path that must agree with
Django's migration loader."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

from socialstyring.services import installation


def test_the_migration_files_are_the_ones_djangos_loader_finds():
    loader = MigrationLoader(None, load=True)  # the files only, no database
    assert installation._migration_files() == set(loader.disk_migrations)


@pytest.mark.django_db(transaction=True)
def test_a_current_database_passes_by_the_fast_path_and_a_missing_record_does_not():
    assert installation._every_migration_recorded()
    assert installation.database_state() is installation.DatabaseState.CURRENT
    recorder = MigrationRecorder(connection)
    last = max(name for app, name in recorder.applied_migrations() if app == "storage")
    recorder.record_unapplied("storage", last)
    try:
        assert not installation._every_migration_recorded()
        assert installation.database_state() is installation.DatabaseState.BEHIND
    finally:
        recorder.record_applied("storage", last)

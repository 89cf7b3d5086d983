"""The project's data steps in migrations render the historical models only when their
function asks for them, and otherwise run as Django's own ``RunPython`` does."""

from __future__ import annotations

import pytest
from django.apps import apps as django_apps
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.state import ProjectState

from socialstyring.storage import migration_steps, policies

pytestmark = pytest.mark.django_db(transaction=True)  # SQLite: a schema editor outside atomic


def state() -> ProjectState:
    return ProjectState.from_apps(django_apps)


def rendered(project: ProjectState) -> bool:
    return "apps" in project.__dict__  # a cached property: set once rendered


def test_a_step_that_never_looks_at_a_model_renders_none():
    ran, before = [], state()
    step = migration_steps.RunPython(lambda apps, editor: ran.append(editor.connection.vendor))
    with connection.schema_editor() as editor:
        step.database_forwards("storage", editor, before, before.clone())
    assert ran == [connection.vendor]
    assert not rendered(before)


def test_a_step_that_asks_for_a_model_gets_the_historical_one():
    found, before = [], state()

    def forward(apps, editor):
        found.append(apps.get_model("storage", "Grant"))

    step = migration_steps.RunPython(forward, forward)
    with connection.schema_editor() as editor:
        step.database_forwards("storage", editor, before, before.clone())
        step.database_backwards("storage", editor, before, before.clone())
    assert [m._meta.db_table for m in found] == ["ss_grant", "ss_grant"]
    assert found[0] is not django_apps.get_model("storage", "Grant")  # the migration's
    assert rendered(before)


def test_a_step_without_a_way_back_refuses_to_go_back():
    step, before = migration_steps.RunPython(lambda apps, editor: None), state()
    with connection.schema_editor() as editor, pytest.raises(NotImplementedError):
        step.database_backwards("storage", editor, before, before.clone())


def test_every_data_step_of_the_project_is_the_lazy_one():
    """Django's own RunPython in a new migration would render every model again."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    ours = [m for (app, _), m in loader.disk_migrations.items() if app == "storage"]
    steps = [op for m in ours for op in m.operations if op.__class__.__name__ == "RunPython"]
    assert len(steps) >= 6
    assert all(isinstance(op, migration_steps.RunPython) for op in steps)
    assert isinstance(policies.tenant_tables("ss_grant"), migration_steps.RunPython)

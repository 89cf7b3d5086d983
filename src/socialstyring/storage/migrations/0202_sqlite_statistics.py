"""SQLite only: statistics for the tables imported before bulk loads renewed them
(``storage.saving._renew_sqlite_statistics``), so a municipality's rows are read by a scan
rather than row by row through an index that starts with the municipality."""

from django.db import migrations

from socialstyring.storage import migration_steps as steps


def analyze(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("ANALYZE")


class Migration(migrations.Migration):
    dependencies = [
        ("storage", "0201_regional_model_names"),
    ]

    operations = [steps.RunPython(analyze, steps.RunPython.noop)]

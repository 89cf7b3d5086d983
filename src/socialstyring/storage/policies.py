"""Row-level security on PostgreSQL for the tenant tables a migration creates, as
migration 0006 set it up for the first ones: the tenant role sees and writes only the
active municipalities' rows. On SQLite the operation does nothing."""

from __future__ import annotations

from socialstyring.storage import tenancy
from socialstyring.storage.migration_steps import RunPython

VISIBLE = f"municipality = ANY (string_to_array(current_setting('{tenancy.SETTING}', true), ','))"


def tenant_tables(*tables: str, shared: tuple[str, ...] = (), sequences: bool = False) -> RunPython:
    """The operation that grants the tenant role ``tables`` under a per-municipality policy,
    plus ``shared`` tables without one (and, with ``sequences``, the schema's sequences)."""

    def forward(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        run, role = schema_editor.execute, tenancy.ROLE
        for table in tables:
            run(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {table} TO {role}")
            run(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
            policy = f"USING ({VISIBLE}) WITH CHECK ({VISIBLE})"
            run(f"CREATE POLICY tenant ON {table} TO {role} {policy}")
        for table in shared:
            run(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {table} TO {role}")
        if sequences:
            run(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}")

    def backward(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for table in tables:
            schema_editor.execute(f"DROP POLICY IF EXISTS tenant ON {table}")
            schema_editor.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")

    return RunPython(forward, backward)

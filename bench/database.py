"""Import rate into SQLite or PostgreSQL and the forecast from the database, on a fresh
database. Usage: python bench/database.py sqlite|postgres [N] (BENCH_RUNS: runs of
each import, 3 by default)"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
import uuid

from common import AS_OF, YEAR, before_env, dataset, emit, rows_in, run_cli, summary, timed

PG_SERVER = os.environ.get("BENCH_PG", "postgresql://postgres@127.0.0.1:5432")


def fresh_database(kind: str) -> tuple[dict, callable]:
    if kind == "sqlite":
        folder = tempfile.mkdtemp(prefix="ss-bench-")
        return {"SOCIALSTYRING_DATA_DIR": folder, "DATABASE_URL": ""}, lambda: None
    import psycopg

    name = f"ss_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')

    def drop():
        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return {
        "DATABASE_URL": f"{PG_SERVER}/{name}",
        "SOCIALSTYRING_DATA_DIR": tempfile.mkdtemp(),
    }, drop


def _in_process_save(env: dict, n: int) -> dict:
    """The storage step alone (bulk upsert of validated grants) against Django's bulk_create."""
    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "socialstyring.web.settings"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import transaction

    from socialstyring.demo.generator import generate
    from socialstyring.storage import frames, tenancy
    from socialstyring.storage.models import Grant

    call_command("migrate", verbosity=0)
    # The whole measurement works for the installation's own municipality.
    with tenancy.activate(tenancy.default_code()):
        grants = generate(seed=11, grants=n, year=YEAR, as_of=AS_OF).grants.with_columns(
            ("X" + __import__("polars").col("grant_id")).alias("grant_id")
        )
        with transaction.atomic():
            start = time.perf_counter()
            counts = frames.save("bevillinger", grants)
            upsert_s = time.perf_counter() - start
        with transaction.atomic():
            start = time.perf_counter()
            again = frames.save("bevillinger", grants)
            reupsert_s = time.perf_counter() - start
        sample = grants.head(min(n, 50_000)).with_columns(
            ("Y" + __import__("polars").col("grant_id")).alias("grant_id")
        )
        with transaction.atomic():
            start = time.perf_counter()
            Grant.objects.bulk_create([Grant(**row) for row in sample.to_dicts()], batch_size=5000)
            orm_s = time.perf_counter() - start
        return {
            "upsert_new_rows_per_s": round(counts.created / upsert_s),
            "reimport_unchanged_rows_per_s": round(again.unchanged / reupsert_s),
            "django_bulk_create_rows_per_s": round(sample.height / orm_s),
            "django_bulk_create_sample": sample.height,
        }


def _checkpoint(env: dict) -> None:
    """PostgreSQL writes the last run's pages out first, so no run pays for the one before."""
    if env.get("DATABASE_URL"):
        import psycopg

        with psycopg.connect(env["DATABASE_URL"], autocommit=True) as conn:
            conn.execute("CHECKPOINT")


def _import_into_new(kind: str, files: dict, set_up: bool, code: dict | None = None) -> float:
    """One import into a new database (``set_up``: made by ``socialstyring init`` first;
    ``code``: the environment of an earlier version's code, ``before_env``)."""
    env, drop = fresh_database(kind)
    env = {**env, **(code or {})}
    try:
        if set_up:
            run_cli("init", env=env)
        _checkpoint(env)
        start = time.perf_counter()
        run_cli("import", *(str(p) for p in files.values()), env=env)
        return time.perf_counter() - start
    finally:
        drop()


def main(kind: str, n: int, runs: int = 3) -> None:
    files = dataset(n)
    rows = rows_in(files)
    # A new database each time; into_set_up: one set up beforehand (``socialstyring
    # init``), empty of data, so the timing holds the import without creating the schema.
    # In turns, so the shared machine's drifting speed weighs on each alike.
    before = before_env()
    import_times, set_up_times, before_times = [], [], []
    for _ in range(runs):
        import_times.append(_import_into_new(kind, files, set_up=False))
        if before:
            before_times.append(_import_into_new(kind, files, False, before))
        set_up_times.append(_import_into_new(kind, files, set_up=True))
    env, drop = fresh_database(kind)
    try:
        run_cli("import", *(str(p) for p in files.values()), env=env)
        forecast_times, _ = timed(
            lambda: run_cli(
                "forecast",
                "--year",
                str(YEAR),
                "--as-of",
                AS_OF.isoformat(),
                "--format",
                "json",
                env=env,
            )
        )
        store = _in_process_save(env, n)
    finally:
        drop()
    emit(
        f"database_{kind}",
        {
            "grants": n,
            "rows": rows,
            "import_cli": summary(import_times),
            "import_cli_rows_per_s": {
                "best": round(rows / min(import_times)),
                "median": round(rows / statistics.median(import_times)),
            },
            **({"import_cli_before": summary(before_times)} if before_times else {}),
            "import_cli_into_set_up_database": summary(set_up_times),
            "import_cli_into_set_up_database_rows_per_s": {
                "best": round(rows / min(set_up_times)),
                "median": round(rows / statistics.median(set_up_times)),
            },
            "forecast_cli_from_db": summary(forecast_times),
            **store,
            "note": "import_cli = new process: read + validate + store all four files into a "
            "new database, migrations included (PostgreSQL: after a CHECKPOINT); "
            "into_set_up_database = the same into a database made by "
            "`socialstyring init` beforehand (no migrations in the timing); upsert = the "
            "storage step alone; bulk_create = the plain Django alternative.",
        },
    )


if __name__ == "__main__":
    runs = int(os.environ.get("BENCH_RUNS", "3"))  # import runs of each kind
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000, runs)

"""The forecast from the database with N grants: ``socialstyring forecast --format json``
as a new process, and in the same run the reads behind it, each way measured: the
project's reads (``frames``), and the plain alternative (``cursor.fetchall`` of every row
into a polars frame).
Usage: python bench/forecast_database.py sqlite|postgres [GRANTS]"""

from __future__ import annotations

import os
import sys
import time

from common import AS_OF, CPU_S, YEAR, before_env, emit, run_cli, summary, timed
from database import fresh_database


def _setup(env: dict) -> None:
    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "socialstyring.web.settings"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _fill(n: int) -> None:
    from django.db import transaction

    from socialstyring.demo.generator import generate
    from socialstyring.demo.stored import store

    demo = generate(seed=11, grants=n, year=YEAR, as_of=AS_OF)
    with transaction.atomic():
        store(demo)


def _plain_read() -> float:
    """The year's grants (the forecast's columns) by fetchall into a frame."""
    import polars as pl
    from django.db import connection

    from socialstyring.storage import frames

    cols = ", ".join(connection.ops.quote_name(c) for c in frames.FORECAST_COLUMNS)
    start = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            f'SELECT {cols} FROM ss_grant WHERE "start" <= %s AND ("end" IS NULL OR "end" >= %s)',
            [f"{YEAR}-12-31", f"{YEAR}-01-01"],
        )
        rows = cursor.fetchall()
    pl.DataFrame(rows, schema=frames.FORECAST_COLUMNS, orient="row")
    return time.perf_counter() - start


def _in_process() -> dict:
    from socialstyring.services import forecasting
    from socialstyring.storage import frames

    grants, _ = timed(lambda: frames.load_grants_for_year(YEAR, AS_OF, frames.FORECAST_COLUMNS))
    postings, _ = timed(lambda: frames.load_posting_totals(YEAR, AS_OF))
    inputs, loaded = timed(lambda: forecasting.inputs_from_database(YEAR, AS_OF))
    computed, _ = timed(lambda: forecasting.compute(loaded, YEAR, AS_OF))
    plain = [_plain_read() for _ in range(3)]
    return {
        "read_grants": summary(grants),
        "read_posting_totals": summary(postings),
        "read_all_inputs": summary(inputs),
        "forecast_in_memory": summary(computed),
        "plain_fetchall_grants": summary(plain),
    }


def main(kind: str, n: int) -> None:
    env, drop = fresh_database(kind)
    try:
        _setup(env)
        from socialstyring.storage import tenancy

        with tenancy.activate(tenancy.default_code()):
            _fill(n)
            reads = _in_process()
        from django.db import connection

        connection.close()
        args = ("forecast", "--year", str(YEAR), "--as-of", AS_OF.isoformat(), "--format", "json")
        # The first run after the load reads the database and writes the frame files.
        first, _ = timed(lambda: run_cli(*args, env=env), repeat=1)
        cli, _ = timed(lambda: run_cli(*args, env=env))
        cli_cpu = min(CPU_S[-3:])  # CPU seconds vary less than wall time on a busy machine
        no_refund, _ = timed(lambda: run_cli(*args, "--no-refund", env=env))
        # The plain alternative: the same command reading the database every time.
        no_files = {**env, "SOCIALSTYRING_FRAME_FILES": "0"}
        without_files, _ = timed(lambda: run_cli(*args, env=no_files))
        without_files_cpu = min(CPU_S[-3:])
        before = before_env()
        earlier, _ = timed(lambda: run_cli(*args, env={**env, **before})) if before else ([], 0)
        start_up, _ = timed(lambda: run_cli("--help", env=env))
    finally:
        drop()
    emit(
        f"forecast_database_{kind}",
        {
            "grants": n,
            "forecast_cli_first_run_writes_files": summary(first),
            "forecast_cli_from_db": summary(cli),
            "cpu_s": {"forecast_cli_from_db": cli_cpu, "without_frame_files": without_files_cpu},
            "forecast_cli_no_refund": summary(no_refund),
            "forecast_cli_without_frame_files": summary(without_files),
            **({"forecast_cli_before": summary(earlier)} if earlier else {}),
            "cli_start_up_help": summary(start_up),
            **reads,
            "target_s": 1.0,
        },
    )


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000)

"""The storage step of an import (``frames.save`` of validated frames) on a fresh database:
a first import into empty tables, an unchanged re-import, and a re-import with 1 % of the
grants changed; beside them the plain alternatives in the same run: Django's
``bulk_create`` and a plain ``executemany`` of ``INSERT`` (a sample, rates per row).
Usage: python bench/storage.py sqlite|postgres [GRANTS]"""

from __future__ import annotations

import os
import sys
import time

from common import AS_OF, YEAR, emit
from database import fresh_database


def _setup(env: dict) -> None:
    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "socialstyring.web.settings"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _rate(rows: int, seconds: float) -> int:
    return round(rows / seconds) if seconds else 0


def _save_all(frames_by_kind: dict) -> tuple[float, dict]:
    from django.db import transaction

    from socialstyring.storage import frames

    counts = {}
    start = time.perf_counter()
    with transaction.atomic():
        for kind, frame in frames_by_kind.items():
            counts[kind] = frames.save(kind, frame).__dict__
    return time.perf_counter() - start, counts


def _plain_alternatives(grants) -> dict:
    """Django's bulk_create and a plain executemany INSERT of a 50.000-grant sample."""
    import polars as pl
    from django.db import connection, transaction

    from socialstyring.storage.models import Grant

    sample = grants.head(min(grants.height, 50_000))
    orm = sample.with_columns(("Y" + pl.col("grant_id")).alias("grant_id"))
    with transaction.atomic():
        start = time.perf_counter()
        Grant.objects.bulk_create([Grant(**row) for row in orm.to_dicts()], batch_size=5000)
        orm_s = time.perf_counter() - start
    plain = sample.with_columns(("Z" + pl.col("grant_id")).alias("grant_id"))
    cols = ["municipality", *plain.columns]
    plain = plain.with_columns(pl.lit("000").alias("municipality")).select(cols)
    marks = ", ".join("%s" for _ in cols)
    names = ", ".join(connection.ops.quote_name(c) for c in cols)
    with transaction.atomic(), connection.cursor() as cursor:
        start = time.perf_counter()
        cursor.executemany(
            f"INSERT INTO ss_grant ({names}) VALUES ({marks})", list(plain.iter_rows())
        )
        insert_s = time.perf_counter() - start
    return {
        "django_bulk_create_rows_per_s": _rate(sample.height, orm_s),
        "plain_executemany_insert_rows_per_s": _rate(sample.height, insert_s),
        "plain_sample_rows": sample.height,
    }


def main(kind: str, n: int) -> None:
    env, drop = fresh_database(kind)
    try:
        _setup(env)
        import polars as pl

        from socialstyring.demo.generator import generate
        from socialstyring.storage import tenancy

        demo = generate(seed=11, grants=n, year=YEAR, as_of=AS_OF)
        data = {
            "leverandører": demo.providers,
            "budget": demo.budgets,
            "bevillinger": demo.grants,
            "posteringer": demo.postings,
        }
        rows = sum(f.height for f in data.values())
        with tenancy.activate(tenancy.default_code()):
            first_s, first = _save_all(data)
            again_s, again = _save_all(data)
            changed = demo.grants.with_columns(
                pl.when(pl.int_range(pl.len()) % 100 == 0)
                .then(pl.col("price") + 1)
                .otherwise(pl.col("price"))
                .alias("price")
            )
            some_s, some = _save_all({"bevillinger": changed})
            plain = _plain_alternatives(demo.grants)
    finally:
        drop()
    emit(
        f"storage_{kind}",
        {
            "grants": n,
            "rows_all_four_files": rows,
            "first_import_s": round(first_s, 2),
            "first_import_rows_per_s": _rate(rows, first_s),
            "first_import_counts": first,
            "unchanged_reimport_s": round(again_s, 2),
            "unchanged_reimport_rows_per_s": _rate(rows, again_s),
            "unchanged_reimport_counts": again,
            "one_percent_changed_grants_s": round(some_s, 2),
            "one_percent_changed_counts": some,
            **plain,
            "targets": {
                "first_import_rows_per_s": 200_000 if kind == "postgres" else 100_000,
                "unchanged_reimport_rows_per_s": 300_000,
            },
        },
    )


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000)

"""Server time of the overview page with ~50.000 active grants (SQLite, in-process
Django client, so the figure is request → response inside the app), against a plain
alternative: the same per-account figures from a Python loop over ORM objects.
Usage: python bench/overview.py [TOTAL_GRANTS] [sqlite|postgres]"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time

from common import AS_OF, YEAR, emit, summary

KIND = sys.argv[2] if len(sys.argv) > 2 else "sqlite"
if KIND == "postgres":
    from database import fresh_database

    _env, DROP = fresh_database("postgres")
    os.environ.update(_env)
else:
    os.environ["SOCIALSTYRING_DATA_DIR"] = tempfile.mkdtemp(prefix="ss-overview-")
    os.environ.pop("DATABASE_URL", None)
    DROP = None
os.environ["DJANGO_SETTINGS_MODULE"] = "socialstyring.web.settings"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def _load(total: int) -> int:
    from socialstyring.demo.generator import generate
    from socialstyring.demo.stored import store

    demo = generate(seed=3, grants=total, year=YEAR, as_of=AS_OF)
    with transaction.atomic():
        store(demo)
    import polars as pl

    active = demo.grants.filter(
        (pl.col("start") <= dt.date(YEAR, 12, 31))
        & (pl.col("end").is_null() | (pl.col("end") >= dt.date(YEAR, 1, 1)))
    )
    return active.height


def _plain_alternative() -> float:
    """Per-account expected cost by looping over Grant objects in Python (day-priced
    approximation for every unit: the cheap end of what a naive view would do)."""
    from socialstyring.storage.models import Grant

    start = time.perf_counter()
    totals: dict[str, float] = {}
    first, last = dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31)
    for g in Grant.objects.filter(start__lte=last).exclude(end__lt=first).iterator(chunk_size=5000):
        days = ((min(g.end or last, last)) - max(g.start, first)).days + 1
        totals[g.account] = totals.get(g.account, 0.0) + g.price * g.quantity * max(days, 0)
    return time.perf_counter() - start


def main(total: int) -> None:
    from socialstyring.storage import tenancy

    call_command("migrate", verbosity=0)
    with tenancy.activate(tenancy.default_code()):
        _measure(total)


def _measure(total: int) -> None:
    active = _load(total)
    from tests.web.factories import make_user  # noqa: WPS433 - reuse the test factory

    settings.ALLOWED_HOSTS.append("testserver")
    client = Client()
    client.force_login(make_user("bench", "finance"))
    url = f"/oversigt/?year={YEAR}&as_of={AS_OF.isoformat()}"
    start = time.perf_counter()
    client.get(url)  # the first request reads the frames; later ones use the cache
    cold = time.perf_counter() - start
    times = []
    for _ in range(40):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - start)
        assert response.status_code == 200
    emit(
        f"overview_{KIND}",
        {
            "active_grants": active,
            "total_grants": total,
            "server_time": summary(times),
            "p95_ms": round(sorted(times)[int(len(times) * 0.95) - 1] * 1000, 1),
            "first_request_uncached_s": round(cold, 3),
            "queries": len(queries),
            "target_p95_ms": 150,
            "plain_orm_loop_s": round(_plain_alternative(), 3),
        },
    )


if __name__ == "__main__":
    sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parents[1]))
    try:
        main(int(sys.argv[1]) if len(sys.argv) > 1 else 110_000)
    finally:
        if DROP is not None:
            connection.close()
            DROP()

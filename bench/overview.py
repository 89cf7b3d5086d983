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


def _timed_page(client: Client, url: str) -> dict:
    """The first request (frames read), then 40 more: p95 server time and queries."""
    start = time.perf_counter()
    client.get(url)  # the first request reads the frames; later ones use the cache
    cold = time.perf_counter() - start
    times = []
    for _ in range(40):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - start)
        assert response.status_code == 200, url
    return {
        "url": url,
        "server_time": summary(times),
        "p95_ms": round(sorted(times)[int(len(times) * 0.95) - 1] * 1000, 1),
        "first_request_uncached_s": round(cold, 3),
        "queries": len(queries),
    }


def _measure(total: int) -> None:
    active = _load(total)
    from django.db.models import Count

    from socialstyring.storage.models import Grant
    from tests.web.factories import make_user  # noqa: WPS433 - reuse the test factory

    settings.ALLOWED_HOSTS.append("testserver")
    client = Client()
    client.force_login(make_user("bench", "finance"))
    period = f"year={YEAR}&as_of={AS_OF.isoformat()}"
    overview = _timed_page(client, f"/oversigt/?{period}")
    # The drill-down behind the first account's figure (its first page of grants), and
    # the page of a citizen with several grants.
    account = Grant.objects.order_by("account").values_list("account", flat=True).first()
    drill_down = _timed_page(client, f"/bevillinger/?{period}&account={account}")
    # The citizen page, as the team leader of a citizen with several grants sees it.
    citizen, team = (
        Grant.objects.exclude(team=None)
        .values("citizen_id", "team")
        .annotate(n=Count("id"))
        .filter(n__gte=2)
        .order_by("-n", "citizen_id")
        .values_list("citizen_id", "team")
        .first()
    )
    leader = Client()
    leader.force_login(make_user("bench-leder", "team_leader", team=team))
    citizen_page = _timed_page(leader, f"/borger/{citizen}/?{period}")
    emit(
        f"overview_{KIND}",
        {
            "active_grants": active,
            "total_grants": total,
            "server_time": overview["server_time"],
            "p95_ms": overview["p95_ms"],
            "first_request_uncached_s": overview["first_request_uncached_s"],
            "queries": overview["queries"],
            "drill_down": drill_down,
            "citizen": citizen_page,
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

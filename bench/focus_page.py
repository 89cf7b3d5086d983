"""Server time of the focus-rules page (every rule with its totals) for the demo
municipality's leader (SQLite, in-process Django client: request → response inside the
app), against a plain alternative: two of the rules' counts from a Python loop over ORM
objects. Usage: python bench/focus_page.py"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time

from common import AS_OF, emit, summary

os.environ["SOCIALSTYRING_DATA_DIR"] = tempfile.mkdtemp(prefix="ss-focus-")
os.environ.pop("DATABASE_URL", None)
os.environ["DJANGO_SETTINGS_MODULE"] = "socialstyring.web.settings"
os.environ.setdefault("SOCIALSTYRING_PSEUDONYM_KEY", "bench-pseudonym-key-0123456789abcdef")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

AFTERCARE = {"SEL § 76", "SEL § 76 a", "BL § 114", "BL § 115"}


def _plain_alternative() -> float:
    """After-care and external-provider counts by looping over Grant objects."""
    from socialstyring.storage.models import Grant

    start = time.perf_counter()
    counts = {"aftercare": 0, "external": 0}
    for g in Grant.objects.all().iterator(chunk_size=5000):
        known = (g.registered or g.start) <= AS_OF
        if not (known and g.start <= AS_OF and (g.end is None or g.end >= AS_OF)):
            continue
        if g.price_unit == "once":
            continue
        counts["aftercare"] += g.paragraph in AFTERCARE
        counts["external"] += g.area == "children" and g.provider_type not in (None, "own")
    return time.perf_counter() - start


def main() -> None:
    from socialstyring.services.demo import load_demo
    from socialstyring.storage import tenancy
    from socialstyring.storage.models import Grant

    call_command("migrate", verbosity=0)
    with tenancy.activate(tenancy.default_code()):
        load_demo(seed=2026, as_of=AS_OF, now=dt.datetime(2026, 6, 1, tzinfo=dt.UTC))
        settings.ALLOWED_HOSTS.append("testserver")
        client = Client()
        client.force_login(User.objects.get(username="leder"))
        url = f"/fokus/?as_of={AS_OF.isoformat()}"
        client.get(url)  # warm caches, as a running server would be
        times = []
        for _ in range(10):
            start = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - start)
            assert response.status_code == 200
        emit(
            "focus_page",
            {
                "grants": Grant.objects.count(),
                "server_time": summary(times),
                "target_ms": 300,
                "plain_orm_loop_two_rules_s": round(_plain_alternative(), 3),
            },
        )


if __name__ == "__main__":
    sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parents[1]))
    main()

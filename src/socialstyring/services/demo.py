"""Load the synthetic demo municipality through the ordinary import, and its demo users."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from socialstyring.demo import casework as casework_demo
from socialstyring.demo.economics import load_economics
from socialstyring.demo.generator import generate, write_files
from socialstyring.demo.refunds import with_refund_cases
from socialstyring.errors import SetupError
from socialstyring.services.files import Upload
from socialstyring.services.imports import import_uploads
from socialstyring.services.management.demo import load_management_demo
from socialstyring.storage.models import BufferPool, Grant, Membership, Team
from socialstyring.storage.models.access import ADMIN, CASEWORKER, FINANCE, READER, TEAM_LEADER

DEMO_PASSWORD = "demo"  # demo data only; real users get passwords through the admin
# Demo records, like the generated files' contents: data in the demo's language, not UI text.
DEMO_TEAM = "Børn Syd"
BUFFER_POOL = ("Bufferpulje, det specialiserede socialområde", 5_000_000.0)


def ensure_demo_allowed() -> None:
    """The demo users have the password "demo": never in production."""
    if settings.PRODUCTION:
        raise SetupError(
            _(
                "The demo municipality cannot be loaded in production: it creates users with "
                "the password 'demo' and resets their passwords."
            )
        )


def load_demo(*, seed: int, as_of: dt.date, now: dt.datetime, folder: Path | None = None) -> str:
    ensure_demo_allowed()
    demo = with_refund_cases(generate(seed=seed, year=as_of.year, as_of=as_of))
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(folder) if folder else Path(tmp)
        target.mkdir(parents=True, exist_ok=True)
        paths = write_files(demo, target)
        uploads = [Upload.from_path(p) for p in paths.values()]
        outcomes = import_uploads(uploads, now=now, username="demo", as_of=as_of)
    outcomes += load_management_demo(seed=seed, as_of=as_of, now=now)
    with transaction.atomic():
        users = _demo_users()
        users += casework_demo.load(as_of, DEMO_PASSWORD)
        BufferPool.objects.get_or_create(
            year=as_of.year, name=BUFFER_POOL[0], defaults={"amount": BUFFER_POOL[1]}
        )
        load_economics(as_of)
    lines = [
        _("Demo municipality loaded (seed %(seed)s, as of %(date)s):")
        % {"seed": seed, "date": as_of.strftime("%d-%m-%Y")}
    ]
    lines += [
        "  "
        + _("%(file)s: %(rows)s rows (%(created)s new, %(updated)s changed)")
        % {"file": o.file_name, "rows": o.rows, "created": o.created, "updated": o.updated}
        for o in outcomes
    ]
    lines.append(
        _("Demo users (password '%(password)s'): %(users)s")
        % {"password": DEMO_PASSWORD, "users": ", ".join(users)}
    )
    return "\n".join(lines)


def _demo_users() -> list[str]:
    teams = {
        name: Team.objects.get_or_create(name=name)[0]
        for name in Grant.objects.exclude(team=None).values_list("team", flat=True).distinct()
    }
    team = teams.get(DEMO_TEAM) or next(iter(teams.values()), None)
    caseworker = (
        Grant.objects.filter(team=team.name)
        .exclude(caseworker=None)
        .values_list("caseworker", flat=True)
        .first()
        if team
        else ""
    ) or ""
    spec = [
        ("oekonomi", "Økonomikonsulent", FINANCE, None, ""),
        ("leder", "Funktionsleder", TEAM_LEADER, team, ""),
        ("raadgiver", "Myndighedsrådgiver", CASEWORKER, team, caseworker),
        ("laeser", "Direktion", READER, None, ""),
        ("admin", "Administrator", ADMIN, None, ""),
    ]
    for username, first_name, role, user_team, code in spec:
        user, _created = User.objects.get_or_create(
            username=username, defaults={"first_name": first_name}
        )
        user.set_password(DEMO_PASSWORD)
        user.is_staff = role == ADMIN
        user.save()
        Membership.objects.update_or_create(
            user=user, defaults={"role": role, "team": user_team, "caseworker_code": code}
        )
    return [s[0] for s in spec]

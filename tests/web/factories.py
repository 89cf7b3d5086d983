"""Small factories for web tests: users with a role and team, and a few grants."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User

from socialstyring.storage.models import Budget, Grant, Membership, Team

PASSWORD = "correct-horse-battery"


def make_user(
    username: str, role: str | None, team: str | None = None, caseworker_code: str = ""
) -> User:
    user = User.objects.create_user(username, f"{username}@example.dk", PASSWORD)
    if role is not None:
        team_obj = Team.objects.get_or_create(name=team)[0] if team else None
        Membership.objects.create(
            user=user, role=role, team=team_obj, caseworker_code=caseworker_code
        )
    return user


def make_grant(
    grant_id: str,
    citizen_id: str,
    *,
    team: str = "Børn Syd",
    caseworker: str = "ABC",
    account: str = "5.28.21",
    price: float = 1000.0,
    unit: str = "day",
    start: dt.date = dt.date(2026, 1, 1),
    end: dt.date | None = None,
) -> Grant:
    return Grant.objects.create(
        grant_id=grant_id,
        citizen_id=citizen_id,
        area="children",
        paragraph="BL § 32",
        service="Aflastning",
        account=account,
        start=start,
        end=end,
        price=price,
        price_unit=unit,
        quantity=1.0,
        registered=start,
        caseworker=caseworker,
        team=team,
    )


def make_municipality() -> dict[str, Grant]:
    """Two teams, each with a citizen, and a budget: enough for every page to have content."""
    Budget.objects.create(year=2026, account="5.28.21", kind="corrected", amount=1_000_000.0)
    return {
        "own": make_grant("G-1", "PS-OWN", team="Børn Syd", caseworker="ABC"),
        "other": make_grant("G-2", "PS-OTHER", team="Børn Nord", caseworker="XYZ", price=2000.0),
    }

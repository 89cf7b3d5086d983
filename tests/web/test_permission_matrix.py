"""Every URL × every role × logged out, in one table. A URL without a row fails."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.web.factories import make_municipality, make_user

ROLES = ("finance", "team_leader", "caseworker", "reader", "admin", "anonymous")
LOGIN = 302  # a logged-out visit is sent to /login/

# url name → (method, kwargs, query, {role: expected status})
MATRIX: dict[str, tuple[str, dict, str, dict[str, int]]] = {
    "home": ("get", {}, "", dict(finance=302, team_leader=302, caseworker=302, reader=302, admin=302, anonymous=LOGIN)),
    "login": ("get", {}, "", dict(finance=302, team_leader=302, caseworker=302, reader=302, admin=302, anonymous=200)),
    "logout": ("post", {}, "", dict(finance=302, team_leader=302, caseworker=302, reader=302, admin=302, anonymous=302)),
    "permissions": ("get", {}, "", dict(finance=200, team_leader=200, caseworker=200, reader=200, admin=200, anonymous=LOGIN)),
    "overview": ("get", {}, "?year=2026&as_of=2026-05-31", dict(finance=200, team_leader=200, caseworker=403, reader=200, admin=403, anonymous=LOGIN)),
    "overview_export": ("get", {"fmt": "xlsx"}, "?year=2026", dict(finance=200, team_leader=200, caseworker=403, reader=200, admin=403, anonymous=LOGIN)),
    "grants": ("get", {}, "?year=2026", dict(finance=200, team_leader=200, caseworker=200, reader=403, admin=403, anonymous=LOGIN)),
    "grants_export": ("get", {"fmt": "csv"}, "?year=2026", dict(finance=200, team_leader=200, caseworker=200, reader=403, admin=403, anonymous=LOGIN)),
    "citizen": ("get", {"citizen_id": "PS-OWN"}, "", dict(finance=403, team_leader=200, caseworker=200, reader=403, admin=403, anonymous=LOGIN)),
    "imports": ("get", {}, "", dict(finance=200, team_leader=403, caseworker=403, reader=403, admin=200, anonymous=LOGIN)),
    "imports_upload": ("post", {}, "", dict(finance=302, team_leader=403, caseworker=403, reader=403, admin=403, anonymous=LOGIN)),
    "audit": ("get", {}, "", dict(finance=403, team_leader=403, caseworker=403, reader=403, admin=200, anonymous=LOGIN)),
}


def _url_names(patterns, prefix="") -> set[str]:
    names = set()
    for p in patterns:
        if isinstance(p, URLResolver):
            names |= _url_names(p.url_patterns)
        elif isinstance(p, URLPattern) and p.name:
            names.add(p.name)
    return names


def test_every_url_has_a_row():
    assert _url_names(get_resolver().url_patterns) == set(MATRIX)


@pytest.fixture
def users(db):
    make_municipality()
    return {
        "finance": make_user("oekonomi", "finance"),
        "team_leader": make_user("leder", "team_leader", team="Børn Syd"),
        "caseworker": make_user("raadgiver", "caseworker", team="Børn Syd", caseworker_code="ABC"),
        "reader": make_user("laeser", "reader"),
        "admin": make_user("admin", "admin"),
    }


@pytest.mark.parametrize("name", sorted(MATRIX))
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(users, name, role):
    method, kwargs, query, expected = MATRIX[name]
    client = Client()
    if role != "anonymous":
        client.force_login(users[role])
    response = getattr(client, method)(reverse(name, kwargs=kwargs) + query)
    assert response.status_code == expected[role], f"{name} as {role}"
    if role == "anonymous" and expected[role] == LOGIN and name != "logout":
        assert response["Location"].startswith("/login/")


@pytest.mark.parametrize("role", ["team_leader", "caseworker"])
def test_another_teams_citizen_is_not_found(users, role):
    client = Client()
    client.force_login(users[role])
    assert client.get(reverse("citizen", kwargs={"citizen_id": "PS-OTHER"})).status_code == 404


def test_a_user_without_a_role_sees_nothing_but_the_permission_page(db):
    client = Client()
    client.force_login(make_user("nobody", None))
    assert client.get(reverse("overview")).status_code == 403
    assert client.get(reverse("home"))["Location"] == reverse("permissions")

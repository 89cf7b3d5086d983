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
    "home": (
        "get",
        {},
        "",
        dict(finance=302, team_leader=302, caseworker=302, reader=302, admin=302, anonymous=LOGIN),
    ),
    "login": (
        "get",
        {},
        "",
        dict(finance=302, team_leader=302, caseworker=302, reader=302, admin=302, anonymous=200),
    ),
    "logout": (
        "post",
        {},
        "",
        dict(finance=302, team_leader=302, caseworker=302, reader=302, admin=302, anonymous=302),
    ),
    "permissions": (
        "get",
        {},
        "",
        dict(finance=200, team_leader=200, caseworker=200, reader=200, admin=200, anonymous=LOGIN),
    ),
    "overview": (
        "get",
        {},
        "?year=2026&as_of=2026-05-31",
        dict(finance=200, team_leader=200, caseworker=403, reader=200, admin=403, anonymous=LOGIN),
    ),
    "overview_export": (
        "get",
        {"fmt": "xlsx"},
        "?year=2026",
        dict(finance=200, team_leader=200, caseworker=403, reader=200, admin=403, anonymous=LOGIN),
    ),
    "backtest": (
        "get",
        {},
        "?years=2025",
        dict(finance=200, team_leader=200, caseworker=403, reader=200, admin=403, anonymous=LOGIN),
    ),
    "backtest_export": (
        "get",
        {"fmt": "xlsx"},
        "?years=2025",
        dict(finance=200, team_leader=200, caseworker=403, reader=200, admin=403, anonymous=LOGIN),
    ),
    "grants": (
        "get",
        {},
        "?year=2026",
        dict(finance=200, team_leader=200, caseworker=200, reader=403, admin=403, anonymous=LOGIN),
    ),
    "grants_export": (
        "get",
        {"fmt": "csv"},
        "?year=2026",
        dict(finance=200, team_leader=200, caseworker=200, reader=403, admin=403, anonymous=LOGIN),
    ),
    "postings": (
        "get",
        {},
        "?year=2026",
        dict(finance=200, team_leader=200, caseworker=200, reader=403, admin=403, anonymous=LOGIN),
    ),
    "citizen": (
        "get",
        {"citizen_id": "PS-OWN"},
        "",
        dict(finance=403, team_leader=200, caseworker=200, reader=403, admin=403, anonymous=LOGIN),
    ),
    "imports": (
        "get",
        {},
        "",
        dict(finance=200, team_leader=403, caseworker=403, reader=403, admin=200, anonymous=LOGIN),
    ),
    "imports_upload": (
        "post",
        {},
        "",
        dict(finance=302, team_leader=403, caseworker=403, reader=403, admin=403, anonymous=LOGIN),
    ),
    # No job exists here, so the page answers 404 once access passes (tests/web/test_jobs.py).
    "imports_job": (
        "get",
        {"job_id": 999999},
        "",
        dict(finance=404, team_leader=403, caseworker=403, reader=403, admin=403, anonymous=LOGIN),
    ),
    "audit": (
        "get",
        {},
        "",
        dict(finance=403, team_leader=403, caseworker=403, reader=403, admin=200, anonymous=LOGIN),
    ),
    # The admin site stands for all its pages: one AdminSite.has_permission guards every one.
    "admin:index": (
        "get",
        {},
        "",
        dict(finance=302, team_leader=302, caseworker=302, reader=302, admin=200, anonymous=302),
    ),
    "admin:storage_account_changelist": (
        "get",
        {},
        "",
        dict(finance=302, team_leader=302, caseworker=302, reader=302, admin=200, anonymous=302),
    ),
    # Follow-up snapshots and the buffer pool. No snapshot or pool exists here, so pages of one
    # object answer 404 once access passes; tests/web/test_snapshots.py covers them with objects.
    "snapshots": (
        "get",
        {},
        "?year=2026",
        dict(finance=200, team_leader=200, caseworker=403, reader=200, admin=403, anonymous=LOGIN),
    ),
    "snapshot_new": (
        "get",
        {},
        "?year=2026&as_of=2026-05-31",
        dict(finance=200, team_leader=403, caseworker=403, reader=403, admin=403, anonymous=LOGIN),
    ),
    "snapshot_save": (
        "post",
        {},
        "",
        dict(finance=400, team_leader=403, caseworker=403, reader=403, admin=403, anonymous=LOGIN),
    ),
    "snapshot_compare": (
        "get",
        {},
        "",
        dict(finance=200, team_leader=200, caseworker=403, reader=200, admin=403, anonymous=LOGIN),
    ),
    "snapshot_detail": (
        "get",
        {"pk": 999999},
        "",
        dict(finance=404, team_leader=404, caseworker=403, reader=404, admin=403, anonymous=LOGIN),
    ),
    "snapshot_edit": (
        "get",
        {"pk": 999999},
        "",
        dict(finance=404, team_leader=403, caseworker=403, reader=403, admin=403, anonymous=LOGIN),
    ),
    "snapshot_update": (
        "post",
        {"pk": 999999},
        "",
        dict(finance=404, team_leader=403, caseworker=403, reader=403, admin=403, anonymous=LOGIN),
    ),
    "snapshot_export": (
        "get",
        {"pk": 999999, "fmt": "xlsx"},
        "",
        dict(finance=404, team_leader=404, caseworker=403, reader=404, admin=403, anonymous=LOGIN),
    ),
    "snapshot_pdf": (
        "get",
        {"pk": 999999},
        "",
        dict(finance=404, team_leader=404, caseworker=403, reader=404, admin=403, anonymous=LOGIN),
    ),
    "buffer_pools": (
        "get",
        {},
        "",
        dict(finance=200, team_leader=403, caseworker=403, reader=403, admin=403, anonymous=LOGIN),
    ),
    "buffer_new": (
        "get",
        {},
        "",
        dict(finance=200, team_leader=403, caseworker=403, reader=403, admin=403, anonymous=LOGIN),
    ),
    "buffer_create": (
        "post",
        {},
        "",
        dict(finance=400, team_leader=403, caseworker=403, reader=403, admin=403, anonymous=LOGIN),
    ),
    "buffer_edit": (
        "get",
        {"pk": 999999},
        "",
        dict(finance=404, team_leader=403, caseworker=403, reader=403, admin=403, anonymous=LOGIN),
    ),
    "buffer_update": (
        "post",
        {"pk": 999999},
        "",
        dict(finance=404, team_leader=403, caseworker=403, reader=403, admin=403, anonymous=LOGIN),
    ),
    "buffer_delete": (
        "post",
        {"pk": 999999},
        "",
        dict(finance=404, team_leader=403, caseworker=403, reader=403, admin=403, anonymous=LOGIN),
    ),
    # Focus rules: every role that sees them gets the page; a missing rule answers 404.
    "focus_rules": (
        "get",
        {},
        "?as_of=2026-05-31",
        dict(finance=200, team_leader=200, caseworker=200, reader=403, admin=403, anonymous=LOGIN),
    ),
    "focus_rule": (
        "get",
        {"code": "aftercare"},
        "?as_of=2026-05-31",
        dict(finance=200, team_leader=200, caseworker=200, reader=403, admin=403, anonymous=LOGIN),
    ),
    "focus_rule_export": (
        "get",
        {"code": "aftercare", "fmt": "xlsx"},
        "?as_of=2026-05-31",
        dict(finance=200, team_leader=200, caseworker=200, reader=403, admin=403, anonymous=LOGIN),
    ),
    "focus_rules_export": (
        "get",
        {},
        "",
        dict(finance=200, team_leader=200, caseworker=200, reader=403, admin=403, anonymous=LOGIN),
    ),
    "focus_rule_new": (
        "get",
        {},
        "",
        dict(finance=403, team_leader=200, caseworker=403, reader=403, admin=403, anonymous=LOGIN),
    ),
    "focus_rule_copy": (
        "get",
        {"code": "aftercare"},
        "",
        dict(finance=403, team_leader=200, caseworker=403, reader=403, admin=403, anonymous=LOGIN),
    ),
    "focus_rule_edit": (
        "get",
        {"code": "aftercare"},
        "",
        dict(finance=403, team_leader=200, caseworker=403, reader=403, admin=403, anonymous=LOGIN),
    ),
    "focus_rule_delete": (
        "post",
        {"code": "findes_ikke"},
        "",
        dict(finance=403, team_leader=404, caseworker=403, reader=403, admin=403, anonymous=LOGIN),
    ),
    "focus_rules_import": (
        "post",
        {},
        "",
        dict(finance=403, team_leader=302, caseworker=403, reader=403, admin=403, anonymous=LOGIN),
    ),
    # Focus areas, case reviews, approvals and the worklist.
    "focus_areas": (
        "get",
        {},
        "",
        dict(finance=200, team_leader=200, caseworker=200, reader=403, admin=403, anonymous=LOGIN),
    ),
    "focus_area_start": (
        "post",
        {},
        "",
        dict(finance=403, team_leader=302, caseworker=403, reader=403, admin=403, anonymous=LOGIN),
    ),
    "focus_area": (
        "get",
        {"pk": 999999},
        "",
        dict(finance=404, team_leader=404, caseworker=404, reader=403, admin=403, anonymous=LOGIN),
    ),
    "reviews": (
        "get",
        {},
        "?as_of=2026-05-31",
        dict(finance=403, team_leader=200, caseworker=200, reader=403, admin=403, anonymous=LOGIN),
    ),
    "review_record": (
        "post",
        {},
        "",
        dict(finance=403, team_leader=404, caseworker=404, reader=403, admin=403, anonymous=LOGIN),
    ),
    "approvals": (
        "get",
        {},
        "",
        dict(finance=403, team_leader=200, caseworker=403, reader=403, admin=403, anonymous=LOGIN),
    ),
    "approval_decide": (
        "post",
        {"pk": 999999},
        "",
        dict(finance=403, team_leader=404, caseworker=403, reader=403, admin=403, anonymous=LOGIN),
    ),
    "worklist": (
        "get",
        {},
        "",
        dict(finance=200, team_leader=200, caseworker=200, reader=403, admin=403, anonymous=LOGIN),
    ),
    # The refund page. The grants here lie below every threshold, so one subject's page
    # answers 404 once access passes; tests/web/test_refunds.py covers it with subjects.
    "refunds": (
        "get",
        {},
        "?year=2026&as_of=2026-05-31",
        dict(finance=200, team_leader=200, caseworker=200, reader=403, admin=403, anonymous=LOGIN),
    ),
    "refunds_export": (
        "get",
        {"fmt": "xlsx"},
        "?year=2026&as_of=2026-05-31",
        dict(finance=200, team_leader=200, caseworker=200, reader=403, admin=403, anonymous=LOGIN),
    ),
    "refund_subject": (
        "get",
        {"subject_id": "PS-OWN"},
        "?year=2026&as_of=2026-05-31",
        dict(finance=404, team_leader=404, caseworker=404, reader=403, admin=403, anonymous=LOGIN),
    ),
    # Economics: scenarios, business cases, investments (no objects here: pages of one
    # object answer 404 once access passes; tests/web/test_economics.py has objects).
    "economics": (
        "get",
        {},
        "",
        dict(finance=200, team_leader=200, caseworker=403, reader=200, admin=403, anonymous=LOGIN),
    ),
    "scenario_new": (
        "get",
        {},
        "",
        dict(finance=200, team_leader=403, caseworker=403, reader=403, admin=403, anonymous=LOGIN),
    ),
    "scenario_compare": (
        "get",
        {},
        "",
        dict(finance=200, team_leader=200, caseworker=403, reader=200, admin=403, anonymous=LOGIN),
    ),
    "scenario_compare_export": (
        "get",
        {"fmt": "xlsx"},
        "",
        dict(finance=200, team_leader=200, caseworker=403, reader=200, admin=403, anonymous=LOGIN),
    ),
    "scenario_detail": (
        "get",
        {"pk": 999999},
        "",
        dict(finance=404, team_leader=404, caseworker=403, reader=404, admin=403, anonymous=LOGIN),
    ),
    "scenario_recompute": (
        "post",
        {"pk": 999999},
        "",
        dict(finance=404, team_leader=403, caseworker=403, reader=403, admin=403, anonymous=LOGIN),
    ),
    "scenario_export": (
        "get",
        {"pk": 999999, "fmt": "xlsx"},
        "",
        dict(finance=404, team_leader=404, caseworker=403, reader=404, admin=403, anonymous=LOGIN),
    ),
    "case_new": (
        "get",
        {},
        "",
        dict(finance=200, team_leader=403, caseworker=403, reader=403, admin=403, anonymous=LOGIN),
    ),
    "case_detail": (
        "get",
        {"pk": 999999},
        "",
        dict(finance=404, team_leader=404, caseworker=403, reader=404, admin=403, anonymous=LOGIN),
    ),
    "case_export": (
        "get",
        {"pk": 999999, "fmt": "xlsx"},
        "",
        dict(finance=404, team_leader=404, caseworker=403, reader=404, admin=403, anonymous=LOGIN),
    ),
    "investment_new": (
        "get",
        {},
        "",
        dict(finance=200, team_leader=403, caseworker=403, reader=403, admin=403, anonymous=LOGIN),
    ),
    "investment_detail": (
        "get",
        {"pk": 999999},
        "",
        dict(finance=404, team_leader=404, caseworker=403, reader=404, admin=403, anonymous=LOGIN),
    ),
    "investment_export": (
        "get",
        {"pk": 999999, "fmt": "xlsx"},
        "",
        dict(finance=404, team_leader=404, caseworker=403, reader=404, admin=403, anonymous=LOGIN),
    ),
    # The regional market (docs/regional.md); the secretariat's column is in
    # tests/web/test_regional_permissions.py. No offer "X" exists: 404 once access passes.
    "regional_offers": (
        "get",
        {},
        "?year=2026&as_of=2026-05-31",
        dict(finance=200, team_leader=403, caseworker=403, reader=200, admin=403, anonymous=LOGIN),
    ),
    "regional_offer": (
        "get",
        {"offer_id": "X"},
        "",
        dict(finance=404, team_leader=403, caseworker=403, reader=404, admin=403, anonymous=LOGIN),
    ),
    "regional_matrix": (
        "get",
        {},
        "?year=2026",
        dict(finance=403, team_leader=403, caseworker=403, reader=403, admin=403, anonymous=LOGIN),
    ),
    "regional_at_risk": (
        "get",
        {},
        "?year=2026&as_of=2026-05-31",
        dict(finance=200, team_leader=403, caseworker=403, reader=200, admin=403, anonymous=LOGIN),
    ),
    "regional_supply": (
        "get",
        {},
        "?year=2026",
        dict(finance=200, team_leader=403, caseworker=403, reader=200, admin=403, anonymous=LOGIN),
    ),
    "regional_trade": (
        "get",
        {},
        "?year=2026",
        dict(finance=200, team_leader=403, caseworker=403, reader=200, admin=403, anonymous=LOGIN),
    ),
    "regional_home": (
        "get",
        {},
        "?year=2026&as_of=2026-05-31",
        dict(finance=200, team_leader=403, caseworker=403, reader=403, admin=403, anonymous=LOGIN),
    ),
    "regional_home_scenario": (  # nothing chosen: a Danish message once access passes
        "post",
        {},
        "?year=2026&as_of=2026-05-31",
        dict(finance=400, team_leader=403, caseworker=403, reader=403, admin=403, anonymous=LOGIN),
    ),
    "regional_financing": (
        "get",
        {},
        "?year=2026",
        dict(finance=200, team_leader=403, caseworker=403, reader=200, admin=403, anonymous=LOGIN),
    ),
    "regional_financing_export": (
        "get",
        {"fmt": "xlsx"},
        "?year=2026",
        dict(finance=200, team_leader=403, caseworker=403, reader=200, admin=403, anonymous=LOGIN),
    ),
    # Management (docs/management.md). No action plan exists here, so a plan's pages answer
    # 404 once access passes; tests/web/test_management.py covers them with a plan.
    "management": (
        "get",
        {},
        "?year=2026&as_of=2026-05-31",
        dict(finance=200, team_leader=200, caseworker=403, reader=200, admin=403, anonymous=LOGIN),
    ),
    "key_figures": (
        "get",
        {},
        "?year=2026&as_of=2026-05-31",
        dict(finance=200, team_leader=200, caseworker=403, reader=200, admin=403, anonymous=LOGIN),
    ),
    "key_figures_export": (
        "get",
        {"fmt": "xlsx"},
        "?year=2026",
        dict(finance=200, team_leader=200, caseworker=403, reader=200, admin=403, anonymous=LOGIN),
    ),
    "appeals": (
        "get",
        {},
        "",
        dict(finance=200, team_leader=200, caseworker=403, reader=200, admin=403, anonymous=LOGIN),
    ),
    "appeals_export": (
        "get",
        {"fmt": "xlsx"},
        "",
        dict(finance=200, team_leader=200, caseworker=403, reader=200, admin=403, anonymous=LOGIN),
    ),
    "plans": (
        "get",
        {},
        "",
        dict(finance=200, team_leader=200, caseworker=403, reader=200, admin=403, anonymous=LOGIN),
    ),
    "plan_create": (
        "post",
        {},
        "",
        dict(finance=403, team_leader=400, caseworker=403, reader=403, admin=403, anonymous=LOGIN),
    ),
    "plan_detail": (
        "get",
        {"pk": 999999},
        "",
        dict(finance=404, team_leader=404, caseworker=403, reader=404, admin=403, anonymous=LOGIN),
    ),
    "plan_part_save": (
        "post",
        {"pk": 999999, "part": "action"},
        "",
        dict(finance=403, team_leader=404, caseworker=403, reader=403, admin=403, anonymous=LOGIN),
    ),
    "plan_part_delete": (
        "post",
        {"pk": 999999, "part": "action", "obj": 1},
        "",
        dict(finance=403, team_leader=404, caseworker=403, reader=403, admin=403, anonymous=LOGIN),
    ),
    "plan_report": (
        "get",
        {"pk": 999999, "fmt": "pdf"},
        "",
        dict(finance=404, team_leader=404, caseworker=403, reader=404, admin=403, anonymous=LOGIN),
    ),
}


ADMIN_ROWS = {"admin:index", "admin:storage_account_changelist"}


def _url_names(patterns, prefix="") -> set[str]:
    names = set()
    for p in patterns:
        if isinstance(p, URLResolver) and p.namespace == "admin":
            names |= ADMIN_ROWS
        elif isinstance(p, URLResolver):
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
    if (
        role == "anonymous"
        and expected[role] == LOGIN
        and name != "logout"
        and name not in ADMIN_ROWS
    ):
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

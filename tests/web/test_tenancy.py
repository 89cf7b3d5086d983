"""Municipalities as tenants: a user of one municipality sees nothing of another's, even
where team names and caseworker codes are the same, and on PostgreSQL not even a query
that bypasses the access layer does."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django.urls import reverse

from socialstyring.services import audit
from socialstyring.storage import tenancy
from socialstyring.storage.models import AuditEntry, Grant, Snapshot
from tests.web.factories import make_grant, make_municipality, make_user

OWN = tenancy.default_code()
OTHER = "851"
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row-level security is PostgreSQL's"
)


@pytest.fixture
def other_users(db):
    """The installation's own municipality has data; Aalborg's users share its team name
    and caseworker code."""
    make_municipality()
    Snapshot.objects.create(
        year=2026,
        as_of=dt.date(2026, 5, 31),
        title="Opfølgning maj",
        created_by="x",
        created_at=dt.datetime(2026, 6, 1, tzinfo=dt.UTC),
    )
    audit.record("oekonomi", "grants.citizen.viewed", citizen_id="PS-OWN")
    with tenancy.activate(OTHER, database=False):
        return {
            "finance": make_user("aal-oekonomi", "finance"),
            "team_leader": make_user("aal-leder", "team_leader", team="Børn Syd"),
            "caseworker": make_user(
                "aal-raadgiver", "caseworker", team="Børn Syd", caseworker_code="ABC"
            ),
            "admin": make_user("aal-admin", "admin"),
        }


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("role", ["team_leader", "caseworker"])
def test_another_municipalitys_citizen_is_not_found(other_users, role):
    response = client_for(other_users[role]).get(
        reverse("citizen", kwargs={"citizen_id": "PS-OWN"})
    )
    assert response.status_code == 404


def test_another_municipalitys_grants_are_not_listed_or_exported(other_users):
    client = client_for(other_users["finance"])
    page = client.get(reverse("grants") + "?year=2026&as_of=2026-05-31")
    assert page.status_code == 200 and b"G-1" not in page.content
    export = client.get(reverse("grants_export", kwargs={"fmt": "csv"}) + "?year=2026")
    assert (
        export.status_code == 200 and b"G-1" not in export.content and b"G-2" not in export.content
    )
    # The own municipality's finance partner sees them.
    own = client_for(make_user("oekonomi", "finance")).get(
        reverse("grants_export", kwargs={"fmt": "csv"}) + "?year=2026"
    )
    assert b"G-1" in own.content and b"G-2" in own.content


def test_another_municipalitys_snapshot_and_audit_are_hidden(other_users):
    snapshot = Snapshot.objects.get()
    client = client_for(other_users["finance"])
    assert client.get(reverse("snapshot_detail", kwargs={"pk": snapshot.pk})).status_code == 404
    audit_page = client_for(other_users["admin"]).get(reverse("audit"))
    assert audit_page.status_code == 200 and b"PS-OWN" not in audit_page.content


def test_new_rows_belong_to_the_active_municipality(db):
    with tenancy.activate(OTHER, database=False):
        make_grant("G-A", "PS-A")
        assert Grant.objects.get().municipality == OTHER
    assert not Grant.objects.exists()  # the test's own municipality sees none of it
    with tenancy.scopes_disabled():
        assert Grant.objects.count() == 1


def test_work_outside_any_municipality_is_refused(db):
    from django_scopes import ScopeError
    from django_scopes.state import state

    token = state.set({})  # as outside any request or command: no municipality named
    try:
        with pytest.raises(ScopeError):
            list(Grant.objects.all())
        with pytest.raises(tenancy.TenancyError):
            make_grant("G-X", "PS-X")
    finally:
        state.reset(token)


@postgres_only
def test_the_database_hides_another_municipality_from_a_query_that_bypasses_the_access_layer(
    db,
):
    with tenancy.activate(OWN):
        make_grant("G-OWN", "PS-OWN")
        audit.record("oekonomi", "grants.citizen.viewed", citizen_id="PS-OWN")
    with tenancy.activate(OTHER):
        make_grant("G-OTHER", "PS-OTHER")
    with tenancy.activate(OTHER), connection.cursor() as cursor:
        cursor.execute("SELECT grant_id, municipality FROM ss_grant")
        assert cursor.fetchall() == [("G-OTHER", OTHER)]
        cursor.execute("SELECT count(*) FROM ss_audit")
        assert cursor.fetchone() == (0,)
        with pytest.raises(DatabaseError), transaction.atomic():
            cursor.execute(
                "UPDATE ss_grant SET municipality = %s WHERE grant_id = 'G-OTHER'", [OWN]
            )
    with tenancy.activate(OWN), connection.cursor() as cursor:
        cursor.execute("SELECT grant_id FROM ss_grant")
        assert cursor.fetchall() == [("G-OWN",)]
        with pytest.raises(DatabaseError), transaction.atomic():
            cursor.execute("DELETE FROM ss_audit")
    assert AuditEntry.objects.count() == 1


@postgres_only
def test_the_database_shows_nothing_when_no_municipality_is_set(db):
    with tenancy.activate(OWN):
        make_grant("G-OWN", "PS-OWN")
    with tenancy.activate([]), connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM ss_grant")
        assert cursor.fetchone() == (0,)


def test_the_import_page_says_which_municipality_an_upload_is_for(other_users):
    page = client_for(other_users["finance"]).get(reverse("imports"))
    assert page.status_code == 200
    assert "Rækkerne gemmes for 851 Aalborg" in page.content.decode()

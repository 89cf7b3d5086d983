"""Reads of citizen-level data are audited: lists, searches, exports and refused look-ups."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from socialstyring.storage.models import AuditEntry
from tests.web.factories import make_municipality, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def leader():
    make_municipality()
    client = Client()
    client.force_login(make_user("leder", "team_leader", team="Børn Syd"))
    return client


def test_a_grant_list_records_the_citizens_it_showed_and_the_search(leader):
    assert leader.get(reverse("grants") + "?year=2026&q=G-").status_code == 200
    entry = AuditEntry.objects.get(action="grants.list.viewed")
    assert entry.username == "leder"
    assert entry.changes["citizens"] == ["PS-OWN"]  # only the own team's citizen
    assert entry.changes["query"] == "G-"


def test_an_export_records_every_citizen_in_it(leader):
    response = leader.get(reverse("grants_export", kwargs={"fmt": "xlsx"}) + "?year=2026")
    assert response.status_code == 200
    entry = AuditEntry.objects.get(action="grants.list.exported")
    assert entry.changes["citizens"] == ["PS-OWN"] and entry.changes["format"] == "xlsx"


def test_a_refused_look_up_is_recorded_and_a_cpr_shaped_key_masked(leader):
    assert leader.get(reverse("citizen", kwargs={"citizen_id": "PS-OTHER"})).status_code == 404
    assert leader.get(reverse("citizen", kwargs={"citizen_id": "010180 1234"})).status_code == 404
    refused = AuditEntry.objects.filter(action="grants.citizen.refused").order_by("id")
    assert [e.citizen_id for e in refused] == ["PS-OTHER", "******-****"]
    assert not AuditEntry.objects.filter(action="grants.citizen.viewed").exists()


def test_the_grant_list_counts_in_danish_singular_and_plural(leader):
    one = leader.get(reverse("grants") + "?year=2026&q=G-").content.decode()
    assert "1 bevilling · til dato" in one  # the leader sees the own team's one grant
    none = leader.get(reverse("grants") + "?year=2026&q=ingen-saadan").content.decode()
    assert "0 bevillinger · til dato" in none


def test_the_audit_log_reads_in_danish_with_changes_before_and_after(db):
    from socialstyring.services import audit

    make_municipality()
    audit.record(
        "oekonomi",
        "followup.buffer.changed",
        object_type="buffer_pool",
        object_id="3",
        changes={"amount": [1000000.0, 1250000.0], "name": ["Pulje", "Pulje 2026"]},
    )
    audit.record(
        "leder",
        "grants.citizen.viewed",
        citizen_id="PS-OWN",
        object_type="citizen",
        object_id="PS-OWN",
    )
    admin = Client()
    admin.force_login(make_user("admin", "admin"))
    html = admin.get(reverse("audit")).content.decode()
    assert "Ændrede en bufferpulje" in html and "Så en borgers bevillinger" in html
    assert "<del>1.000.000</del> → <ins>1.250.000</ins>" in html
    assert "<dt>Beløb</dt>" in html and "<del>Pulje</del> → <ins>Pulje 2026</ins>" in html
    assert "followup.buffer.changed</td>" not in html and "{&#x27;amount" not in html

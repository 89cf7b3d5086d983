"""The audit log is append-only and is written with the change it records."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from socialstyring.services import audit
from socialstyring.storage.models import AuditEntry
from socialstyring.storage.models.audit import AppendOnlyError
from tests.web.factories import make_municipality, make_user

pytestmark = pytest.mark.django_db


def test_entries_cannot_be_changed_or_deleted():
    entry = audit.record(
        "oekonomi",
        "grants.grant.changed",
        object_type="grant",
        object_id="G-1",
        changes=audit.changed_fields({"price": 1, "end": None}, {"price": 2, "end": None}),
    )
    assert entry.changes == {"price": [1, 2]}
    entry.action = "something.else"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.update(action="x")
    assert AuditEntry.objects.get().action == "grants.grant.changed"


def test_an_entry_rolls_back_with_its_change():
    with pytest.raises(RuntimeError), transaction.atomic():
        audit.record("oekonomi", "followup.snapshot.saved")
        raise RuntimeError("the change failed")
    assert AuditEntry.objects.count() == 0


def test_viewing_a_citizen_is_logged_with_who_which_citizen_and_page():
    make_municipality()
    client = Client()
    client.force_login(make_user("leder", "team_leader", team="Børn Syd"))
    assert (
        client.get(reverse("citizen", kwargs={"citizen_id": "PS-OWN"}) + "?year=2026").status_code
        == 200
    )
    entry = AuditEntry.objects.get()
    assert (entry.username, entry.action, entry.citizen_id) == (
        "leder",
        "grants.citizen.viewed",
        "PS-OWN",
    )
    assert entry.page.startswith("/borger/PS-OWN/")


def test_a_refused_citizen_view_is_not_logged_as_a_view():
    make_municipality()
    client = Client()
    client.force_login(make_user("leder", "team_leader", team="Børn Syd"))
    assert client.get(reverse("citizen", kwargs={"citizen_id": "PS-OTHER"})).status_code == 404
    # Recorded as a refusal, never as a view.
    assert list(AuditEntry.objects.values_list("action", flat=True)) == ["grants.citizen.refused"]


def test_admins_can_search_the_log():
    audit.record("leder", "grants.citizen.viewed", citizen_id="PS-A")
    audit.record("raadgiver", "grants.citizen.viewed", citizen_id="PS-B")
    client = Client()
    client.force_login(make_user("admin", "admin"))
    page = client.get(reverse("audit") + "?citizen_id=PS-B").content.decode()
    assert "raadgiver" in page and "PS-B" in page and "PS-A" not in page


def test_an_admin_change_to_reference_data_is_audited_with_the_changed_fields():
    client = Client()
    client.force_login(make_user("admin", "admin"))
    url = reverse("admin:storage_account_change", args=["5.28.20"])
    response = client.post(
        url,
        {
            "function": "5.28.20",
            "dst_function": "52820",
            "name": "Opholdssteder (rettet)",
            "main_function": "5.28 Tilbud til børn og unge med særlige behov",
            "evidence": "partial",
            "source": "kilde",
        },
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="admin.account.changed")
    assert entry.username == "admin" and entry.object_id == "5.28.20"
    assert entry.changes["name"][1] == "Opholdssteder (rettet)"
    assert entry.changes["name"][0] != entry.changes["name"][1]  # before → after
    assert "function" not in entry.changes


def _admin_form_data(response) -> dict:
    """The admin change form's current values, as the browser would post them back."""
    data = {}
    for bound in response.context["adminform"].form:
        value = bound.value()
        if hasattr(value, "time"):  # a split date and time widget
            data[f"{bound.html_name}_0"] = value.date().isoformat()
            data[f"{bound.html_name}_1"] = value.time().strftime("%H:%M:%S")
        elif value is not None and "password" not in bound.name:
            data[bound.html_name] = value
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for key, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{key}"] = value
        for form in formset.forms:
            for bound in form:
                value = bound.value()
                if value is not None:
                    data[bound.html_name] = value
    return data


def test_an_admin_role_change_is_audited_with_before_and_after():
    leader = make_user("leder", "team_leader", team="Børn Syd")
    client = Client()
    client.force_login(make_user("admin", "admin"))
    url = reverse("admin:auth_user_change", args=[leader.pk])
    data = _admin_form_data(client.get(url))
    role_field = next(k for k in data if k.endswith("-role"))
    data[role_field] = "finance"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = AuditEntry.objects.get(action="admin.membership.changed")
    assert entry.username == "admin"
    assert entry.changes["role"] == ["team_leader", "finance"]

"""The regional secretariat's column of the permission matrix: every URL, as the
secretariat. It sees the regional market and nothing of any municipality's citizens."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.web.factories import make_municipality, make_user
from tests.web.test_permission_matrix import MATRIX

# Every page of a municipality's own work is refused (403); the exceptions are listed.
REFUSED = 403
SECRETARIAT = {name: REFUSED for name in MATRIX} | {
    "home": 302,
    "login": 302,
    "logout": 302,
    "permissions": 200,
    "overview": 403,
    "overview_export": 403,
    "grants": 403,
    "grants_export": 403,
    "citizen": 403,
    "imports": 403,
    "imports_upload": 403,
    "audit": 403,
    "admin:index": 302,
    "admin:storage_account_changelist": 302,
    "snapshots": 403,
    "snapshot_new": 403,
    "snapshot_save": 403,
    "snapshot_compare": 403,
    "snapshot_detail": 403,
    "snapshot_edit": 403,
    "snapshot_update": 403,
    "snapshot_export": 403,
    "snapshot_pdf": 403,
    "buffer_pools": 403,
    "buffer_new": 403,
    "buffer_create": 403,
    "buffer_edit": 403,
    "buffer_update": 403,
    "buffer_delete": 403,
    "regional_offers": 200,
    "regional_offer": 404,
    "regional_matrix": 200,
    "regional_at_risk": 200,
    "regional_supply": 200,
    "regional_trade": 403,
    "regional_home": 403,
    "regional_home_scenario": 403,
    "regional_financing": 200,
    "regional_financing_export": 200,
}


def test_the_secretariat_has_a_value_for_every_url():
    assert set(SECRETARIAT) == set(MATRIX)
    assert {n for n, code in SECRETARIAT.items() if code == 200} == {
        "permissions",
        "regional_offers",
        "regional_matrix",
        "regional_at_risk",
        "regional_supply",
        "regional_financing",
        "regional_financing_export",
    }


@pytest.fixture
def secretariat(db):
    make_municipality()
    return make_user("sekretariat", "secretariat")


@pytest.mark.parametrize("name", sorted(SECRETARIAT))
def test_secretariat_column(secretariat, name):
    method, kwargs, query, _expected = MATRIX[name]
    client = Client()
    client.force_login(secretariat)
    response = getattr(client, method)(reverse(name, kwargs=kwargs) + query)
    assert response.status_code == SECRETARIAT[name], name


def test_the_secretariat_lands_on_the_regional_offers(secretariat):
    client = Client()
    client.force_login(secretariat)
    assert client.get(reverse("home"))["Location"] == reverse("regional_offers")

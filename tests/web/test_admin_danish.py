"""The administration speaks Danish: model names, and a short user form with the role and
team right after it (no Django permission lists, which only exist in English)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.web.factories import make_municipality, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    make_municipality()
    client = Client()
    client.force_login(make_user("admin", "admin"))
    return client


def test_the_index_names_the_models_in_danish(admin_client):
    html = admin_client.get(reverse("admin:index")).content.decode()
    for name in ("Kommuner", "Kontoplan", "Refusionsgrænser", "Paragrafnøgler", "Teams"):
        assert name in html
    assert "Municipalitys" not in html and "Refund thresholds" not in html


def test_every_registered_model_has_a_danish_name(admin_client):
    """Each model on our admin site is named in Danish on the index, whoever added it."""
    from django.utils import translation

    from socialstyring.web.admin import site

    html = admin_client.get(reverse("admin:index")).content.decode()
    with translation.override("en"):
        english = {m: str(m._meta.verbose_name_plural) for m in site._registry}
    with translation.override("da"):
        danish = {m: str(m._meta.verbose_name_plural) for m in site._registry}
    for model, name in danish.items():
        assert name.capitalize() in html, model.__name__
        if model._meta.model_name != "team":  # "teams" is Danish too
            assert name != english[model], f"{model.__name__} has no Danish name: {name}"
    for name in ("Aftaleparametre", "Målgrupper", "Særlige vilkår", "Objektive finansieringer"):
        assert name in html


def test_the_user_form_is_short_and_has_no_english_permission_list(admin_client):
    leader = make_user("leder", "team_leader", team="Børn Syd")
    html = admin_client.get(reverse("admin:auth_user_change", args=[leader.pk])).content.decode()
    assert "Can add log entry" not in html and "user_permissions" not in html
    assert "Rolle og team" in html or "rolle og team" in html
    assert html.index("Personlig information") < html.index("id_membership-0-role")

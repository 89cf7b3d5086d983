"""Security settings and behaviour: deploy checks, headers, throttling, CSRF."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys

import pytest
from django.test import Client
from django.urls import reverse

from tests.web.factories import PASSWORD, make_municipality, make_user


def test_check_deploy_passes_under_production_settings(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "socialstyring.web.settings",
        "SOCIALSTYRING_PRODUCTION": "true",
        "SOCIALSTYRING_SECRET_KEY": secrets.token_urlsafe(60),
        "SOCIALSTYRING_PSEUDONYM_KEY": secrets.token_hex(32),
        "SOCIALSTYRING_ALLOWED_HOSTS": "socialstyring.example.dk",
        "SOCIALSTYRING_DATA_DIR": str(tmp_path),
    }
    env.pop(
        "DJANGO_ALLOW_ASYNC_UNSAFE", None
    )  # set for the browser tests only, never in deployment
    done = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


def test_production_refuses_to_start_without_its_keys(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "socialstyring.web.settings",
        "SOCIALSTYRING_PRODUCTION": "1",
        "SOCIALSTYRING_DATA_DIR": str(tmp_path),
    }
    env.pop("SOCIALSTYRING_SECRET_KEY", None)
    env.pop("SOCIALSTYRING_PSEUDONYM_KEY", None)
    done = subprocess.run(
        [sys.executable, "-m", "django", "check"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode != 0
    assert "SOCIALSTYRING_PSEUDONYM_KEY" in done.stderr


@pytest.mark.django_db
def test_pages_carry_csp_and_frame_protection():
    make_municipality()
    client = Client()
    client.force_login(make_user("oekonomi", "finance"))
    response = client.get(reverse("overview") + "?year=2026")
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    assert (
        "default-src 'self'" in csp
        and "frame-ancestors 'none'" in csp
        and "script-src 'self'" in csp
    )
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_login_is_throttled_after_repeated_failures(settings):
    make_user("oekonomi", "finance")
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "oekonomi", "password": "wrong"})
    locked = client.post(reverse("login"), {"username": "oekonomi", "password": PASSWORD})
    assert locked.status_code == 429
    assert "For mange forsøg" in locked.content.decode()


@pytest.mark.django_db
def test_a_good_login_lands_finance_on_the_overview():
    make_user("oekonomi", "finance")
    client = Client()
    response = client.post(
        reverse("login"), {"username": "oekonomi", "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("overview")


@pytest.mark.django_db
def test_posts_without_csrf_token_are_refused():
    user = make_user("oekonomi", "finance")
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    assert client.post(reverse("imports_upload")).status_code == 403

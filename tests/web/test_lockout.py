"""The login lock-out (issue 8, "What was seen" 11): it slows an attacker without locking
the real user out. Per username from any address, per address for any username, and a
browser that has logged in before is held to the per-address limit only."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.web.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db


def attempt(client: Client, username: str, password: str, address: str) -> int:
    response = client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )
    return response.status_code


def test_wrong_passwords_from_many_addresses_lock_the_username(settings):
    """Before, 12 wrong passwords from 12 addresses locked nothing."""
    make_user("oekonomi", "finance")
    codes = [
        attempt(Client(), "oekonomi", "forkert", f"10.0.0.{n + 1}")
        for n in range(settings.AXES_FAILURE_LIMIT)
    ]
    assert codes == [200] * (settings.AXES_FAILURE_LIMIT - 1) + [429]  # the last one locks
    locked = Client().post(
        reverse("login"), {"username": "oekonomi", "password": PASSWORD}, REMOTE_ADDR="10.9.9.9"
    )
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "for mange mislykkede login-forsøg" in page and "logget ind med før" in page


def test_one_address_trying_many_usernames_is_locked(settings):
    make_user("oekonomi", "finance")
    for n in range(settings.LOGIN_FAILURES_PER_ADDRESS):
        attempt(Client(), f"bruger{n}", "forkert", "10.1.1.1")
    assert attempt(Client(), "oekonomi", PASSWORD, "10.1.1.1") == 429
    assert attempt(Client(), "oekonomi", PASSWORD, "10.1.1.2") == 302  # elsewhere: fine


def test_a_colleagues_mistakes_behind_the_same_nat_do_not_lock_the_user(settings):
    """Before, five failures for a username from the shared address locked its user out."""
    make_user("oekonomi", "finance")
    make_user("kollega", "finance")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(Client(), "kollega", "forkert", "192.0.2.1")
    assert attempt(Client(), "oekonomi", PASSWORD, "192.0.2.1") == 302


def test_the_users_own_browser_gets_in_while_the_username_is_attacked(settings):
    make_user("oekonomi", "finance")
    own = Client()
    assert attempt(own, "oekonomi", PASSWORD, "192.0.2.1") == 302
    own.post(reverse("logout"), REMOTE_ADDR="192.0.2.1")
    # Someone else, behind the same NAT and from elsewhere, tries the username's password.
    for n in range(settings.AXES_FAILURE_LIMIT + 2):
        attempt(Client(), "oekonomi", "forkert", "192.0.2.1" if n % 2 else f"198.51.100.{n}")
    assert attempt(Client(), "oekonomi", PASSWORD, "203.0.113.5") == 429  # the attacker's way
    assert attempt(own, "oekonomi", PASSWORD, "192.0.2.1") == 302  # the user's own browser


def test_a_forged_device_cookie_does_not_help(settings):
    make_user("oekonomi", "finance")
    for n in range(settings.AXES_FAILURE_LIMIT):
        attempt(Client(), "oekonomi", "forkert", f"10.0.0.{n + 1}")
    forger = Client()
    forger.cookies["ss_device"] = '["oekonomi"]'
    assert attempt(forger, "oekonomi", PASSWORD, "10.2.2.2") == 429


def test_the_lock_lifts_after_the_cool_off(settings):
    import datetime as dt

    from axes.models import AccessAttempt

    make_user("oekonomi", "finance")
    for n in range(settings.AXES_FAILURE_LIMIT):
        attempt(Client(), "oekonomi", "forkert", f"10.0.0.{n + 1}")
    assert attempt(Client(), "oekonomi", PASSWORD, "10.3.3.3") == 429
    AccessAttempt.objects.update(attempt_time=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=16))
    assert attempt(Client(), "oekonomi", PASSWORD, "10.3.3.3") == 302

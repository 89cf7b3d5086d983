"""Login lock-out (django-axes): a limit per username, another per address, and a device
cookie so an attack on a username does not lock its real user out.

Failed logins are counted two ways within the cool-off window: per username, from any
address (12 wrong passwords from 12 addresses are 12 against that username), and per
address, for any usernames (one address trying many users). Each count has its own limit;
reaching either locks, until the cool-off has passed without a new failure.

A successful login leaves a signed cookie naming the username on that browser. A login
with it is held to the per-address limit only: whoever attacks the username from
elsewhere, or from behind the same NAT, locks out everybody but the user's own browsers."""

from __future__ import annotations

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.core import signing
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse

DEVICE_COOKIE = "ss_device"
_SALT = "socialstyring.login-device"
DEVICE_DAYS = 180


def _username(request: HttpRequest, credentials: dict | None) -> str:
    if credentials and credentials.get("username"):
        return str(credentials["username"])
    return str(getattr(request, "POST", {}).get("username", ""))


def known_device(request: HttpRequest, username: str) -> bool:
    """Whether this browser has logged in as ``username`` before (a signed cookie)."""
    cookies = getattr(request, "COOKIES", None) or {}
    try:
        named = signing.loads(
            cookies.get(DEVICE_COOKIE, ""), salt=_SALT, max_age=DEVICE_DAYS * 86400
        )
    except signing.BadSignature:
        return False
    return bool(username) and isinstance(named, list) and username in named


def lockout_parameters(request_or_attempt, credentials: dict | None = None) -> list[str]:
    """``AXES_LOCKOUT_PARAMETERS``: per username and per address; a known browser only per
    address."""
    if isinstance(request_or_attempt, HttpRequest) and known_device(
        request_or_attempt, _username(request_or_attempt, credentials)
    ):
        return ["ip_address"]
    return ["username", "ip_address"]


def remember_device(request: HttpRequest, response: HttpResponse) -> None:
    """After a successful login, the cookie that names the user on this browser (a few
    users may share one)."""
    if request.method != "POST" or request.path != settings.LOGIN_URL:
        return
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or response.status_code != 302:
        return
    try:
        named = signing.loads(request.COOKIES.get(DEVICE_COOKIE, ""), salt=_SALT)
    except signing.BadSignature:
        named = []
    names = [n for n in named if isinstance(n, str) and n != user.get_username()][-4:]
    response.set_cookie(
        DEVICE_COOKIE,
        signing.dumps([*names, user.get_username()], salt=_SALT),
        max_age=DEVICE_DAYS * 86400,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


class LockoutHandler(AxesDatabaseHandler):
    """axes compares one number with one limit (``AXES_FAILURE_LIMIT``, the per-username
    limit): each parameter's failures are scaled to it, so the per-address count locks at
    ``LOGIN_FAILURES_PER_ADDRESS``."""

    def get_failures(self, request, credentials: dict | None = None) -> int:
        limits = {
            "username": settings.AXES_FAILURE_LIMIT,
            "ip_address": settings.LOGIN_FAILURES_PER_ADDRESS,
        }
        parameters = lockout_parameters(request, credentials)
        attempts = self.get_user_attempts(request, credentials)
        scaled = [0]
        for parameter, found in zip(parameters, attempts, strict=True):
            failures = found.aggregate(total=Sum("failures_since_start"))["total"] or 0
            scaled.append(failures * settings.AXES_FAILURE_LIMIT // limits[parameter])
        return max(scaled)

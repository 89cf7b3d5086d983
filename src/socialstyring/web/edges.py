"""The edges of every request: input a page cannot use is a 400 with a Danish message, not
a crash, and pages with personal data are never kept in a cache."""

from __future__ import annotations

import re

from django.conf import settings
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from socialstyring.web.lockout import remember_device

# NUL and the other C0 control characters (tab, newline and carriage return allowed).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class InvalidInput(ValueError):
    """A request value the page cannot use; the message (Danish) says which and why."""


def bad_request(request, message: str):
    return render(request, "400.html", {"message": message}, status=400)


def _too_large(request) -> str:
    """Why the body is refused before anything reads it, or "" when it may be read."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return _("The request's length is not a number.")
    limit = (
        settings.MAX_UPLOAD_BYTES
        if request.user.is_authenticated
        else settings.MAX_ANONYMOUS_BODY_BYTES
    )
    if length > limit:
        return _("The files are too large: at most %(mb)s MB at a time.") % {
            "mb": max(1, limit // (1024 * 1024))
        }
    return ""


class EdgeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        values = [request.path, *(v for vs in request.GET.lists() for v in vs[1])]
        too_large = _too_large(request)
        if too_large:
            response = render(request, "400.html", {"message": too_large}, status=413)
        elif any(_CONTROL.search(v) for v in values):
            response = bad_request(request, _("The address contains control characters."))
        else:
            response = self.get_response(request)
        remember_device(request, response)
        if request.user.is_authenticated:
            # Every signed-in page may show personal data: no browser or proxy cache keeps it.
            patch_cache_control(response, no_store=True, private=True)
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, InvalidInput):
            return bad_request(request, str(exception))
        return None

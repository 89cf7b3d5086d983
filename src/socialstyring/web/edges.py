"""The edges of every request: input a page cannot use is a 400 with a Danish message, not
a crash, and pages with personal data are never kept in a cache."""

from __future__ import annotations

import re

from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

# NUL and the other C0 control characters (tab, newline and carriage return allowed).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class InvalidInput(ValueError):
    """A request value the page cannot use; the message (Danish) says which and why."""


def bad_request(request, message: str):
    return render(request, "400.html", {"message": message}, status=400)


class EdgeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        values = [request.path, *(v for vs in request.GET.lists() for v in vs[1])]
        if any(_CONTROL.search(v) for v in values):
            response = bad_request(request, _("The address contains control characters."))
        else:
            response = self.get_response(request)
        if request.user.is_authenticated:
            # Every signed-in page may show personal data: no browser or proxy cache keeps it.
            patch_cache_control(response, no_store=True, private=True)
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, InvalidInput):
            return bad_request(request, str(exception))
        return None

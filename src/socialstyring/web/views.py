"""Shared view helpers: every view checks access through these before anything else."""

from __future__ import annotations

import datetime as dt
from functools import wraps

from django.contrib.auth.decorators import login_required

from socialstyring import clock
from socialstyring.services.access import Viewer, require, viewer_for


def requires(action: str):
    """Login required, then the role must allow ``action`` (403 otherwise)."""

    def decorate(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            viewer = getattr(request, "_viewer", None) or viewer_for(request.user)
            request._viewer = viewer
            require(viewer, action)
            return view(request, viewer, *args, **kwargs)

        wrapped.required_action = action  # type: ignore[attr-defined]  # read by the matrix test
        return wrapped

    return decorate


def year_and_as_of(request) -> tuple[int, dt.date]:
    """``?year=&as_of=`` with sane defaults; bad values fall back rather than crash.
    Without ``as_of``, today is used, held inside the chosen year."""
    today = clock.today()
    try:
        year = int(request.GET.get("year", today.year))
    except ValueError:
        year = today.year
    if not 2000 <= year <= 2100:
        year = today.year
    try:
        as_of = dt.date.fromisoformat(request.GET.get("as_of", ""))
    except ValueError:
        as_of = min(max(today, dt.date(year, 1, 1)), dt.date(year, 12, 31))
    return year, as_of


__all__ = ["Viewer", "requires", "year_and_as_of"]

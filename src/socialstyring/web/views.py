"""Shared view helpers: every view checks access through these before anything else."""

from __future__ import annotations

import datetime as dt
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.utils.translation import gettext as _

from socialstyring import clock
from socialstyring.services import frame_cache
from socialstyring.services.access import Viewer, require, viewer_for
from socialstyring.web.edges import InvalidInput


def requires(action: str):
    """Login required, then the role must allow ``action`` (403 otherwise)."""

    def decorate(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            viewer = getattr(request, "_viewer", None) or viewer_for(request.user)
            request._viewer = viewer
            require(viewer, action)
            if request.method != "GET":
                return view(request, viewer, *args, **kwargs)
            # A page reads: its cached figures all come from one data version, looked up once.
            with frame_cache.one_version_read():
                return view(request, viewer, *args, **kwargs)

        wrapped.required_action = action  # type: ignore[attr-defined]  # read by the matrix test
        return wrapped

    return decorate


FIRST_YEAR, LAST_YEAR = 2000, 2100


def _day(raw: str) -> dt.date:
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise InvalidInput(_("The as-of date must be a date, e.g. 2026-05-31.")) from None


def as_of_of(request) -> dt.date:
    """``?as_of=`` on a page without a year: left out, today; not a date, a 400."""
    raw = request.GET.get("as_of", "").strip()
    return _day(raw) if raw else clock.today()


def year_and_as_of(request) -> tuple[int, dt.date]:
    """``?year=&as_of=``: left out, the current year and today (held inside the year); a
    value that is not a date, or lies outside the years the product covers, is a 400.
    The as-of day may fall in the next year: the books stay open into it."""
    today = clock.today()
    raw_year = request.GET.get("year", "").strip()
    raw_as_of = request.GET.get("as_of", "").strip()
    try:
        year = int(raw_year) if raw_year else today.year
    except ValueError:
        raise InvalidInput(_("The year must be a number, e.g. 2026.")) from None
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise InvalidInput(
            _("The year must lie between %(first)s and %(last)s.")
            % {"first": FIRST_YEAR, "last": LAST_YEAR}
        )
    if not raw_as_of:
        return year, min(max(today, dt.date(year, 1, 1)), dt.date(year, 12, 31))
    as_of = _day(raw_as_of)
    if not dt.date(year, 1, 1) <= as_of <= dt.date(year + 1, 12, 31):
        raise InvalidInput(
            _("The as-of date must lie in %(year)s or the year after.") % {"year": year}
        )
    return year, as_of


__all__ = ["Viewer", "requires", "year_and_as_of"]

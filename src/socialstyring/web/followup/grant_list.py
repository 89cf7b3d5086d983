"""The grant list's filters on the page: read through ``services.grant_list``; a value that
is not one answers 400 with its Danish reason."""

from __future__ import annotations

import datetime as dt

from django.utils.http import urlencode

from socialstyring.services import grant_list
from socialstyring.services.access import Viewer, scope_filter
from socialstyring.web.edges import InvalidInput


def listing(request, viewer: Viewer, year: int, as_of: dt.date, query: str):
    try:
        return grant_list.grant_list(year, as_of, scope_filter(viewer), request.GET, query)
    except grant_list.BadFilter as problem:
        raise InvalidInput(str(problem)) from None


def read_filters(request) -> dict[str, str]:
    try:
        return grant_list.read_filters(request.GET)
    except grant_list.BadFilter as problem:
        raise InvalidInput(str(problem)) from None


def clear_query(year: int, as_of: dt.date) -> str:
    """The list of the same year and day with no filter and no search ("Ryd filter")."""
    return urlencode({"year": str(year), "as_of": as_of.isoformat()})

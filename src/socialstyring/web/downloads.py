"""Downloads: an export service's file as an attachment, 404 for a format it lacks."""

from __future__ import annotations

from collections.abc import Callable

from django.http import Http404, HttpResponse

from socialstyring.services.exports import Download, UnknownFormat


def attachment(make: Callable[[], Download]) -> HttpResponse:
    try:
        file = make()
    except UnknownFormat:
        raise Http404 from None
    response = HttpResponse(file.payload, content_type=file.content_type)
    response["Content-Disposition"] = f'attachment; filename="{file.filename}"'
    return response

"""Search in the audit log (read-only: the app offers no way to change or delete entries)."""

from __future__ import annotations

import contextlib
import datetime as dt

from django.core.paginator import Paginator
from django.shortcuts import render

from socialstyring.storage.models import AuditEntry
from socialstyring.web.views import requires


@requires("audit.view")
def audit_log(request, viewer):
    entries = AuditEntry.objects.all()
    filters = {
        k: request.GET.get(k, "").strip()
        for k in ("username", "citizen_id", "action", "from", "to")
    }
    if filters["username"]:
        entries = entries.filter(username__iexact=filters["username"])
    if filters["citizen_id"]:
        entries = entries.filter(citizen_id=filters["citizen_id"])
    if filters["action"]:
        entries = entries.filter(action__startswith=filters["action"])
    for key, lookup in (("from", "at__date__gte"), ("to", "at__date__lte")):
        with contextlib.suppress(ValueError):  # a malformed date filters nothing
            entries = (
                entries.filter(**{lookup: dt.date.fromisoformat(filters[key])})
                if filters[key]
                else entries
            )
    page = Paginator(entries, 100).get_page(request.GET.get("side"))
    return render(request, "audit/audit.html", {"page": page, "filters": filters})

"""Search in the audit log (read-only: the app offers no way to change or delete entries)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import render

from socialstyring.services import audit
from socialstyring.web.views import requires


@requires("audit.view")
def audit_log(request, viewer):
    filters = {k: request.GET.get(k, "").strip() for k in audit.SEARCH_FIELDS}
    page = Paginator(audit.search(filters), 100).get_page(request.GET.get("side"))
    rows = [
        {
            "entry": e,
            "action": audit.action_label(e.action),
            "object": audit.object_label(e),
            "changes": audit.change_lines(e),
        }
        for e in page
    ]
    return render(
        request,
        "audit/audit.html",
        {"page": page, "rows": rows, "filters": filters, "actions": audit.action_choices()},
    )

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
    return render(request, "audit/audit.html", {"page": page, "filters": filters})

"""Budget follow-up pages: overview, the grants behind a figure, one citizen."""

from __future__ import annotations

from django.db import transaction
from django.http import Http404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language

from socialstyring.services import audit, exports, followups, reconciliation
from socialstyring.services.access import citizen_grants, scope_filter
from socialstyring.services.grant_list import grouping_labels
from socialstyring.terms import ACCOUNT, GROUPINGS, GROUPINGS_BY, UNASSIGNED, Grouping
from socialstyring.web.downloads import attachment
from socialstyring.web.followup import grant_list
from socialstyring.web.views import requires, year_and_as_of


def _grouping(request) -> Grouping:
    return GROUPINGS_BY.get(request.GET.get("by", ""), ACCOUNT)


@requires("figures.view")
def overview(request, viewer):
    year, as_of = year_and_as_of(request)
    group = _grouping(request)
    result = followups.overview(year, as_of, group.by)
    can_drill = viewer.can("grants.list")
    show_budget = result.budget is None or result.budget.loaded
    projected = _projection(request, year, as_of, group)
    context = {
        "result": result,
        "by": group.by,
        "grouping": group,
        "groupings": [(g.by, g.label) for g in GROUPINGS],
        "group_label": group.label,
        "show_budget": show_budget,
        "freshness": reconciliation.freshness(),
        "query": urlencode({"year": str(year), "as_of": as_of.isoformat(), "by": group.by}),
        "can_drill": can_drill,
        "projection": projected,
    }
    if projected is not None:  # docs/projection.md: the five columns beside the others
        rows, chart = projected.merged(*_rows_and_chart(result, group))
        context.update(rows=rows, chart=chart)
        context["table_html"] = render_to_string("followup/overview_table.html", context, request)
        return render(request, "followup/overview.html", context)
    # The table and the chart follow from the cached figures alone (and whether the viewer
    # may drill down, and the language): rendered once per cached figures, not per request.
    key = ("table", can_drill, get_language())
    if key not in result.derived:
        rows, chart = _rows_and_chart(result, group)
        table = render_to_string("followup/overview_table.html", {**context, "rows": rows})
        result.derived[key] = (table, chart)
    context["table_html"], context["chart"] = result.derived[key]
    return render(request, "followup/overview.html", context)


def _rows_and_chart(result, group: Grouping) -> tuple[list[dict], str]:
    """The table's rows with each figure's link, and the chart of the year."""
    year, as_of, field = result.year, result.as_of, group.field
    rows = []
    for row in result.table.iter_rows(named=True):
        value = row[field] if row[field] is not None else UNASSIGNED
        link = "?" + urlencode({"year": year, "as_of": as_of.isoformat(), field: value})
        # With a ledger, "(uden)" holds postings without a grant: its link opens them.
        none_line = value == UNASSIGNED and result.uses_ledger
        target = reverse("postings") if none_line else reverse("grants")
        rows.append({**row, "link": link, "href": target + link})
    budget_total = result.totals["budget"] or 0.0
    chart = (
        exports.year_chart(result.profile, budget_total, as_of, year) if group.is_account else ""
    )
    return rows, chart


def _projection(request, year, as_of, group):
    """The projection's columns and chart, when the overview is asked for them."""
    if request.GET.get("projection") != "1":
        return None
    from socialstyring.web.projection.overview import ProjectedOverview

    return ProjectedOverview.build(year, as_of, group)


@requires("figures.view")
def overview_export(request, viewer, fmt: str):
    year, as_of = year_and_as_of(request)
    if request.GET.get("projection") == "1":
        from socialstyring.web.projection.overview import projected_download

        return attachment(lambda: projected_download(year, as_of, _grouping(request), fmt))
    result = followups.overview(year, as_of, _grouping(request).by)
    return attachment(lambda: exports.overview_download(result, fmt))


@requires("grants.list")
def grants(request, viewer):
    year, as_of = year_and_as_of(request)
    query = request.GET.get("q", "")[:100]
    listed = grant_list.listing(request, viewer, year, as_of, query)
    frame, filters = listed.frame, listed.filters
    projected = request.GET.get("projection") == "1"
    if projected:  # each open-ended grant's expected early ending (docs/projection.md)
        from socialstyring.services.projection import with_early_endings

        frame = with_early_endings(frame, year, as_of)
    try:
        page_number = int(request.GET.get("side", "1"))
    except ValueError:
        page_number = 1
    sort = request.GET.get("sort", "-expected")
    page = followups.grant_page(frame, sort, page_number)
    audit.citizens_shown(
        viewer.username,
        "grants.list.viewed",
        [row["citizen_id"] for row in page.rows],
        page=request.get_full_path(),
        changes={"filters": filters, "query": query, "rows": page.total_rows},
    )
    base = {"year": year, "as_of": as_of.isoformat(), **filters, **({"q": query} if query else {})}
    if projected:
        base["projection"] = "1"
    return render(
        request,
        "followup/grants.html",
        {
            "page": page,
            "year": year,
            "as_of": as_of,
            "filters": filters,
            "filter_labels": listed.labels,
            "filter_fields": listed.fields,
            "clear_query": grant_list.clear_query(year, as_of) if filters or query else "",
            "q": query,
            "sort": sort,
            "base_query": urlencode(base),
            "sort_query": urlencode({**base, "sort": sort}),
            "show_citizen_link": viewer.can("citizen.view"),
            "projection": projected,
            **_explanation(year, as_of, viewer, filters, query),
        },
    )


def _explanation(year, as_of, viewer, filters, query) -> dict:
    """What makes the list's figures explain themselves: the reconciliation with the
    ledger, the grants outside the viewer's access, the freshness of the data."""
    scope = scope_filter(viewer)
    wanted = reconciliation.grouping_filters(filters)
    plain = not query and wanted == filters  # the list is an overview figure's
    period = {"year": year, "as_of": as_of.isoformat()}
    return {
        "reconciliation": reconciliation.reconcile(year, as_of, scope, wanted) if plain else None,
        "hidden": reconciliation.hidden_grants(year, as_of, scope, filters, query),
        "scope": viewer.scope,
        "postings_query": urlencode({**period, **wanted}),
        "freshness": reconciliation.freshness(),
    }


@requires("grants.list")
def postings(request, viewer):
    """The ledger's postings behind a figure (the "(uden)" line's, too)."""
    year, as_of = year_and_as_of(request)
    filters = reconciliation.grouping_filters(grant_list.read_filters(request))
    link = request.GET.get("bevilling", "")
    link = link if link in reconciliation.LINKS else ""
    try:
        page_number = int(request.GET.get("side", "1"))
    except ValueError:
        page_number = 1
    page = reconciliation.postings_page(
        year,
        as_of,
        scope_filter(viewer),
        filters,
        link,
        page_number,
        sees_all=viewer.scope == "all",
    )
    base: dict[str, str] = {"year": str(year), "as_of": as_of.isoformat(), **filters}
    return render(
        request,
        "followup/postings.html",
        {
            "page": page,
            "year": year,
            "as_of": as_of,
            "link": link,
            "filter_labels": grouping_labels(filters),
            "base_query": urlencode(base),
            "page_query": urlencode({**base, **({"bevilling": link} if link else {})}),
            "freshness": reconciliation.freshness(),
        },
    )


@requires("grants.list")
def grants_export(request, viewer, fmt: str):
    year, as_of = year_and_as_of(request)
    query = request.GET.get("q", "")[:100]
    listed = grant_list.listing(request, viewer, year, as_of, query)
    frame, filters = listed.frame, listed.filters
    response = attachment(lambda: exports.grants_download(frame, year, as_of, fmt))
    if response.status_code == 200:
        audit.citizens_shown(
            viewer.username,
            "grants.list.exported",
            frame["citizen_id"].to_list(),
            page=request.get_full_path(),
            changes={"filters": filters, "query": query, "rows": frame.height, "format": fmt},
        )
    return response


@requires("citizen.view")
def citizen(request, viewer, citizen_id: str):
    year, as_of = year_and_as_of(request)
    try:
        with transaction.atomic():
            grants_qs = citizen_grants(viewer, citizen_id)
            ids = list(grants_qs.values_list("grant_id", flat=True))
            audit.record(
                viewer.username,
                "grants.citizen.viewed",
                citizen_id=citizen_id,
                object_type="citizen",
                object_id=citizen_id,
                page=request.get_full_path(),
            )
    except Http404:
        # A refused look-up is worth knowing too: who tried which key (a CPR-shaped key
        # is masked, since no CPR number is ever stored).
        audit.refused_citizen(viewer.username, citizen_id)
        raise
    frame = followups.grants_with_ids(year, as_of, ids)
    rows = frame.sort("start").to_dicts()
    return render(
        request,
        "followup/citizen.html",
        {
            "citizen_id": citizen_id,
            "rows": rows,
            "year": year,
            "as_of": as_of,
            "total": float(frame["expected"].sum()) if frame.height else 0.0,
            "all_grants": grants_qs,
            "freshness": reconciliation.freshness(),
        },
    )

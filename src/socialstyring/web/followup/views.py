"""Budget follow-up pages: overview, the grants behind a figure, one citizen."""

from __future__ import annotations

from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.http import urlencode

from socialstyring.io.reports import GROUPINGS, forecast_report, subtitle
from socialstyring.io.writers import Report, ReportColumn
from socialstyring.io.writers.chart import svg, year_series
from socialstyring.io.writers.csv import write_csv
from socialstyring.io.writers.xlsx import write_xlsx
from socialstyring.services import audit, followups
from socialstyring.services.access import citizen_grants, scope_filter
from socialstyring.web.views import requires, year_and_as_of

EXPORT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "pdf": "application/pdf",
}


def _by(request) -> str:
    by = request.GET.get("by", "konto")
    return by if by in GROUPINGS else "konto"


def _download(payload: bytes, fmt: str, name: str) -> HttpResponse:
    response = HttpResponse(payload, content_type=EXPORT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


def _render_export(report: Report, frame, fmt: str, caption: str) -> bytes:
    if fmt not in ("xlsx", "csv"):
        raise Http404
    return write_xlsx(report, frame, caption) if fmt == "xlsx" else write_csv(report, frame)


@requires("figures.view")
def overview(request, viewer):
    year, as_of = year_and_as_of(request)
    by = _by(request)
    result = followups.overview(year, as_of, by)
    field = GROUPINGS[by][0]
    rows = []
    for row in result.table.iter_rows(named=True):
        value = row[field] if row[field] is not None else "(uden)"
        link = "?" + urlencode({"year": year, "as_of": as_of.isoformat(), field: value})
        rows.append({**row, "link": link})
    budget_total = result.totals["budget"] or 0.0
    chart = svg(year_series(result.profile, budget_total, as_of, year)) if by == "konto" else ""
    return render(
        request,
        "followup/overview.html",
        {
            "result": result,
            "rows": rows,
            "by": by,
            "groupings": [(k, v[1]) for k, v in GROUPINGS.items()],
            "group_label": GROUPINGS[by][1],
            "show_budget": by == "konto",
            "chart": chart,
            "query": urlencode({"year": str(year), "as_of": as_of.isoformat(), "by": by}),
            "can_drill": viewer.can("grants.list"),
        },
    )


@requires("figures.view")
def overview_export(request, viewer, fmt: str):
    year, as_of = year_and_as_of(request)
    by = _by(request)
    result = followups.overview(year, as_of, by)
    payload = _render_export(forecast_report(by), result.table, fmt, subtitle(year, as_of))
    return _download(payload, fmt, f"forventet-regnskab-{year}-{as_of.isoformat()}")


GRANTS_REPORT = Report(
    "Bevillinger",
    (
        ReportColumn("grant_id", "Bevilling", "text", 16),
        ReportColumn("citizen_id", "Borger (pseudonym)", "text", 26),
        ReportColumn("account", "Konto", "text", 10),
        ReportColumn("paragraph", "Paragraf", "text", 14),
        ReportColumn("service", "Indsats", "text", 24),
        ReportColumn("team", "Team", "text", 18),
        ReportColumn("start", "Startdato", "date", 12),
        ReportColumn("end", "Slutdato", "date", 12),
        ReportColumn("price", "Pris", "kroner", 14),
        ReportColumn("price_unit", "Enhed", "text", 8),
        ReportColumn("quantity", "Antal", "number", 8),
        ReportColumn("spent_to_date", "Omkostning til dato", "kroner", 18),
        ReportColumn("committed_rest", "Disponeret rest", "kroner", 18),
        ReportColumn("expected", "Omkostning i året", "kroner", 18),
    ),
)


def _grant_filters(request) -> dict[str, str]:
    return {f: request.GET.get(f, "") for f in followups.FILTER_FIELDS if request.GET.get(f)}


@requires("grants.list")
def grants(request, viewer):
    year, as_of = year_and_as_of(request)
    filters = _grant_filters(request)
    query = request.GET.get("q", "")[:100]
    frame = followups.grants_in_year(year, as_of, scope_filter(viewer), filters, query)
    try:
        page_number = int(request.GET.get("side", "1"))
    except ValueError:
        page_number = 1
    sort = request.GET.get("sort", "-expected")
    page = followups.grant_page(frame, sort, page_number)
    base = {"year": year, "as_of": as_of.isoformat(), **filters, **({"q": query} if query else {})}
    return render(
        request,
        "followup/grants.html",
        {
            "page": page,
            "year": year,
            "as_of": as_of,
            "filters": filters,
            "q": query,
            "sort": sort,
            "base_query": urlencode(base),
            "sort_query": urlencode({**base, "sort": sort}),
            "show_citizen_link": viewer.can("citizen.view"),
        },
    )


@requires("grants.list")
def grants_export(request, viewer, fmt: str):
    year, as_of = year_and_as_of(request)
    frame = followups.grants_in_year(
        year, as_of, scope_filter(viewer), _grant_filters(request), request.GET.get("q", "")[:100]
    )
    frame = frame.sort("expected", descending=True)
    payload = _render_export(GRANTS_REPORT, frame, fmt, subtitle(year, as_of))
    return _download(payload, fmt, f"bevillinger-{year}-{as_of.isoformat()}")


@requires("citizen.view")
def citizen(request, viewer, citizen_id: str):
    year, as_of = year_and_as_of(request)
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
    import polars as pl

    frame = followups.grants_in_year(year, as_of, pl.col("grant_id").is_in(ids), {}, "")
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
        },
    )

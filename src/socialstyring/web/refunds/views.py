"""The refund page: subjects by refund with their monthly profile, those close to a
threshold, per account; the drill-down to one subject's grants (audit-logged)."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.utils.http import urlencode

from socialstyring.services import audit, exports, refunds
from socialstyring.services.access import scope_filter
from socialstyring.web.downloads import attachment
from socialstyring.web.views import requires, year_and_as_of


def _result(request, viewer):
    year, as_of = year_and_as_of(request)
    try:
        return year, as_of, refunds.for_viewer(year, as_of, scope_filter(viewer)), ""
    except refunds.RefundsUnavailable as problem:
        return year, as_of, None, str(problem)


@requires("refunds.view")
def refund_list(request, viewer):
    year, as_of, result, problem = _result(request, viewer)
    query = urlencode({"year": year, "as_of": as_of.isoformat()})
    rows, near, accounts, note = [], [], [], ""
    if result is not None:
        for row in result.subjects.iter_rows(named=True):
            row["spark"] = exports.refund_sparkline(row["monthly_refund"])
            row["grant_count"] = len(row["grant_ids"])
            rows.append(row)
        near = [r for r in rows if r["near_threshold"] is not None]
        accounts = result.accounts.to_dicts()
        note = exports.refund_level_note(result)
        audit.citizens_shown(
            viewer.username,
            "refunds.list.viewed",
            result.grants["citizen_id"].to_list(),
            page=request.get_full_path(),
            changes={"year": year, "as_of": as_of.isoformat(), "subjects": len(rows)},
        )
    return render(
        request,
        "refunds/list.html",
        {
            "year": year,
            "as_of": as_of,
            "result": result,
            "problem": problem,
            "rows": rows,
            "near": near,
            "accounts": accounts,
            "total": result.total if result is not None else None,
            "note": note,
            "fallback": result is not None and result.thresholds.is_fallback,
            "query": query,
        },
    )


@requires("refunds.view")
def refund_export(request, viewer, fmt: str):
    year, as_of, result, problem = _result(request, viewer)
    if result is None:
        raise Http404(problem)
    response = attachment(lambda: exports.refund_download(result, fmt))
    if response.status_code == 200:
        audit.citizens_shown(
            viewer.username,
            "refunds.list.exported",
            result.grants["citizen_id"].to_list(),
            page=request.get_full_path(),
            changes={"year": year, "as_of": as_of.isoformat(), "format": fmt},
        )
    return response


@requires("refunds.view")
def refund_subject(request, viewer, subject_id: str):
    year, as_of, result, problem = _result(request, viewer)
    months = refunds.subject_months(result, subject_id) if result is not None else None
    if result is None or months is None:
        audit.refused_citizen(viewer.username, subject_id)
        raise Http404(problem)
    grants = refunds.subject_grants(result, subject_id)
    row = result.subjects.filter(subject_id=subject_id).row(0, named=True)
    audit.record(
        viewer.username,
        "refunds.subject.viewed",
        citizen_id=subject_id if row["kind"] == "citizen" else "",
        object_type=row["kind"],
        object_id=subject_id,
        page=request.get_full_path(),
        changes={"citizens": sorted(set(grants["citizen_id"].to_list()))},
    )
    return render(
        request,
        "refunds/subject.html",
        {
            "year": year,
            "as_of": as_of,
            "subject": row,
            "months": months.to_dicts(),
            "grants": grants.to_dicts(),
            "thresholds": result.thresholds,
            "note": exports.refund_level_note(result),
            "fallback": result.thresholds.is_fallback,
            "back": urlencode({"year": year, "as_of": as_of.isoformat()}),
        },
    )

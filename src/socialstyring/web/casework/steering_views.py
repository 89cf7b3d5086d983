"""Focus areas, case reviews, approvals and the worklist."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from socialstyring import clock
from socialstyring.services.casework import approvals, areas, reviews, rulebook
from socialstyring.web.edges import InvalidInput
from socialstyring.web.views import as_of_of, requires


def _date(text: str, *, required: bool = True) -> dt.date | None:
    text = (text or "").strip()
    if not text:
        if required:
            raise InvalidInput(_("A date is missing."))
        return None
    for pattern in ("%Y-%m-%d", "%d-%m-%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise InvalidInput(_("%(value)s is not a date (dd-mm-yyyy).") % {"value": text})


def _number(text: str) -> float | None:
    text = (text or "").strip().replace(".", "").replace(",", ".")
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        raise InvalidInput(_("%(value)s is not a number.") % {"value": text}) from None


@requires("focus.view")
def area_list(request, viewer):
    return render(
        request,
        "casework/areas.html",
        {
            "areas": areas.visible_areas(viewer),
            "can_start": viewer.can("focus.areas.manage"),
            "rules": rulebook.rules(),
            "today": clock.today(),
        },
    )


@require_POST
@requires("focus.areas.manage")
def area_start(request, viewer):
    name = request.POST.get("name", "").strip()[:200]
    codes = request.POST.getlist("rules")
    if not name or not codes:
        messages.error(request, _("Give the focus area a name and at least one rule."))
        return redirect("focus_areas")
    area = areas.start_area(
        viewer,
        name,
        _date(request.POST.get("start", "")) or clock.today(),
        _date(request.POST.get("end", ""), required=False),
        codes,
    )
    messages.success(request, _("The focus area %(name)s is started.") % {"name": area.name})
    return redirect("focus_area", pk=area.pk)


@requires("focus.view")
def area_detail(request, viewer, pk: int):
    progress = areas.progress(viewer, pk, as_of_of(request))
    return render(
        request,
        "casework/area.html",
        {
            "p": progress,
            "grants": progress.grants.to_dicts(),
            "chart": areas.chart(progress),
            "can_review": viewer.can("reviews.record"),
        },
    )


@requires("reviews.record")
def review_plan(request, viewer):
    as_of = as_of_of(request)
    plan = reviews.plan(viewer, as_of)
    return render(
        request,
        "casework/reviews.html",
        {
            "as_of": as_of,
            "plan": plan.to_dicts() if plan.height else [],
            "recent": reviews.recent(viewer, 50),
            "outcomes": list(reviews.OUTCOMES.items()),
            "statuses": reviews.STATUSES,
            "kinds": list(reviews.KINDS.items()),
        },
    )


@require_POST
@requires("reviews.record")
def review_record(request, viewer):
    post = request.POST
    data = {
        "outcome": post.get("outcome", ""),
        "kind": post.get("kind", "")[:20],
        "effective": _date(post.get("effective", ""), required=False),
        "wind_down": _date(post.get("wind_down", ""), required=False),
        "new_quantity": _number(post.get("new_quantity", "")),
        "new_price": _number(post.get("new_price", "")),
        "new_unit": post.get("new_unit", "")[:10],
        "note": post.get("note", "")[:2000],
    }
    area = post.get("focus_area", "")
    data["focus_area_id"] = int(area) if area.isdigit() else None
    try:
        review = reviews.record(viewer, post.get("grant_id", "")[:64], data)
    except reviews.ReviewRefused as refused:
        messages.error(request, str(refused))
        return redirect("reviews")
    messages.success(request, _("The review of %(grant)s is saved.") % {"grant": review.grant_id})
    return (
        redirect(post.get("next") or "reviews")
        if post.get("next", "").startswith("/")
        else redirect("reviews")
    )


@requires("approvals.decide")
def approval_queue(request, viewer):
    as_of = clock.today()
    items = [
        {"a": a, "family": approvals.family_measures(viewer, a, as_of).to_dicts()}
        for a in approvals.queue(viewer)[:100]
    ]
    return render(request, "casework/approvals.html", {"items": items})


@require_POST
@requires("approvals.decide")
def approval_decide(request, viewer, pk: int):
    try:
        approvals.decide(
            viewer, pk, request.POST.get("decision", ""), request.POST.get("reason", "")
        )
    except approvals.DecisionRefused as refused:
        messages.error(request, str(refused))
        return redirect("approvals")
    messages.success(request, _("The decision is saved."))
    return redirect("approvals")


@requires("focus.view")
def worklist(request, viewer):
    today = clock.today()
    plan = reviews.plan(viewer, today) if viewer.can("reviews.record") else None
    due = (
        plan.filter(plan["overdue"] | (plan["due"] <= today + dt.timedelta(days=30))).to_dicts()
        if plan is not None and plan.height
        else []
    )
    return render(
        request,
        "casework/worklist.html",
        {
            "due": due[:100],
            "areas": areas.visible_areas(viewer)[:20],
            "approvals": approvals.queue(viewer)[:50] if viewer.can("approvals.decide") else [],
            "waiting_mine": approvals.mine(viewer) if viewer.scope == "caseload" else [],
        },
    )

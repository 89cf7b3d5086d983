"""Action plans: the list, one plan with its computed status, a leader's edits, and the
status report as PDF or Word."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from socialstyring import clock
from socialstyring.services.management import plans
from socialstyring.terms.management import TARGET_DIRECTIONS, TARGET_MEASURES
from socialstyring.web.downloads import attachment
from socialstyring.web.management.forms import FORMS, PARENTS, PlanForm
from socialstyring.web.views import as_of_of, requires


def _plan(pk: int):
    try:
        return plans.plan(pk)
    except ObjectDoesNotExist:
        raise Http404 from None


@requires("management.view")
def plan_list(request, viewer):
    return render(
        request,
        "management/plans.html",
        {"plans": plans.plans(), "form": PlanForm(), "can_edit": viewer.can("plans.edit")},
    )


@require_POST
@requires("plans.edit")
def plan_create(request, viewer):
    form = PlanForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "management/plans.html",
            {"plans": plans.plans(), "form": form, "can_edit": True},
            status=400,
        )
    plan = plans.save("plan", form.cleaned_data, username=viewer.username, now=clock.now())
    return redirect("plan_detail", pk=plan.pk)


@requires("management.view")
def plan_detail(request, viewer, pk: int):
    plan = _plan(pk)
    as_of = as_of_of(request)
    return render(
        request,
        "management/plan_detail.html",
        {
            "plan": plan,
            "as_of": as_of,
            "points": plans.plan_view(plan, as_of),
            "can_edit": viewer.can("plans.edit"),
            "forms": {part: form() for part, form in FORMS.items()},
            "measures": TARGET_MEASURES.choices,
            "directions": TARGET_DIRECTIONS.choices,
        },
    )


@require_POST
@requires("plans.edit")
def plan_part_save(request, viewer, pk: int, part: str):
    if part not in FORMS:
        raise Http404
    plan = _plan(pk)
    obj_id = plan.pk if part == "plan" else _int(request.POST.get("id"))
    form = FORMS[part](request.POST)
    if obj_id is not None:  # a change names only the fields it changes
        for field in form.fields.values():
            field.required = False
    if not form.is_valid():
        errors = "; ".join(
            f"{form.fields[f].label}: {' '.join(str(m) for m in e)}" for f, e in form.errors.items()
        )
        messages.error(request, _("Not saved: %(errors)s") % {"errors": errors})
        return redirect("plan_detail", pk=plan.pk)
    values = {k: v for k, v in form.cleaned_data.items() if k in request.POST}
    if part == "focus_point" and values.get("position") is None:
        values.pop("position", None)
    parent_id = _int(request.POST.get("parent")) if part in PARENTS else None
    if part in PARENTS and obj_id is None and PARENTS[part] == "plan":
        parent_id = plan.pk
    try:
        plans.save(
            part,
            values,
            username=viewer.username,
            now=clock.now(),
            pk=obj_id,
            parent_id=parent_id,
            plan_id=plan.pk,
        )
    except ObjectDoesNotExist:
        raise Http404 from None
    except ValidationError as exc:
        messages.error(request, _("Not saved: %(errors)s") % {"errors": "; ".join(exc.messages)})
        return redirect("plan_detail", pk=plan.pk)
    messages.success(request, _("Saved."))
    return redirect("plan_detail", pk=plan.pk)


def _int(raw: str | None) -> int | None:
    return int(raw) if raw and raw.isdigit() else None


@require_POST
@requires("plans.edit")
def plan_part_delete(request, viewer, pk: int, part: str, obj: int):
    if part not in FORMS:
        raise Http404
    plan = _plan(pk)
    try:
        plans.delete(part, obj, username=viewer.username, now=clock.now(), plan_id=plan.pk)
    except ObjectDoesNotExist:
        raise Http404 from None
    messages.success(request, _("Deleted."))
    if part == "plan":
        return redirect("plans")
    return redirect("plan_detail", pk=plan.pk)


@requires("management.view")
def plan_report(request, viewer, pk: int, fmt: str):
    plan = _plan(pk)
    as_of = as_of_of(request)
    return attachment(lambda: plans.status_download(plan, as_of, fmt))

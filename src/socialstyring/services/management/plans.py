"""Action plans: focus points with actions and measurable targets, edited by a leader and
audited; their status as of a day and the committee's status report (PDF and Word)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.forms.models import model_to_dict
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from socialstyring.io.formatting import date_dk, kroner, number_dk, percent
from socialstyring.io.writers import status_report as model
from socialstyring.services import audit
from socialstyring.services.management.figures import LiveFigures
from socialstyring.storage.models import Action, ActionPlan, FocusPoint, Target
from socialstyring.terms.management import (
    KEY_FIGURES_BY_CODE,
    TARGET_DIRECTIONS,
    TARGET_STATUSES,
)

# What each part of a plan may be given, and its parent.
FIELDS = {
    "plan": (ActionPlan, ("title",), None),
    "focus_point": (FocusPoint, ("title", "comment", "position"), ("plan", ActionPlan)),
    "action": (Action, ("text", "owner", "deadline", "status_text"), ("focus_point", FocusPoint)),
    "target": (
        Target,
        (
            "label",
            "measure",
            "reference",
            "direction",
            "value",
            "due",
            "baseline",
            "baseline_year",
            "comment",
        ),
        ("focus_point", FocusPoint),
    ),
}


def plans():
    return ActionPlan.objects.all()


def plan(plan_id: int) -> ActionPlan:
    """The plan (``ActionPlan.DoesNotExist`` for another municipality's or none)."""
    return ActionPlan.objects.get(pk=plan_id)


def _plan_of(obj: Any) -> ActionPlan:
    if isinstance(obj, ActionPlan):
        return obj
    if isinstance(obj, FocusPoint):
        return obj.plan
    return obj.focus_point.plan


def save(
    part: str,
    values: dict[str, Any],
    *,
    username: str,
    now: dt.datetime,
    pk: int | None = None,
    parent_id: int | None = None,
    plan_id: int | None = None,
) -> Any:
    """Create (with ``parent_id``) or change (``pk``) one part of a plan, audited; the
    plan's changed time and author follow. With ``plan_id`` the part must belong to that
    plan (``DoesNotExist`` otherwise)."""
    model_class, fields, parent = FIELDS[part]
    with transaction.atomic():
        if pk is None:
            obj = model_class()
            if parent is not None:
                setattr(obj, parent[0], parent[1].objects.get(pk=int(parent_id or 0)))
            else:
                setattr(obj, "created_at", now)  # noqa: B010 - a plan's, by FIELDS
            before: dict[str, Any] = {}
        else:
            obj = model_class.objects.get(pk=pk)
            before = model_to_dict(obj, fields=list(fields))
        if plan_id is not None and _plan_of(obj).pk != plan_id:
            raise model_class.DoesNotExist
        for name in fields:
            if name in values:
                setattr(obj, name, values[name])
        if isinstance(obj, ActionPlan):
            obj.updated_at, obj.updated_by = now, username
        obj.full_clean(exclude=[parent[0]] if parent else None)
        obj.save()
        owner = _plan_of(obj)
        if owner is not obj:
            owner.updated_at, owner.updated_by = now, username
            owner.save(update_fields=["updated_at", "updated_by"])
        after = model_to_dict(obj, fields=list(fields))
        audit.record(
            username,
            f"management.{part}.{'created' if pk is None else 'changed'}",
            object_type=part,
            object_id=str(obj.pk),
            at=now,
            changes={
                k: [str(v) for v in pair] for k, pair in audit.changed_fields(before, after).items()
            },
        )
    return obj


def delete(
    part: str, pk: int, *, username: str, now: dt.datetime, plan_id: int | None = None
) -> ActionPlan | None:
    """Delete one part (and what hangs under it); the plan it belonged to, or None. With
    ``plan_id`` the part must belong to that plan (``DoesNotExist`` otherwise)."""
    model_class = FIELDS[part][0]
    with transaction.atomic():
        obj = model_class.objects.get(pk=pk)
        if plan_id is not None and _plan_of(obj).pk != plan_id:
            raise model_class.DoesNotExist
        owner = None if isinstance(obj, ActionPlan) else _plan_of(obj)
        obj.delete()
        audit.record(
            username, f"management.{part}.deleted", object_type=part, object_id=str(pk), at=now
        )
        if owner is not None:
            owner.updated_at, owner.updated_by = now, username
            owner.save(update_fields=["updated_at", "updated_by"])
    return owner


# --- status ------------------------------------------------------------------------------


def format_value(target: Target, value: float | None) -> str:
    if value is None:
        return "–"
    unit = "kroner"
    if target.measure in ("families_several_grants", "rule_count"):
        return number_dk(value, 0)
    if target.measure == "key_figure":
        figure = KEY_FIGURES_BY_CODE.get(target.reference.strip())
        unit = figure.unit if figure else "number"
    if unit == "kroner":
        return kroner(value)
    if unit == "share":
        return percent(value)
    return number_dk(value, 1)


def goal_text(target: Target) -> str:
    return _("%(direction)s %(value)s by %(date)s") % {
        "direction": TARGET_DIRECTIONS.label(target.direction),
        "value": format_value(target, target.value),
        "date": date_dk(target.due),
    }


def target_line(target: Target, figures: LiveFigures) -> model.TargetLine:
    from socialstyring.core.management.targets import status

    figure = figures.value(target.measure, target.reference, target.due.year)
    code = status(target.direction, target.value, target.due, figure, figures.as_of)
    return model.TargetLine(
        label=target.label,
        goal=goal_text(target),
        figure=format_value(target, figure),
        status=code,
        status_label=TARGET_STATUSES.label(code),
        value=target.value,
        trend=figures.trend(target.measure, target.reference, target.due.year),
        comment=target.comment,
    )


def status_report(
    action_plan: ActionPlan,
    as_of: dt.date,
    *,
    organisation: str = "",
    figures: LiveFigures | None = None,
) -> model.StatusReport:
    """The plan as the committee's status report, every target's status computed as of
    ``as_of`` from the live figures (``figures`` shares them between plans)."""
    figures = figures or LiveFigures(as_of)
    sections = tuple(
        model.FocusSection(
            title=point.title,
            actions=tuple(
                model.ActionLine(a.text, a.owner, a.deadline, a.status_text)
                for a in Action.objects.filter(focus_point=point)
            ),
            targets=tuple(
                target_line(t, figures) for t in Target.objects.filter(focus_point=point)
            ),
            comment=point.comment,
        )
        for point in FocusPoint.objects.filter(plan=action_plan)
    )
    return model.StatusReport(
        action_plan.title, as_of, action_plan.updated_by, sections, organisation
    )


def status_download(action_plan: ActionPlan, as_of: dt.date, fmt: str):
    """The status report as ``pdf`` or ``docx``."""
    from socialstyring.io.writers.docx import status_report_docx
    from socialstyring.io.writers.pdf.status import status_report as status_pdf
    from socialstyring.services.exports import Download, UnknownFormat

    writers = {"pdf": status_pdf, "docx": status_report_docx}
    if fmt not in writers:
        raise UnknownFormat(fmt)
    report = status_report(action_plan, as_of)
    stem = pgettext("file name", "status-report")
    return Download(writers[fmt](report), f"{stem}-{as_of.isoformat()}.{fmt}")


def plan_view(action_plan: ActionPlan, as_of: dt.date) -> list[dict[str, Any]]:
    """The plan's focus points for its page: each with its actions and targets (the rows,
    to edit) and the targets' computed lines, in order."""
    from socialstyring.io.writers import trend

    figures = LiveFigures(as_of)
    points = []
    for point in FocusPoint.objects.filter(plan=action_plan):
        targets = []
        for target in Target.objects.filter(focus_point=point):
            line = target_line(target, figures)
            targets.append(
                {
                    "row": target,
                    "line": line,
                    "chart": trend.svg(
                        line.trend,
                        line.value,
                        label=_("The figure year by year (bars) against the target (dashed line)"),
                    ),
                }
            )
        points.append(
            {
                "row": point,
                "actions": list(Action.objects.filter(focus_point=point)),
                "targets": targets,
            }
        )
    return points

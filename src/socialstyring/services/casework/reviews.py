"""Case reviews: the plan of due and overdue reviews by the shipped cadence rules, and
recording a review's outcome with the saving the core computes from the old and new terms.
An outcome is a decision: it is shown as registered in the case system once the grants
show it, and flagged when they do not 30 days after the review."""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from socialstyring import clock, reference
from socialstyring.core import rules as core
from socialstyring.core.rules import decisions as core_decisions
from socialstyring.core.rules import steering
from socialstyring.services import audit
from socialstyring.services.access import Viewer, require, scope_filter
from socialstyring.services.casework import decisions, focus
from socialstyring.storage.models import CaseReview

RECORD = "reviews.record"
FLAG_AFTER_DAYS = core_decisions.FLAG_AFTER_DAYS
REGISTERED, WAITING, FLAGGED = (
    core_decisions.REGISTERED,
    core_decisions.WAITING,
    core_decisions.FLAGGED,
)
OUTCOMES = {
    steering.CLOSED: gettext_lazy("Closed: the goals are met"),
    steering.HOURS_REDUCED: gettext_lazy("Hours reduced"),
    steering.CONVERTED: gettext_lazy("Converted (video, phone, group)"),
    steering.MOVED_TO_ADULTS: gettext_lazy("Moved to the adults' area"),
    steering.UNCHANGED: gettext_lazy("Unchanged"),
}
STATUSES = {
    REGISTERED: gettext_lazy("registered in the case system"),
    WAITING: gettext_lazy("waiting for the case system"),
    FLAGGED: gettext_lazy("not in the case system after 30 days"),
}
KINDS = {"professional": gettext_lazy("professional"), "economic": gettext_lazy("economic")}


class ReviewRefused(ValueError):
    """A review that cannot be recorded; ``str()`` is the Danish message."""


def cadences() -> list[dict[str, Any]]:
    return list(reference.steering_rules()["cadences"])


def _reviews_frame() -> pl.DataFrame:
    rows = list(CaseReview.objects.values("grant_id", "reviewed_on"))
    return pl.DataFrame(rows, schema={"grant_id": pl.String, "reviewed_on": pl.Date})


def plan(viewer: Viewer, as_of: dt.date) -> pl.DataFrame:
    """Every case due for review within the viewer's reach, the overdue first."""
    require(viewer, RECORD)
    grants, providers, _t = focus.database_inputs(as_of)
    reviews = _reviews_frame()
    parts = []
    for cadence in cadences():
        # The course-duration reason makes the preparation find each grant's course.
        rule = core.parse_rule(
            {
                "code": cadence["code"],
                "name": cadence["name"],
                "conditions": cadence["conditions"],
                "reason": {"kind": "course_duration"},
            }
        )
        frame = core.prepare(grants, [rule], as_of, providers)
        cases = core.select_grants(frame, list(rule.conditions), as_of).filter(scope_filter(viewer))
        if cases.height == 0:
            continue
        part = steering.review_plan(
            cases.select(
                "grant_id", "citizen_id", "paragraph", "team", "caseworker", "course_start"
            ),
            reviews,
            int(cadence["months"]),
            list(cadence.get("alternation", [])),
            as_of,
        ).with_columns(cadence=pl.lit(cadence["name"]))
        parts.append(part)
    if not parts:
        return pl.DataFrame()
    return pl.concat(parts, how="diagonal_relaxed").sort(
        ["overdue", "due", "grant_id"], descending=[True, False, False]
    )


@transaction.atomic
def record(viewer: Viewer, grant_id: str, data: dict[str, Any]) -> CaseReview:
    """Record a review of a grant in the viewer's reach; the saving is the core's."""
    require(viewer, RECORD)
    today = clock.today()
    grants, _p, _t = focus.database_inputs(today)
    grant = grants.filter((pl.col("grant_id") == grant_id) & scope_filter(viewer))
    if grant.height == 0:
        raise Http404
    return record_for(grant.row(0, named=True), data, viewer.username, today)


def record_for(
    g: dict[str, Any], data: dict[str, Any], username: str, today: dt.date
) -> CaseReview:
    """Record a review of the grant ``g`` (a row of the grant frame) once access is
    decided: :func:`record` for users, the demo for its history."""
    outcome = data.get("outcome", "")
    if outcome not in steering.OUTCOMES:
        raise ReviewRefused(_("Choose an outcome."))
    effective = data.get("effective") or today
    old = {k: g[k] for k in ("price", "price_unit", "quantity", "start", "end")}
    this_year, per_year = steering.outcome_saving(
        old,
        outcome,
        effective,
        today,
        new_quantity=data.get("new_quantity"),
        new_price=data.get("new_price"),
        new_unit=data.get("new_unit") or None,
        wind_down=data.get("wind_down"),
    )
    review = CaseReview.objects.create(
        grant_id=g["grant_id"],
        citizen_id=g["citizen_id"],
        team=g["team"] or "",
        caseworker=g["caseworker"] or "",
        reviewed_on=data.get("reviewed_on") or today,
        kind=data.get("kind") or "professional",
        reviewer=username,
        outcome=outcome,
        effective=effective,
        new_quantity=data.get("new_quantity"),
        new_price=data.get("new_price"),
        new_unit=data.get("new_unit") or "",
        wind_down=data.get("wind_down") if outcome == steering.CLOSED else None,
        note=data.get("note", ""),
        old_terms={**old, "start": str(old["start"]), "end": str(old["end"] or "")},
        saving_this_year=this_year,
        saving_per_year=per_year,
        focus_area_id=data.get("focus_area_id"),
        created_at=clock.now(),
    )
    audit.record(
        username,
        "reviews.recorded",
        citizen_id=g["citizen_id"],
        object_type="case_review",
        object_id=str(review.pk),
        changes={"grant_id": g["grant_id"], "outcome": outcome, "effective": str(effective)},
    )
    return review


def registration(review: CaseReview, current: pl.DataFrame, today: dt.date) -> str:
    """Whether the grants (``current``) show the outcome: registered, waiting or flagged
    (the core's rule, ``core/rules/decisions``)."""
    outcomes = decisions.outcomes_frame([review])
    terms = current.select(core_decisions.GRANT_TERMS)
    return str(core_decisions.statuses(outcomes, terms, today)["status"].item())


def recent(viewer: Viewer, limit: int = 100) -> list[dict[str, Any]]:
    """The latest reviews in the viewer's reach, each with its registration status."""
    require(viewer, RECORD)
    reviews = CaseReview.objects.all()
    if viewer.scope == "team":
        reviews = reviews.filter(team=viewer.team or "")
    elif viewer.scope == "caseload":
        reviews = reviews.filter(caseworker=viewer.caseworker_code)
    latest = list(reviews[:limit])
    found = decisions.statuses(latest, clock.today())
    return [{"review": r, "status": found[r.pk]} for r in latest]

"""Case steering in the demo municipality: a § 85 focus area shaped like Rebild's (about
130 active cases frozen in January, reviews that closed about 35 and cut hours in about
10, most of them since seen in the grants), a review plan with some cases overdue, and a
few approvals waiting. Demo data, written through the ordinary services."""

from __future__ import annotations

import datetime as dt

import polars as pl
from django.contrib.auth.models import User
from django.db import transaction

from socialstyring.services.access import Viewer
from socialstyring.services.casework import approvals, areas, focus, reviews, rulebook
from socialstyring.storage.models import (
    Approval,
    CaseReview,
    CohortGrant,
    Grant,
    Membership,
    Team,
)
from socialstyring.storage.models.access import CASEWORKER, TEAM_LEADER

COHORT = 130
CLOSED, REDUCED, NOT_YET_IN_THE_GRANTS = 35, 10, 4
RULE = {
    "code": "sel85_rebild",
    "name": "SEL § 85: de 130 største timesager",
    "subject": "citizen",
    "conditions": [
        {"field": "paragraph", "op": "eq", "value": "SEL § 85"},
        {"field": "active", "op": "is_true"},
        {"field": "price_unit", "op": "eq", "value": "hour"},
    ],
    "top": {"measure": "run_rate", "n": COHORT},
    "reason": {"kind": "hours_per_week"},
}


@transaction.atomic
def load(as_of: dt.date, password: str) -> list[str]:
    """The focus area, reviews and approvals; returns the demo users it adds."""
    start = dt.date(as_of.year, 1, 2)
    leader = Viewer("leder-voksen", TEAM_LEADER, None, "")
    rulebook.save_rule(leader, RULE)
    area = areas.start_area(
        leader, "§ 85-indsatsen (Rebild-modellen)", start, None, [str(RULE["code"])]
    )
    cohort = list(CohortGrant.objects.filter(area_id=area.pk).order_by("-run_rate", "grant_id"))
    grants, _providers, _thresholds = focus.database_inputs(as_of)
    _review_cohort(area.pk, cohort, grants, start, as_of)
    _review_children(as_of)
    approvals.flag(as_of, "demo")
    waiting = list(Approval.objects.order_by("id").values_list("pk", flat=True))
    Approval.objects.filter(pk__in=waiting[5:]).update(
        status=approvals.APPROVED, decision_reason="Godkendt på teammøde", decided_by="demo"
    )
    return _users(password)


def _review_cohort(
    area_id: int, cohort, grants: pl.DataFrame, start: dt.date, as_of: dt.date
) -> None:
    """Close some cases and cut hours in others, each from a day in the spring; all but a
    few are then shown in the grants, as a later import would."""
    days = (as_of - start).days
    for i, member in enumerate(cohort[: CLOSED + REDUCED]):
        closed = i < CLOSED
        reviewed = start + dt.timedelta(days=14 + (i * days // (CLOSED + REDUCED + 1)) // 2)
        effective = reviewed + dt.timedelta(days=30)
        new_hours = None if closed else max(1.0, round(member.quantity / 2))
        data = {
            "outcome": "closed" if closed else "hours_reduced",
            "kind": "professional",
            "effective": effective,
            "new_quantity": new_hours,
            "reviewed_on": reviewed,
            "focus_area_id": area_id,
            "note": "",
        }
        row = grants.filter(pl.col("grant_id") == member.grant_id).row(0, named=True)
        reviews.record_for(row, data, "leder-voksen", reviewed)
        if i % ((CLOSED + REDUCED) // NOT_YET_IN_THE_GRANTS) == 3:
            continue  # decided, not yet in the case system
        grant = Grant.objects.filter(grant_id=member.grant_id)
        if closed:
            grant.update(end=effective - dt.timedelta(days=1))
        else:
            grant.update(quantity=new_hours)


def _review_children(as_of: dt.date) -> None:
    """Three in four children's cases reviewed within the last five months."""
    grants, _providers, _thresholds = focus.database_inputs(as_of)
    children = grants.filter(
        (pl.col("area") == "children")
        & (pl.col("price_unit") != "once")
        & (pl.col("start") <= as_of)
        & (pl.col("end").is_null() | (pl.col("end") >= as_of))
    ).sort("grant_id")
    rows = []
    for i, g in enumerate(children.iter_rows(named=True)):
        if i % 4 == 3:
            continue
        reviewed = as_of - dt.timedelta(days=20 + (i * 7) % 130)
        rows.append(
            CaseReview(
                grant_id=g["grant_id"],
                citizen_id=g["citizen_id"],
                team=g["team"] or "",
                caseworker=g["caseworker"] or "",
                reviewed_on=reviewed,
                kind="professional",
                reviewer="demo",
                outcome="unchanged",
                effective=reviewed,
                old_terms={},
                created_at=dt.datetime.combine(reviewed, dt.time(12), dt.UTC),
            )
        )
    CaseReview.objects.bulk_create(rows)


def _users(password: str) -> list[str]:
    """A leader and a caseworker of the adults' team with the most § 85 grants."""
    team_name = (
        Grant.objects.filter(paragraph="SEL § 85").values_list("team", flat=True).first() or ""
    )
    team = Team.objects.get_or_create(name=team_name)[0]
    code = (
        Grant.objects.filter(team=team_name)
        .exclude(caseworker=None)
        .values_list("caseworker", flat=True)
        .first()
        or ""
    )
    added = []
    for username, first_name, role, caseworker in (
        ("leder-voksen", "Funktionsleder, voksne", TEAM_LEADER, ""),
        ("raadgiver-voksen", "Myndighedsrådgiver, voksne", CASEWORKER, code),
    ):
        user, _created = User.objects.get_or_create(
            username=username, defaults={"first_name": first_name}
        )
        user.set_password(password)
        user.save()
        Membership.objects.update_or_create(
            user=user, defaults={"role": role, "team": team, "caseworker_code": caseworker}
        )
        added.append(username)
    return added

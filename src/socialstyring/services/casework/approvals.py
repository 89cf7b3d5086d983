"""Approvals: grants that meet a shipped approval rule without a recorded decision are
queued for their approver (the leader of the grant's team, or the allocation meeting);
the approver sees the family's other measures and their cost, then approves or rejects
with a reason. Every step is audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from socialstyring import clock, reference
from socialstyring.core import rules as core
from socialstyring.services import audit
from socialstyring.services.access import Viewer, require
from socialstyring.services.casework import focus
from socialstyring.storage.models import Approval

DECIDE = "approvals.decide"
PENDING, APPROVED, REJECTED = "pending", "approved", "rejected"


class DecisionRefused(ValueError):
    """A decision that cannot be recorded; ``str()`` is the Danish message."""


def approval_rules() -> list[tuple[core.Rule, str]]:
    return [
        (core.parse_rule(r), str(r["approver"])) for r in reference.steering_rules()["approvals"]
    ]


@transaction.atomic
def flag(as_of: dt.date, username: str = "", *, saved: pl.DataFrame | None = None) -> int:
    """Queue every grant an approval rule flags that has no approval row yet (``saved``:
    every grant of the municipality, just stored by an import)."""
    rules = approval_rules()
    result = focus.focus_from_database(as_of, [r for r, _approver in rules], saved=saved)
    known = set(Approval.objects.values_list("rule_code", "grant_id"))
    created = []
    for (rule, approver), r in zip(rules, result.results, strict=True):
        families = r.matches.select("grant_id", "citizen_id", "team", "caseworker", "subject_id")
        for row in families.iter_rows(named=True):
            if (rule.code, row["grant_id"]) in known:
                continue
            created.append(
                Approval(
                    rule_code=rule.code,
                    grant_id=row["grant_id"],
                    citizen_id=row["citizen_id"],
                    family_id=row["subject_id"] if rule.subject == core.language.FAMILY else "",
                    team=row["team"] or "",
                    caseworker=row["caseworker"] or "",
                    approver=approver,
                    created_at=clock.now(),
                )
            )
    Approval.objects.bulk_create(created)
    if created:
        audit.record(
            username or "system",
            "approvals.flagged",
            object_type="approval",
            changes={"count": len(created)},
        )
    return len(created)


def queue(viewer: Viewer, status: str = PENDING):
    """The approvals this viewer decides: their team's (the meeting's ones for all leaders)."""
    require(viewer, DECIDE)
    items = Approval.objects.filter(status=status)
    if viewer.team:
        items = items.filter(team=viewer.team)
    return items.order_by("created_at", "id")


def family_measures(viewer: Viewer, approval: Approval, as_of: dt.date) -> pl.DataFrame:
    """The family's (or citizen's) active grants with their run rate, for the decision."""
    grants, _p, _t = focus.database_inputs(as_of)
    key = approval.family_id or approval.citizen_id
    family = pl.col("family_id").fill_null(pl.col("citizen_id"))
    chosen = core.select_grants(
        grants.filter(family == key), [{"field": "active", "op": "is_true"}], as_of
    )
    from socialstyring.core.costs import run_rate_expr

    audit.citizens_shown(
        viewer.username,
        "approvals.family.viewed",
        chosen["citizen_id"].to_list(),
        page=f"approval/{approval.pk}",
        changes={"family": key},
    )
    return chosen.with_columns(run_rate_expr(as_of)).sort("grant_id")


@transaction.atomic
def decide(viewer: Viewer, pk: int, decision: str, reason: str) -> Approval:
    approval = queue(viewer).filter(pk=pk).first()
    if approval is None:
        raise Http404
    if decision not in (APPROVED, REJECTED):
        raise DecisionRefused(_("Choose approve or reject."))
    if not reason.strip():
        raise DecisionRefused(_("Give a reason for the decision."))
    approval.status, approval.decision_reason = decision, reason.strip()[:2000]
    approval.decided_by, approval.decided_at = viewer.username, clock.now()
    approval.save()
    audit.record(
        viewer.username,
        f"approvals.{decision}",
        citizen_id=approval.citizen_id,
        object_type="approval",
        object_id=str(approval.pk),
        changes={"grant_id": approval.grant_id, "reason": approval.decision_reason},
    )
    return approval


def counts(viewer: Viewer) -> dict[str, Any]:
    return {"pending": queue(viewer).count()} if viewer.can(DECIDE) else {"pending": 0}


def mine(viewer: Viewer):
    """A caseworker's own grants waiting for approval."""
    return Approval.objects.filter(status=PENDING, caseworker=viewer.caseworker_code or "-")[:50]

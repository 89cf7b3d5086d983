"""Approvals: grants that meet a shipped approval rule without a recorded decision are
queued for their approver (the leader of the grant's team, or the allocation meeting);
the approver sees the family's other measures and their cost, then approves or rejects
with a reason. Every step is audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl
from django.db import connection, transaction
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
    known = pl.DataFrame(
        list(Approval.objects.values_list("rule_code", "grant_id")),
        schema={"rule_code": pl.String, "grant_id": pl.String},
        orient="row",
    )
    flagged = [
        r.matches.select(
            pl.lit(rule.code).alias("rule_code"),
            pl.col("grant_id"),
            pl.col("citizen_id"),
            (pl.col("subject_id") if rule.subject == core.language.FAMILY else pl.lit(""))
            .fill_null("")
            .alias("family_id"),
            pl.col("team").fill_null(""),
            pl.col("caseworker").fill_null(""),
            pl.lit(approver).alias("approver"),
        )
        for (rule, approver), r in zip(rules, result.results, strict=True)
    ]
    new = (
        pl.concat(flagged, how="vertical_relaxed")
        .unique(["rule_code", "grant_id"], keep="first", maintain_order=True)
        .join(known, on=["rule_code", "grant_id"], how="anti")
    )
    if new.height:
        _insert(new)
        audit.record(
            username or "system",
            "approvals.flagged",
            object_type="approval",
            changes={"count": new.height},
        )
    return new.height


def _insert(new: pl.DataFrame) -> None:
    """The new approvals in one bulk insert (an import of 1M grants can flag tens of
    thousands: Django's ``bulk_create`` took 8,6 s for 33.000 on SQLite)."""
    from socialstyring.storage import saving, tenancy

    code = tenancy.current_code()
    stamp = connection.ops.adapt_datetimefield_value(clock.now())
    rows = new.with_columns(
        pl.lit(code).alias("municipality"),
        pl.lit(PENDING).alias("status"),
        pl.lit("").alias("decision_reason"),
        pl.lit("").alias("decided_by"),
        pl.lit(None, pl.String).alias("decided_at"),
        pl.lit(str(stamp)).alias("created_at"),
    )
    with tenancy.as_owner_for([code]):
        saving.insert(Approval._meta.db_table, rows.columns, rows)


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

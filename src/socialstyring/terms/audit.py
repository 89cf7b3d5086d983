"""What the audit log records: each action's code (stored, searchable by prefix) with its
Danish label, and the labels of the keys an entry's changes may hold. A service that
records a new action declares it here (``tests/test_audit_terms.py`` holds the code to it)."""

from __future__ import annotations

from dataclasses import dataclass

from socialstyring.translation import _, pgettext


@dataclass(frozen=True)
class AuditAction:
    code: str  # dotted, e.g. grants.citizen.viewed; stored in the log
    label: str


AUDIT_ACTIONS = {
    a.code: a
    for a in (
        AuditAction("grants.list.viewed", _("Viewed a list of grants")),
        AuditAction("grants.list.exported", _("Exported a list of grants")),
        AuditAction("grants.citizen.viewed", _("Viewed a citizen's grants")),
        AuditAction("grants.citizen.refused", _("Was refused a citizen's grants")),
        AuditAction("imports.file.imported", _("Imported a file")),
        AuditAction("followup.snapshot.saved", _("Saved a budget follow-up")),
        AuditAction("followup.snapshot.changed", _("Changed a budget follow-up")),
        AuditAction("followup.buffer.created", _("Created a buffer pool")),
        AuditAction("followup.buffer.changed", _("Changed a buffer pool")),
        AuditAction("followup.buffer.deleted", _("Deleted a buffer pool")),
        AuditAction("focus.rule.saved", _("Saved a focus rule")),
        AuditAction("focus.rule.deleted", _("Deleted a focus rule")),
        AuditAction("focus.hits.viewed", _("Viewed a focus rule's cases")),
        AuditAction("focus.area.started", _("Started a focus area")),
        AuditAction("focus.area.viewed", _("Viewed a focus area's cohort")),
        AuditAction("reviews.recorded", _("Recorded a case review")),
        AuditAction(
            "reviews.registered", _("Marked review outcomes as registered in the case system")
        ),
        AuditAction("approvals.flagged", _("Queued grants for approval")),
        AuditAction("approvals.family.viewed", _("Viewed a family's measures for an approval")),
        AuditAction("approvals.approved", _("Approved a grant")),
        AuditAction("approvals.rejected", _("Rejected a grant")),
        AuditAction("refunds.list.viewed", _("Viewed the refund list")),
        AuditAction("refunds.list.exported", _("Exported the refund list")),
        AuditAction("refunds.subject.viewed", _("Viewed a refund subject's grants")),
        AuditAction("economics.business_case.saved", _("Saved a business case")),
        AuditAction("economics.investment.created", _("Created an investment")),
        AuditAction("economics.scenario.saved", _("Saved a scenario")),
        AuditAction("regional.bring_home.viewed", _("Viewed the citizens who could come home")),
        AuditAction(
            "regional.bring_home.scenario",
            _("Sent citizens who could come home to a what-if scenario"),
        ),
    )
}

# What an entry is about, when it is not a stored model (those are named by their own
# verbose name).
OBJECT_TYPES = {
    "citizen": _("Citizen"),
    "grants": _("Grants"),
    "import": pgettext("audit", "File"),
    "scenario": pgettext("audit", "Scenario"),
    "business_case": pgettext("audit", "Business case"),
    "investment": pgettext("audit", "Investment"),
}

# The administration's actions are ``admin.<model>.<verb>``: the verb is labelled here,
# the model by its own verbose name.
ADMIN_PREFIX = "admin."
ADMIN_VERBS = {
    "created": pgettext("audit", "created"),
    "changed": pgettext("audit", "changed"),
    "deleted": pgettext("audit", "deleted"),
}
# A change of an object records ``{field: [before, after]}``.
BEFORE_AFTER_VERB = "changed"

# What an entry's ``changes`` may hold, in the words of the log's readers.
CHANGE_KEYS = {
    "filters": _("Filters"),
    "query": _("Search"),
    "rows": pgettext("audit", "Rows"),
    "format": pgettext("audit", "Format"),
    "citizen_count": _("Citizens shown"),
    "citizens": _("Citizens"),
    "kind": _("File kind"),
    "created": pgettext("audit", "New"),
    "updated": pgettext("audit", "Changed"),
    "sha256": _("Checksum (SHA-256)"),
    "year": pgettext("audit", "Year"),
    "as_of": _("As of"),
    "title": pgettext("audit", "Title"),
    "is_final": _("Final"),
    "lines": _("Accounts"),
    "grants": _("Grants"),
    "note": _("Overall comment"),
    "comments": _("Comments"),
    "name": pgettext("audit", "Name"),
    "amount": pgettext("audit", "Amount"),
    "rule": _("Release rule"),
    "subjects": _("Refund subjects"),
    "start_day": _("Start day"),
    "first_year": _("First year"),
    "rate": _("Discount rate"),
    "costs": _("Costs"),
    "savings": _("Savings"),
    "approved": _("Approved"),
    "count": pgettext("audit", "Count"),
    "cohort": _("Cohort"),
    "effective": _("Effective from"),
    "family": _("Family"),
    "grant_id": pgettext("audit", "Grant"),
    "outcome": _("Outcome"),
    "q": pgettext("audit", "Search text"),
    "reason": _("Reason"),
    "rules": _("Rules"),
    "sort": _("Sorting"),
}

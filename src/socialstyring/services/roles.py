"""Roles and what each may do, declared as data: the access layer, the permission
screen, the docs and the permission-matrix test all read this one table."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

from socialstyring.storage.models.access import (
    ADMIN,
    CASEWORKER,
    FINANCE,
    READER,
    ROLE_CHOICES,
    SECRETARIAT,
    TEAM_LEADER,
)

__all__ = [
    "ADMIN",
    "CASEWORKER",
    "FINANCE",
    "READER",
    "ROLE_CHOICES",
    "SECRETARIAT",
    "TEAM_LEADER",
    "allowed",
]


@dataclass(frozen=True)
class Action:
    code: str
    label: str | Promise  # for the permission overview (translated when shown)
    roles: frozenset[str]


ACTIONS = {
    a.code: a
    for a in (
        Action(
            "figures.view",
            pgettext_lazy("permission", "See financial key figures and the overview"),
            frozenset({FINANCE, TEAM_LEADER, READER}),
        ),
        Action(
            "grants.list",
            pgettext_lazy("permission", "See the grants behind a figure"),
            frozenset({FINANCE, TEAM_LEADER, CASEWORKER}),
        ),
        Action(
            "citizen.view",
            pgettext_lazy("permission", "See one citizen's grants"),
            frozenset({TEAM_LEADER, CASEWORKER}),
        ),
        Action("imports.upload", pgettext_lazy("permission", "Load files"), frozenset({FINANCE})),
        Action(
            "imports.view",
            pgettext_lazy("permission", "See the import history"),
            frozenset({FINANCE, ADMIN}),
        ),
        Action(
            "snapshots.view",
            pgettext_lazy("permission", "See budget follow-ups"),
            frozenset({FINANCE, TEAM_LEADER, READER}),
        ),
        Action(
            "snapshots.save",
            pgettext_lazy("permission", "Save and comment on budget follow-ups"),
            frozenset({FINANCE}),
        ),
        Action(
            "buffer.manage",
            pgettext_lazy("permission", "Create and change buffer pools"),
            frozenset({FINANCE}),
        ),
        Action(
            "audit.view", pgettext_lazy("permission", "Search the audit log"), frozenset({ADMIN})
        ),
        Action(
            "users.manage",
            pgettext_lazy("permission", "Manage users and reference data"),
            frozenset({ADMIN}),
        ),
        Action(
            "focus.view",
            pgettext_lazy("permission", "See focus rules, their cases and focus areas"),
            frozenset({FINANCE, TEAM_LEADER, CASEWORKER}),
        ),
        Action(
            "focus.rules.edit",
            pgettext_lazy("permission", "Create, copy, edit and import focus rules"),
            frozenset({TEAM_LEADER}),
        ),
        Action(
            "focus.areas.manage",
            pgettext_lazy("permission", "Start focus areas"),
            frozenset({TEAM_LEADER}),
        ),
        Action(
            "reviews.record",
            pgettext_lazy("permission", "See the review plan and record case reviews"),
            frozenset({TEAM_LEADER, CASEWORKER}),
        ),
        Action(
            "approvals.decide",
            pgettext_lazy("permission", "Approve or reject grants in the approval queue"),
            frozenset({TEAM_LEADER}),
        ),
        Action(
            "refunds.view",
            pgettext_lazy(
                "permission", "See the expected refund per household and citizen, and its grants"
            ),
            frozenset({FINANCE, TEAM_LEADER, CASEWORKER}),
        ),
        Action(
            "economics.view",
            pgettext_lazy("permission", "See scenarios, business cases and investments"),
            frozenset({FINANCE, TEAM_LEADER, READER}),
        ),
        Action(
            "economics.edit",
            pgettext_lazy(
                "permission", "Create and recompute scenarios, business cases and investments"
            ),
            frozenset({FINANCE}),
        ),
        Action(
            "regional.view",
            pgettext_lazy(
                "permission", "See offers' tariffs, occupancy, offers at risk, supply and demand"
            ),
            frozenset({SECRETARIAT, FINANCE, READER}),
        ),
        Action(
            "regional.matrix",
            pgettext_lazy("permission", "See sales and purchases between all municipalities"),
            frozenset({SECRETARIAT}),
        ),
        Action(
            "regional.trade",
            pgettext_lazy("permission", "See the municipality's own purchases and sales"),
            frozenset({FINANCE, READER}),
        ),
        Action(
            "regional.bring_home",
            pgettext_lazy("permission", "See the citizens who could come home"),
            frozenset({FINANCE}),
        ),
        Action(
            "management.view",
            pgettext_lazy("permission", "See key figures, appeals and action plans"),
            frozenset({FINANCE, TEAM_LEADER, READER}),
        ),
        Action(
            "plans.edit",
            pgettext_lazy("permission", "Edit action plans"),
            frozenset({TEAM_LEADER}),
        ),
    )
}

# How far a role's view of grants and citizens reaches.
SCOPE = {
    FINANCE: "all",
    READER: "none",
    ADMIN: "none",
    TEAM_LEADER: "team",
    CASEWORKER: "caseload",
    SECRETARIAT: "none",
}


def allowed(role: str | None, action: str) -> bool:
    return role is not None and role in ACTIONS[action].roles

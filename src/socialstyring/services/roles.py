"""Roles and what each may do, declared as data: the access layer, the permission
screen, the docs and the permission-matrix test all read this one table."""

from __future__ import annotations

from dataclasses import dataclass

from socialstyring.storage.models.access import (  # noqa: F401 - re-exported
    ADMIN,
    CASEWORKER,
    FINANCE,
    READER,
    ROLE_CHOICES,
    TEAM_LEADER,
)


@dataclass(frozen=True)
class Action:
    code: str
    label: str  # Danish, for the permission overview
    roles: frozenset[str]


ACTIONS = {
    a.code: a
    for a in (
        Action(
            "figures.view",
            "Se økonomiske nøgletal og overblik",
            frozenset({FINANCE, TEAM_LEADER, READER}),
        ),
        Action(
            "grants.list",
            "Se bevillinger bag et tal",
            frozenset({FINANCE, TEAM_LEADER, CASEWORKER}),
        ),
        Action("citizen.view", "Se én borgers bevillinger", frozenset({TEAM_LEADER, CASEWORKER})),
        Action("imports.upload", "Indlæse filer", frozenset({FINANCE})),
        Action("imports.view", "Se importhistorik", frozenset({FINANCE, ADMIN})),
        Action(
            "snapshots.view", "Se budgetopfølgninger", frozenset({FINANCE, TEAM_LEADER, READER})
        ),
        Action("snapshots.save", "Gemme og kommentere budgetopfølgninger", frozenset({FINANCE})),
        Action("buffer.manage", "Oprette og ændre bufferpuljer", frozenset({FINANCE})),
        Action("audit.view", "Søge i revisionsloggen", frozenset({ADMIN})),
        Action("users.manage", "Administrere brugere og referencedata", frozenset({ADMIN})),
    )
}

# How far a role's view of grants and citizens reaches.
SCOPE = {FINANCE: "all", READER: "none", ADMIN: "none", TEAM_LEADER: "team", CASEWORKER: "caseload"}


def allowed(role: str | None, action: str) -> bool:
    return role is not None and role in ACTIONS[action].roles

"""The one access layer: every object a user sees is fetched through these helpers.

A missing permission for the role is 403 (PermissionDenied); an object outside the
user's team or caseload is 404 (Http404), so its existence is not revealed.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from socialstyring.services.roles import ACTIONS, ROLE_CHOICES, SCOPE, SECRETARIAT, allowed
from socialstyring.storage import tenancy
from socialstyring.storage.models import Grant, Membership, Team


@dataclass(frozen=True)
class Viewer:
    """Who is asking: user name, role, team name, caseworker code and the municipalities
    whose rows they work with (none for a user without a membership)."""

    username: str
    role: str | None
    team: str | None
    caseworker_code: str
    municipalities: tuple[str, ...] = ()
    # The municipality that hosts a regional secretariat, whose region it sees; the
    # secretariat's own requests see no municipality's rows (no citizen of any).
    region_of: str = ""

    def can(self, action: str) -> bool:
        return allowed(self.role, action)

    @property
    def scope(self) -> str:
        return SCOPE.get(self.role or "", "none")

    @property
    def role_label(self) -> str:
        """The role's name as users read it (every page's header shows it)."""
        return str(dict(ROLE_CHOICES).get(self.role or "", ""))


def viewer_for(user) -> Viewer:
    if not user.is_authenticated:
        return Viewer("", None, None, "")
    # Unscoped on purpose: the membership is what says which municipality the user has.
    membership = Membership.objects.filter(user=user).first()
    if membership is None:
        return Viewer(user.get_username(), None, None, "")
    if membership.role == SECRETARIAT:
        return Viewer(user.get_username(), SECRETARIAT, None, "", (), membership.municipality)
    team = None
    if membership.team_id is not None:
        with tenancy.activate(membership.municipality, database=False):
            team = Team.objects.filter(pk=membership.team_id).values_list("name", flat=True).first()
    return Viewer(
        user.get_username(),
        membership.role,
        team,
        membership.caseworker_code,
        (membership.municipality,),
    )


def require(viewer: Viewer, action: str) -> None:
    if action not in ACTIONS:
        raise KeyError(action)
    if not viewer.can(action):
        raise PermissionDenied


def visible_grants(viewer: Viewer) -> QuerySet[Grant]:
    """The grants this viewer may list."""
    require(viewer, "grants.list")
    grants = Grant.objects.all()
    if viewer.scope == "all":
        return grants
    if viewer.scope == "team" and viewer.team:
        return grants.filter(team=viewer.team)
    if viewer.scope == "caseload" and viewer.caseworker_code:
        return grants.filter(caseworker=viewer.caseworker_code)
    return grants.none()


def scope_filter(viewer: Viewer) -> pl.Expr:
    """The same restriction as :func:`visible_grants`, for grant frames."""
    if viewer.scope == "all":
        return pl.lit(True)
    if viewer.scope == "team" and viewer.team:
        return pl.col("team") == viewer.team
    if viewer.scope == "caseload" and viewer.caseworker_code:
        return pl.col("caseworker") == viewer.caseworker_code
    return pl.lit(False)


def citizen_grants(viewer: Viewer, citizen_id: str) -> QuerySet[Grant]:
    """A citizen's grants, if the viewer may see this citizen at all (else 404)."""
    require(viewer, "citizen.view")
    visible = visible_grants(viewer)
    if not visible.filter(citizen_id=citizen_id).exists():
        raise Http404
    # Least privilege: only the citizen's grants within the viewer's team or caseload.
    return visible.filter(citizen_id=citizen_id).order_by("start", "grant_id")

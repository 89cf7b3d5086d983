"""The grants behind one account's movement between two follow-up snapshots, limited to
the grants the viewer may list (the comparison itself is :mod:`services.snapshots`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from socialstyring.services.access import Viewer, visible_grants
from socialstyring.terms import PART_LABELS, PARTS

if TYPE_CHECKING:
    from socialstyring.services.snapshots import AccountMovement, Comparison, GrantChange

__all__ = ["DrillDown", "drill_down"]


@dataclass
class DrillDown:
    movement: AccountMovement
    grants: dict[str, list[GrantChange]]
    hidden: int  # grants behind the figures that lie outside the viewer's team or caseload

    @property
    def sections(self) -> list[tuple[str, int, list[GrantChange]]]:
        """(label, the part's amount, its grants) in the order of PARTS."""
        return [(PART_LABELS[p], self.movement.parts[p], self.grants[p]) for p in PARTS]

    @property
    def any_changes(self) -> bool:
        """Whether any part moved or any grant is behind the movement."""
        return any(self.movement.parts[p] for p in PARTS) or any(self.grants.values())


def drill_down(viewer: Viewer, comparison: Comparison, account: str) -> DrillDown | None:
    """The grants behind one account's movement, limited to the grants the viewer may list."""
    movement = next((m for m in comparison.accounts if m.account == account), None)
    if movement is None or not viewer.can("grants.list"):
        return None
    ids = {c.grant_id for changes in movement.grants.values() for c in changes}
    if viewer.scope != "all":
        ids = set(
            visible_grants(viewer).filter(grant_id__in=ids).values_list("grant_id", flat=True)
        )
    grants = {
        p: [c for c in changes if c.grant_id in ids] for p, changes in movement.grants.items()
    }
    total = sum(len(changes) for changes in movement.grants.values())
    return DrillDown(movement, grants, total - sum(len(changes) for changes in grants.values()))

"""Writing the audit log. Call inside the transaction of the change being recorded."""

from __future__ import annotations

import datetime as dt
from typing import Any

from socialstyring import clock
from socialstyring.storage.models import AuditEntry


def record(
    username: str,
    action: str,
    *,
    citizen_id: str = "",
    object_type: str = "",
    object_id: str = "",
    page: str = "",
    changes: dict[str, Any] | None = None,
    at: dt.datetime | None = None,
) -> AuditEntry:
    return AuditEntry.objects.create(
        at=at or clock.now(),
        username=username,
        action=action,
        citizen_id=citizen_id,
        object_type=object_type,
        object_id=str(object_id),
        page=page[:500],
        changes=changes or {},
    )


def changed_fields(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """Only what changed, as ``{field: [old, new]}``."""
    return {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}

"""Writing the audit log. Call inside the transaction of the change being recorded."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from typing import Any

from django.db.models import QuerySet

from socialstyring import clock
from socialstyring.io.cpr import MASK
from socialstyring.storage.models import AuditEntry

# Six digits, an optional separator, four digits, anywhere in a key.
CPR_LIKE = r"\d{6}\s*[-\u2010-\u2015\u2212]?\s*\d{4}"


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
    municipality: str | None = None,
) -> AuditEntry:
    """``municipality`` names whose log the entry belongs to when the work is for several
    (else the active one)."""
    tenant = {"municipality": municipality} if municipality else {}
    return AuditEntry.objects.create(
        **tenant,
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


SEARCH_FIELDS = ("username", "citizen_id", "action", "from", "to")


def search(filters: dict[str, str]) -> QuerySet[AuditEntry]:
    """Entries matching the audit page's filters (user, citizen, action prefix, dates);
    a date that is not ``åååå-mm-dd`` is ignored."""
    entries = AuditEntry.objects.all()
    if filters.get("username"):
        entries = entries.filter(username__iexact=filters["username"])
    if filters.get("citizen_id"):
        entries = entries.filter(citizen_id=filters["citizen_id"])
    if filters.get("action"):
        entries = entries.filter(action__startswith=filters["action"])
    for key, lookup in (("from", "at__date__gte"), ("to", "at__date__lte")):
        if filters.get(key):
            with contextlib.suppress(ValueError):
                entries = entries.filter(**{lookup: dt.date.fromisoformat(filters[key])})
    return entries


def citizens_shown(
    username: str, action: str, citizen_ids: list[str], *, page: str, changes: dict[str, Any]
) -> AuditEntry:
    """A list, search or export that showed citizen-level data: which citizens, and how
    the viewer asked (filters, search text, format)."""
    shown = sorted({c for c in citizen_ids if c})
    # What the viewer typed may be a CPR number: the log keeps that a search was made.
    asked = {k: re.sub(CPR_LIKE, MASK, v) if isinstance(v, str) else v for k, v in changes.items()}
    return record(
        username,
        action,
        object_type="grants",
        page=re.sub(CPR_LIKE, MASK, page),
        changes={**asked, "citizen_count": len(shown), "citizens": shown},
    )


def refused_citizen(username: str, key: str) -> AuditEntry:
    """A citizen look-up the access layer refused (404)."""
    shown = MASK if re.search(CPR_LIKE, key) else key[:64]
    return record(
        username, "grants.citizen.refused", citizen_id=shown, object_type="citizen", object_id=shown
    )

"""Writing the audit log. Call inside the transaction of the change being recorded."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db.models import QuerySet

from socialstyring import clock
from socialstyring.io.cpr import MASK
from socialstyring.io.formatting import date_dk, number_dk
from socialstyring.storage.models import AuditEntry
from socialstyring.terms.audit import (
    ADMIN_PREFIX,
    ADMIN_VERBS,
    AUDIT_ACTIONS,
    BEFORE_AFTER_VERB,
    CHANGE_KEYS,
    OBJECT_TYPES,
)
from socialstyring.translation import _

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


# --- reading the log ----------------------------------------------------------------------

CITIZENS_LISTED = 20  # a long list of pseudonyms is cut, with the count beside it
YEAR_KEYS = {"year", "years", "first_year"}  # a year is 2026, not 2.026
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class ChangeLine:
    label: str
    value: str = ""  # a plain value …
    before: str = ""  # … or a change from before to after
    after: str = ""
    is_change: bool = False


def action_label(code: str) -> str:
    """The Danish name of an action; an unknown code is shown as it is."""
    if code in AUDIT_ACTIONS:
        return AUDIT_ACTIONS[code].label
    if code.startswith(ADMIN_PREFIX) and code.count(".") == 2:
        _prefix, model, verb = code.split(".")
        return _("Administration: %(object)s %(verb)s") % {
            "object": _model_label(model),
            "verb": ADMIN_VERBS.get(verb, verb),
        }
    return code


def action_choices() -> list[tuple[str, str]]:
    """(code, label) of every declared action, by label: the audit page's filter."""
    return sorted(((a.code, a.label) for a in AUDIT_ACTIONS.values()), key=lambda c: c[1])


def object_label(entry: AuditEntry) -> str:
    """What the entry is about, e.g. "Bufferpulje 3"; empty when it is the citizen already
    named in the entry."""
    if not entry.object_type or (entry.object_id and entry.object_id == entry.citizen_id):
        return ""
    kind = OBJECT_TYPES.get(entry.object_type) or _model_label(entry.object_type)
    return f"{kind} {entry.object_id}".strip()


def _model_label(model_name: str) -> str:
    for model in apps.get_models():
        if model._meta.model_name == model_name.replace("_", ""):
            return str(model._meta.verbose_name)
    return model_name.replace("_", " ")


def change_lines(entry: AuditEntry) -> list[ChangeLine]:
    """An entry's changes in the words of the log's readers: a changed object's fields as
    before → after, everything else as label: value."""
    changes = entry.changes or {}
    is_change = entry.action.rsplit(".", 1)[-1] == BEFORE_AFTER_VERB
    lines = []
    for key, value in changes.items():
        label = str(CHANGE_KEYS.get(key, key.replace("_", " ")))
        if is_change and isinstance(value, list) and len(value) == 2:
            before, after = value
            lines.append(
                ChangeLine(label, before=_text(before), after=_text(after), is_change=True)
            )
        elif key == "citizens" and isinstance(value, list):
            shown = ", ".join(value[:CITIZENS_LISTED])
            more = len(value) - CITIZENS_LISTED
            lines.append(ChangeLine(label, shown + (f" … (+{more})" if more > 0 else "")))
        elif key in YEAR_KEYS:
            lines.append(ChangeLine(label, str(value)))
        else:
            lines.append(ChangeLine(label, _text(value)))
    return lines


def _text(value: Any) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, dict):
        parts = [f"{k}: {_text(v)}" for k, v in value.items() if v not in (None, "")]
        return "; ".join(parts) or "–"
    if isinstance(value, list):
        return ", ".join(_text(v) for v in value) or "–"
    if isinstance(value, int):
        return number_dk(value, 0)
    if isinstance(value, float):
        return number_dk(value, 0 if value.is_integer() else 2)
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        return date_dk(dt.date.fromisoformat(value))
    return str(value)

"""The municipality's focus rules: the built-in ones and those its leaders wrote, copied
or edited (stored as rule-language JSON); import and export as rules files."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from socialstyring import clock
from socialstyring.core.rules import Rule, RuleError, parse_rule
from socialstyring.io.rules import RulesFileError, read_rules, write_rules
from socialstyring.services import audit
from socialstyring.services.access import Viewer, require
from socialstyring.services.casework.focus import builtin_rules, combined
from socialstyring.storage.models import FocusRule

EDIT = "focus.rules.edit"


def stored_rules() -> list[Rule]:
    """The municipality's own rules, checked (a stored rule is valid by construction)."""
    return [parse_rule(r.definition) for r in FocusRule.objects.order_by("name", "code")]


def rules() -> list[Rule]:
    """Built-in rules (an edited copy with the same code in their place), then own rules."""
    return combined(builtin_rules(), stored_rules())


def rule(code: str) -> Rule | None:
    return next((r for r in rules() if r.code == code), None)


def is_builtin(code: str) -> bool:
    return any(r.code == code for r in builtin_rules())


def is_stored(code: str) -> bool:
    return FocusRule.objects.filter(code=code).exists()


@transaction.atomic
def save_rule(viewer: Viewer, definition: dict[str, Any], *, replacing: str = "") -> Rule:
    """Check and store a rule (``replacing``: the code of the stored rule it edits)."""
    require(viewer, EDIT)
    checked = parse_rule(definition)
    clash = FocusRule.objects.filter(code=checked.code).exclude(code=replacing or None)
    if clash.exists() or (checked.code != replacing and _builtin_taken(checked.code)):
        raise RuleError("code", _("The code %(code)s is already used.") % {"code": checked.code})
    old = FocusRule.objects.filter(code=replacing).first() if replacing else None
    before = old.definition if old else {}
    if old is None:
        old = FocusRule(created_by=viewer.username, team=viewer.team or "")
    old.code, old.name = checked.code, checked.name
    old.definition, old.updated_at = checked.as_json(), clock.now()
    old.save()
    audit.record(
        viewer.username,
        "focus.rule.saved",
        object_type="focus_rule",
        object_id=checked.code,
        changes=audit.changed_fields(before, old.definition),
    )
    return checked


def _builtin_taken(code: str) -> bool:
    """A built-in code may be used once, by the edited copy that takes its place."""
    return is_builtin(code) and FocusRule.objects.filter(code=code).exists()


@transaction.atomic
def delete_rule(viewer: Viewer, code: str) -> bool:
    require(viewer, EDIT)
    deleted, _count = FocusRule.objects.filter(code=code).delete()
    if deleted:
        audit.record(
            viewer.username, "focus.rule.deleted", object_type="focus_rule", object_id=code
        )
    return bool(deleted)


def copy_definition(code: str) -> dict[str, Any] | None:
    """A rule's definition to start a new one from (code and name marked as a copy)."""
    found = rule(code)
    if found is None:
        return None
    data = found.as_json()
    data["code"] = f"{found.code}_copy"
    data["name"] = _("%(name)s (copy)") % {"name": found.name}
    return data


def export_rules(codes: Sequence[str] = ()) -> str:
    chosen = [r for r in rules() if not codes or r.code in codes]
    return write_rules(chosen)


@transaction.atomic
def import_rules(viewer: Viewer, data: bytes, name: str) -> list[Rule]:
    """Store every rule of a rules file (all or nothing); a rule with a stored rule's code
    replaces it. :class:`RulesFileError` for a file that cannot be used."""
    require(viewer, EDIT)
    imported = read_rules(data, name)
    for r in imported:
        save_rule(viewer, r.as_json(), replacing=r.code if is_stored(r.code) else "")
    return imported


__all__ = [
    "RuleError",
    "RulesFileError",
    "copy_definition",
    "delete_rule",
    "export_rules",
    "import_rules",
    "is_builtin",
    "rule",
    "rules",
    "save_rule",
    "stored_rules",
]

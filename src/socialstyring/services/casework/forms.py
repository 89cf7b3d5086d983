"""The rule form: a rule as rows of (field, operator, value) picked from lists, with the
value typed as a user writes it (``12,5``, ``31-05-2026``, ``SEL § 76, SEL § 76 a``,
``0-12``), turned into the rule language and back. No JSON in the form."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from socialstyring import terms
from socialstyring.core.rules import language as lang

CONDITION_ROWS, HAVING_ROWS, MATCHING_ROWS = 8, 4, 2
SECTIONS = (
    ("cond", "conditions", CONDITION_ROWS, lang.GRANT_FIELDS),
    ("have", "having", HAVING_ROWS, lang.SUBJECT_FIELDS),
    ("match", "matching", MATCHING_ROWS, lang.GRANT_FIELDS),
)
# Fields whose values are codes of the registry: a file's Danish code is accepted too.
CODE_SETS = {
    "area": terms.AREAS,
    "price_unit": terms.PRICE_UNITS,
    "provider_type": terms.PROVIDER_TYPES,
}


def definition_from_form(data: Mapping[str, Any]) -> dict[str, Any]:
    """The rule a submitted form describes; :class:`lang.RuleError` names a wrong part."""
    get = lambda key: str(data.get(key, "") or "").strip()  # noqa: E731
    definition: dict[str, Any] = {
        "code": get("code"),
        "name": get("name"),
        "subject": get("subject") or lang.GRANT,
    }
    if definition["code"] and not re.fullmatch(r"[a-z0-9_]{2,64}", definition["code"]):
        raise lang.RuleError("code", _("The code may hold a-z, 0-9 and _ only (2-64 characters)."))
    for prefix, key, rows, fields in SECTIONS:
        items: list[dict[str, Any]] = []
        for i in range(rows):
            name, op, text = (
                get(f"{prefix}-{i}-field"),
                get(f"{prefix}-{i}-op"),
                get(f"{prefix}-{i}-value"),
            )
            if not name:
                continue
            where = f"{key}[{len(items)}]"
            condition: dict[str, Any] = {"field": name, "op": op}
            if name in fields and op not in lang.NO_VALUE:
                condition["value"] = parse_value(text, name, fields[name], op, f"{where}.value")
            items.append(condition)
        if items or key == "conditions":
            definition[key] = items
    if get("top_measure"):
        try:
            n = int(get("top_n"))
        except ValueError:
            raise lang.RuleError("top.n", _("N must be a whole number, 1 or more.")) from None
        definition["top"] = {"measure": get("top_measure"), "n": n}
    reason: dict[str, Any] = {"kind": get("reason") or "measures"}
    if get("reason_band"):
        reason["band"] = get("reason_band")
    definition["reason"] = reason
    if get("description"):
        definition["description"] = get("description")
    return definition


def parse_value(text: str, name: str, kind: str, op: str, where: str) -> Any:
    """A typed value in the rule language's form (a list for in/between/turns)."""
    if op in lang.SETS:
        return [_one(part, name, kind, where) for part in _split(text, kind) if part]
    if op in (lang.BETWEEN, lang.TURNS):
        parts = [p for p in _split_pair(text) if p]
        if len(parts) != 2:
            raise lang.RuleError(where, _("Write two values, e.g. 0-12 or 18;6."))
        kind_of = lang.NUMBER if op == lang.TURNS else kind
        return [_one(p, name, kind_of, where) for p in parts]
    if op == lang.YEARS_AGO:
        return _one(text, name, lang.NUMBER, where)
    return _one(text, name, kind, where)


def _split(text: str, kind: str) -> list[str]:
    """Numbers are separated by ``;`` (the comma is their decimal mark), texts by ``,``."""
    return [p.strip() for p in text.split(";" if kind == lang.NUMBER else ",")]


def _split_pair(text: str) -> list[str]:
    if ";" in text:
        return [p.strip() for p in text.split(";")]
    match = re.fullmatch(r"\s*(.+?)\s+-\s+(.+?)\s*", text) or re.fullmatch(
        r"\s*([\d,.]+)-([\d,.]+)\s*", text
    )
    return [match.group(1), match.group(2)] if match else [text]


def _one(text: str, name: str, kind: str, where: str) -> Any:
    if not text:
        raise lang.RuleError(where, _("The condition needs a value."))
    if kind == lang.NUMBER:
        cleaned = text.replace(" ", "")
        if "," in cleaned:
            cleaned = cleaned.replace(".", "").replace(",", ".")
        try:
            return float(cleaned) if "." in cleaned else int(cleaned)
        except ValueError:
            raise lang.RuleError(where, _("%(value)s is not a number.") % {"value": text}) from None
    if kind == lang.DATE:
        for pattern in ("%d-%m-%Y", "%Y-%m-%d"):
            try:
                return dt.datetime.strptime(text, pattern).date().isoformat()
            except ValueError:
                continue
        raise lang.RuleError(where, _("%(value)s is not a date (dd-mm-yyyy).") % {"value": text})
    codes = CODE_SETS.get(name)
    if codes is not None:
        value = codes.aliases.get(text.lower(), text if text in codes.values else None)
        if value is None:
            labels = {label.lower(): code for code, label in codes.labels.items()}
            value = labels.get(text.lower())
        if value is None:
            raise lang.RuleError(
                where,
                _("Unknown value %(value)s; use %(choices)s.")
                % {"value": text, "choices": codes.hint()},
            )
        return value
    return text


def form_from_definition(definition: Mapping[str, Any]) -> dict[str, str]:
    """The form's initial values for a rule (parameters written in as their values)."""
    params = definition.get("parameters") or {}
    values: dict[str, str] = {
        "code": str(definition.get("code", "")),
        "name": str(definition.get("name", "")),
        "subject": str(definition.get("subject", lang.GRANT)),
        "description": str(definition.get("description", "")),
    }
    for prefix, key, _rows, fields in SECTIONS:
        for i, c in enumerate(definition.get(key) or []):
            if "field" not in c:
                continue
            values[f"{prefix}-{i}-field"] = c["field"]
            values[f"{prefix}-{i}-op"] = c["op"]
            if "value" in c:
                value = lang.resolve(c["value"], params)
                values[f"{prefix}-{i}-value"] = _text(
                    value, fields.get(c["field"], lang.TEXT), c["op"]
                )
    top = definition.get("top") or {}
    values["top_measure"], values["top_n"] = str(top.get("measure", "")), str(top.get("n", ""))
    reason = definition.get("reason") or {}
    values["reason"], values["reason_band"] = (
        str(reason.get("kind", "measures")),
        str(reason.get("band", "")),
    )
    return values


def _text(value: Any, kind: str, op: str) -> str:
    if isinstance(value, list):
        joiner = ";" if (kind == lang.NUMBER or op in (lang.BETWEEN, lang.TURNS)) else ", "
        return joiner.join(_text(v, kind, "eq") for v in value)
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    if kind == lang.DATE and isinstance(value, str):
        return dt.date.fromisoformat(value).strftime("%d-%m-%Y")
    return str(value)

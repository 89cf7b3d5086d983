"""A scenario as JSON (the CLI's SCENARIO.json, the web form's saved changes) read into
the core's changes, with a Danish message naming the change and the key when it is wrong.

``{"name": …, "changes": [{"change": "reduce_hours", "filter": {…}, "from": "2026-07-01",
"factor": 0.5}, …]}``. Keys per change (English, or the Danish words in brackets):
``end``; ``reduce_hours``: ``factor``; ``tariff_change``: ``pct``; ``bring_home``:
``price`` (pris), ``unit`` (prisenhed), optional ``quantity`` (antal) and ``provider_id``
(without a price: the provider's tariff and tariff unit from the providers' register);
``add_amount``: ``amount`` (beløb), ``account`` (konto), optional ``until`` (til).
A filter names grant fields in English or by the import file's Danish headers and codes.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

import polars as pl

from socialstyring import terms
from socialstyring.core import rules
from socialstyring.core import scenarios as core
from socialstyring.io.parsing import paragraph
from socialstyring.io.schema import GRANTS, normalise_header
from socialstyring.translation import _

_ALIASES = {
    "pris": "price",
    "prisenhed": "unit",
    "antal": "quantity",
    "beløb": "amount",
    "konto": "account",
    "til": "until",
    "fra": "from",
    "ændring": "change",
    "faktor": "factor",
    "procent": "pct",
}
_REQUIRED = {
    core.END: (),
    core.REDUCE_HOURS: ("factor",),
    core.TARIFF_CHANGE: ("pct",),
    core.BRING_HOME: ("price", "unit"),
    core.ADD_AMOUNT: ("amount", "account"),
}
_OPTIONAL = {core.BRING_HOME: ("quantity", "provider_id"), core.ADD_AMOUNT: ("until",)}
_COMMON = ("change", "filter", "from")
_CODED = {
    "price_unit": terms.PRICE_UNITS,
    "area": terms.AREAS,
    "provider_type": terms.PROVIDER_TYPES,
}


class ScenarioError(ValueError):
    """A scenario that cannot be read; the message is the user's (Danish)."""


@dataclass(frozen=True)
class ChangeSpec:
    """A change as read: its terms (``change.condition`` unset) and its filter's conditions,
    evaluated on the grants when the scenario is computed."""

    change: core.Change
    conditions: tuple[dict[str, Any], ...] = ()
    number: int = 0  # its place in the file, for messages


@dataclass(frozen=True)
class ScenarioSpec:
    name: str
    changes: list[ChangeSpec]
    document: dict[str, Any]  # the scenario as given, to save and show again


def read_scenario_file(name: str, raw: bytes) -> ScenarioSpec:
    try:
        document = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ScenarioError(
            _("The scenario file %(file)s is not valid JSON: %(error)s")
            % {"file": name, "error": exc}
        ) from exc
    return read_scenario(document)


def read_scenario(document: Any) -> ScenarioSpec:
    if not isinstance(document, dict) or not isinstance(document.get("changes"), list):
        raise ScenarioError(_('A scenario is a JSON object with a list "changes".'))
    changes = [_change(i + 1, c) for i, c in enumerate(document["changes"])]
    return ScenarioSpec(str(document.get("name") or ""), changes, document)


def tariff_missing(item: ChangeSpec) -> ScenarioError:
    return _fail(
        item.number,
        item.change.kind,
        _('the provider "%(provider)s" has no tariff in the providers file; give price and unit.')
        % {"provider": item.change.provider_id},
    )


def _fail(number: int, kind: str, message: str) -> ScenarioError:
    where = _("Change %(number)s (%(change)s)") % {"number": number, "change": kind or "?"}
    return ScenarioError(f"{where}: {message}")


def _change(number: int, given: Any) -> ChangeSpec:
    if not isinstance(given, dict):
        raise _fail(number, "", _("a change must be a JSON object."))
    item = {_ALIASES.get(k, k): v for k, v in given.items()}
    kind = str(item.get("change", ""))
    if kind not in _REQUIRED:
        raise _fail(
            number, kind, _("unknown change; use %(kinds)s.") % {"kinds": ", ".join(_REQUIRED)}
        )
    allowed = set(_COMMON) | set(_REQUIRED[kind]) | set(_OPTIONAL.get(kind, ()))
    for key in item:
        if key not in allowed:
            raise _fail(number, kind, _('unknown key "%(key)s".') % {"key": key})
    required = _REQUIRED[kind]
    if kind == core.BRING_HOME and item.get("provider_id") and "price" not in item:
        required = ()  # the own offer's tariff and unit from the providers' register
    for key in ("from", *required):
        if item.get(key) in (None, ""):
            raise _fail(number, kind, _('the key "%(key)s" is missing.') % {"key": key})
    if kind == core.ADD_AMOUNT and item.get("filter"):
        raise _fail(number, kind, _("an added amount has no filter; give its account."))
    start = _date(number, kind, "from", item["from"])
    args: dict[str, Any] = {"kind": kind, "start": start}
    conditions = _conditions(number, kind, item.get("filter")) if kind != core.ADD_AMOUNT else ()
    for key in ("factor", "pct", "price", "amount", "quantity"):
        if key in item and item[key] is not None:
            args[key] = _number(number, kind, key, item[key])
    if kind == core.REDUCE_HOURS and args["factor"] < 0:
        raise _fail(number, kind, _('"factor" must be 0 or more.'))
    if kind == core.BRING_HOME and "unit" in item:
        args["unit"] = _unit(number, kind, item["unit"])
    if kind == core.BRING_HOME and item.get("provider_id"):
        args["provider_id"] = str(item["provider_id"])
    if kind == core.ADD_AMOUNT:
        args["account"] = str(item["account"]).strip()
        if item.get("until"):
            args["until"] = _date(number, kind, "until", item["until"])
    return ChangeSpec(core.Change(**args), conditions, number)


def _date(number: int, kind: str, key: str, value: Any) -> dt.date:
    text = str(value).strip()
    for pattern in ("%Y-%m-%d", "%d-%m-%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise _fail(
        number,
        kind,
        _('"%(key)s" must be a date (yyyy-mm-dd), not %(value)s.') % {"key": key, "value": text},
    )


def _number(number: int, kind: str, key: str, value: Any) -> float:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    text = str(value).strip()
    if "," in text:  # Danish: 1.234,5
        text = text.replace(".", "").replace(",", ".")
    try:
        return float(text)
    except ValueError:
        raise _fail(
            number,
            kind,
            _('"%(key)s" must be a number, not %(value)s.') % {"key": key, "value": value},
        ) from None


def _unit(number: int, kind: str, value: Any) -> str:
    code = _code(terms.PRICE_UNITS, value)
    if code not in terms.PRICE_UNITS.values:
        raise _fail(
            number,
            kind,
            _('the unit "%(unit)s" is not known; use %(units)s.')
            % {"unit": value, "units": terms.PRICE_UNITS.hint()},
        )
    return code


def _code(codes: terms.CodeSet, value: Any) -> str:
    text = str(value).strip()
    if text in codes.values:
        return text
    return codes.stored_aliases.get(text.lower(), text)


# --- filters ----------------------------------------------------------------------------
# A filter is the rule language's (core/rules): a condition or a list of them (all must
# hold). Two shorthands read into it: ``{"paragraf": "SEL § 85", "prisenhed": ["time"]}``
# (each key a field, a list meaning one of) and ``{"all": [c, …]}``. Field names may be the
# import file's Danish headers and values its Danish codes; they are read into the core's.

_FIELD_NAMES = {
    **{normalise_header(a): c.field for c in GRANTS.columns for a in (c.name, *c.aliases)},
    **{f: f for f in rules.GRANT_FIELDS},
}
_VALUED = ("eq", "ne", "in", "not_in")


def _conditions(number: int, kind: str, given: Any) -> tuple[dict[str, Any], ...]:
    conditions = rule_conditions(given)
    try:
        rules.check_conditions(conditions, where="filter")
    except rules.RuleError as bad:
        raise _fail(number, kind, str(bad)) from None
    return conditions


def rule_conditions(given: Any) -> tuple[dict[str, Any], ...]:
    """A scenario's filter as the rule language's list of conditions (all must hold)."""
    if given is None or given == {}:
        return ()
    if isinstance(given, list):
        return tuple(_normalised(c) for c in given)
    if isinstance(given, dict) and set(given) == {"all"} and isinstance(given["all"], list):
        return tuple(_normalised(c) for c in given["all"])
    if isinstance(given, dict) and not ({"field", "any", "not"} & set(given)):
        return tuple(
            _normalised(
                {"field": key, "op": "in" if isinstance(value, list) else "eq", "value": value}
            )
            for key, value in given.items()
        )
    return (_normalised(given),)


def _normalised(condition: Any) -> Any:
    if not isinstance(condition, dict):
        return condition
    if "any" in condition and isinstance(condition["any"], list):
        return {**condition, "any": [_normalised(c) for c in condition["any"]]}
    if "not" in condition:
        return {**condition, "not": _normalised(condition["not"])}
    if "field" not in condition:
        return condition
    field = _field(condition["field"])
    out = {**condition, "field": field}
    if condition.get("op") in _VALUED and "value" in condition:
        out["value"] = _values(field, condition["value"])
    return out


def _field(name: Any) -> Any:
    return _FIELD_NAMES.get(normalise_header(str(name)), name)


def _values(field: Any, value: Any) -> Any:
    if isinstance(value, list):
        return [_values(field, v) for v in value]
    if not isinstance(value, str):
        return value
    if field in _CODED:
        return _code(_CODED[field], value)
    if field == "paragraph":
        return pl.select(paragraph(pl.lit(value))).item()
    return value

"""The rule language: which fields a condition may name, which operators it may use, and
the check that turns a JSON-shaped rule into a validated :class:`Rule`.

A rule that cannot be evaluated is refused with a :class:`RuleError` whose message (in
Danish, through the catalogue) says which part is wrong, e.g. ``conditions[2].field``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from socialstyring.translation import _

# Subjects: what one hit is.
GRANT, CITIZEN, FAMILY, REFUND_SUBJECT = "grant", "citizen", "family", "refund_subject"
SUBJECTS = (GRANT, CITIZEN, FAMILY, REFUND_SUBJECT)

TEXT, NUMBER, DATE, FLAG = "text", "number", "date", "flag"

# Grant-level fields a condition may name: the record's own fields and derived measures
# (see ``core/rules/fields.py`` for how each derived one is computed).
GRANT_FIELDS: dict[str, str] = {
    "grant_id": TEXT,
    "citizen_id": TEXT,
    "family_id": TEXT,
    "area": TEXT,
    "paragraph": TEXT,
    "service": TEXT,
    "provider_id": TEXT,
    "provider_type": TEXT,
    "account": TEXT,
    "price_unit": TEXT,
    "caseworker": TEXT,
    "team": TEXT,
    "price": NUMBER,
    "quantity": NUMBER,
    "start": DATE,
    "end": DATE,
    "birth_date": DATE,
    "registered": DATE,
    # derived
    "known": FLAG,
    "active": FLAG,
    "periodic": FLAG,
    "open_ended": FLAG,
    "age": NUMBER,
    "cost_this_year": NUMBER,
    "run_rate": NUMBER,
    "course_start": DATE,
    "course_months": NUMBER,
    "last_review": DATE,
    "months_since_review": NUMBER,
}
# Fields that need a birth date: a grant without one takes part in no such condition.
AGE_FIELDS = frozenset({"age", "birth_date"})

# Subject-level measures a ``having`` condition may name (sums and counts over the
# subject's selected grants; see ``core/rules/evaluate.py``).
SUBJECT_FIELDS: dict[str, str] = {
    "grants": NUMBER,  # active measures (selected grants) per subject
    "hours_per_week": NUMBER,
    "cost_this_year": NUMBER,
    "run_rate": NUMBER,
    "course_start": DATE,
    "course_months": NUMBER,
    "threshold_share": NUMBER,  # cost this year / the first refund threshold of Y's level
    "months_since_review": NUMBER,
}

COMPARISONS = ("eq", "ne", "lt", "le", "gt", "ge")
SETS = ("in", "not_in")
NULLS = ("is_null", "not_null")
FLAGS = ("is_true", "is_false")
BETWEEN = "between"  # inclusive [low, high]
YEARS_AGO = "before_years_ago"  # date < D − N years (same month and day; 29/2 → 28/2)
TURNS = "turns_within_months"  # birth_date: turns value[0] years within value[1] months

OPERATORS: dict[str, tuple[str, ...]] = {
    TEXT: (*COMPARISONS[:2], *SETS, *NULLS),
    NUMBER: (*COMPARISONS, BETWEEN, *SETS, *NULLS),
    DATE: (*COMPARISONS, BETWEEN, YEARS_AGO, TURNS, *NULLS),
    FLAG: FLAGS,
}
NO_VALUE = (*NULLS, *FLAGS)

REASONS = (
    "course_duration",
    "hours_per_week",
    "hours_and_duration",
    "family_measures",
    "aftercare",
    "external_provider",
    "refund_threshold",
    "measures",
)
TOP_MEASURES = ("grants", "hours_per_week", "cost_this_year", "run_rate")


class RuleError(ValueError):
    """A rule that cannot be evaluated; ``str()`` is the Danish message with its place."""

    def __init__(self, where: str, message: str) -> None:
        self.where, self.message = where, message
        super().__init__(
            _("%(where)s: %(message)s") % {"where": where, "message": message} if where else message
        )


@dataclass(frozen=True)
class Rule:
    """A validated rule. ``conditions`` select each subject's grants; ``having`` filters
    the subjects on their measures; ``matching`` narrows the grants a hit reports."""

    code: str
    name: str
    subject: str
    conditions: tuple[Mapping[str, Any], ...]
    having: tuple[Mapping[str, Any], ...] = ()
    matching: tuple[Mapping[str, Any], ...] = ()
    top: Mapping[str, Any] | None = None
    parameters: Mapping[str, Any] = field(default_factory=dict)
    reason: Mapping[str, Any] = field(default_factory=lambda: {"kind": "measures"})
    description: str = ""

    def as_json(self) -> dict[str, Any]:
        """The rule as a rules file writes it."""
        data: dict[str, Any] = {
            "code": self.code,
            "name": self.name,
            "subject": self.subject,
            "conditions": [dict(c) for c in self.conditions],
        }
        if self.description:
            data["description"] = self.description
        if self.having:
            data["having"] = [dict(c) for c in self.having]
        if self.matching:
            data["matching"] = [dict(c) for c in self.matching]
        if self.top:
            data["top"] = dict(self.top)
        if self.parameters:
            data["parameters"] = dict(self.parameters)
        data["reason"] = dict(self.reason)
        return data


def parse_rule(data: object, where: str = "") -> Rule:
    """Check ``data`` (a rule as JSON gives it) and return the :class:`Rule`."""
    if not isinstance(data, Mapping):
        raise RuleError(where, _("A rule must be an object with code, name and conditions."))
    code = _text(data, "code", where, required=True)
    name = _text(data, "name", where) or code
    subject = data.get("subject", GRANT)
    if subject not in SUBJECTS:
        raise RuleError(
            _at(where, "subject"),
            _("Unknown subject %(value)r; use %(choices)s.")
            % {"value": subject, "choices": ", ".join(SUBJECTS)},
        )
    parameters = data.get("parameters") or {}
    if not isinstance(parameters, Mapping):
        raise RuleError(_at(where, "parameters"), _("The parameters must be an object."))
    conditions = check_conditions(
        data.get("conditions", []), GRANT_FIELDS, parameters, _at(where, "conditions")
    )
    having = check_conditions(
        data.get("having", []), SUBJECT_FIELDS, parameters, _at(where, "having")
    )
    matching = check_conditions(
        data.get("matching", []), GRANT_FIELDS, parameters, _at(where, "matching")
    )
    return Rule(
        code=code,
        name=name,
        subject=str(subject),
        conditions=conditions,
        having=having,
        matching=matching,
        top=_top(data.get("top"), _at(where, "top")),
        parameters=dict(parameters),
        reason=_reason(data.get("reason"), _at(where, "reason")),
        description=_text(data, "description", where),
    )


def check_conditions(
    conditions: object,
    fields: Mapping[str, str] = GRANT_FIELDS,
    parameters: Mapping[str, Any] | None = None,
    where: str = "conditions",
) -> tuple[Mapping[str, Any], ...]:
    """Check a list of conditions (all must hold) and return them unchanged."""
    if not isinstance(conditions, Sequence) or isinstance(conditions, str | bytes):
        raise RuleError(where, _("The conditions must be a list."))
    for i, condition in enumerate(conditions):
        check_condition(condition, fields, parameters or {}, f"{where}[{i}]")
    return tuple(conditions)


def check_condition(
    condition: object, fields: Mapping[str, str], parameters: Mapping[str, Any], where: str
) -> None:
    if not isinstance(condition, Mapping):
        raise RuleError(where, _("A condition must be an object with field and op."))
    if "any" in condition:  # {"any": [c, …]}: at least one holds
        check_conditions(condition["any"], fields, parameters, _at(where, "any"))
        return
    if "not" in condition:  # {"not": c}: c does not hold
        check_condition(condition["not"], fields, parameters, _at(where, "not"))
        return
    name = condition.get("field")
    if name not in fields:
        raise RuleError(
            _at(where, "field"),
            _("Unknown field %(value)r; use one of %(choices)s.")
            % {"value": name, "choices": ", ".join(fields)},
        )
    kind = fields[str(name)]
    op = condition.get("op")
    if op not in OPERATORS[kind]:
        raise RuleError(
            _at(where, "op"),
            _("The operator %(value)r does not fit the field %(field)s; use %(choices)s.")
            % {"value": op, "field": name, "choices": ", ".join(OPERATORS[kind])},
        )
    if op in NO_VALUE:
        return
    if "value" not in condition:
        raise RuleError(_at(where, "value"), _("The condition needs a value."))
    _check_value(
        resolve(condition["value"], parameters, _at(where, "value")),
        kind,
        str(op),
        _at(where, "value"),
    )


def resolve(value: Any, parameters: Mapping[str, Any], where: str = "value") -> Any:
    """A value, or ``{"param": NAME}``: the rule's parameter of that name."""
    if isinstance(value, Mapping) and set(value) == {"param"}:
        name = value["param"]
        if name not in parameters:
            raise RuleError(where, _("Unknown parameter %(name)r.") % {"name": name})
        return parameters[name]
    return value


def _check_value(value: Any, kind: str, op: str, where: str) -> None:
    if op in SETS:
        if not isinstance(value, list) or not all(_fits(v, kind) for v in value):
            raise RuleError(
                where, _("The value must be a list of %(kind)s.") % {"kind": _kind(kind)}
            )
    elif op == BETWEEN:
        if not (isinstance(value, list) and len(value) == 2 and all(_fits(v, kind) for v in value)):
            raise RuleError(
                where, _("The value must be a list of two %(kind)s.") % {"kind": _kind(kind)}
            )
    elif op == YEARS_AGO:
        if not _fits(value, NUMBER) or value < 0:
            raise RuleError(where, _("The value must be a number of years, 0 or more."))
    elif op == TURNS:
        if not (
            isinstance(value, list) and len(value) == 2 and all(_fits(v, NUMBER) for v in value)
        ):
            raise RuleError(where, _("The value must be [age, months], e.g. [18, 6]."))
    elif not _fits(value, kind):
        raise RuleError(where, _("The value must be %(kind)s.") % {"kind": _kind(kind)})


def _fits(value: Any, kind: str) -> bool:
    if kind == NUMBER:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if kind == DATE:
        return isinstance(value, str) and _is_iso_date(value)
    return isinstance(value, str)


def _is_iso_date(text: str) -> bool:
    import datetime as dt

    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _kind(kind: str) -> str:
    return {
        TEXT: _("text"),
        NUMBER: _("a number"),
        DATE: _("a date yyyy-mm-dd"),
        FLAG: _("yes or no"),
    }[kind]


def _top(top: object, where: str) -> Mapping[str, Any] | None:
    if top is None:
        return None
    if not isinstance(top, Mapping) or top.get("measure") not in TOP_MEASURES:
        raise RuleError(
            _at(where, "measure"),
            _("Top N needs a measure: one of %(choices)s.") % {"choices": ", ".join(TOP_MEASURES)},
        )
    n = top.get("n")
    if not isinstance(n, int) or isinstance(n, bool) or n < 1:
        raise RuleError(_at(where, "n"), _("N must be a whole number, 1 or more."))
    return dict(top)


def _reason(reason: object, where: str) -> Mapping[str, Any]:
    if reason is None:
        return {"kind": "measures"}
    if not isinstance(reason, Mapping) or reason.get("kind") not in REASONS:
        raise RuleError(
            _at(where, "kind"),
            _("Unknown reason; use one of %(choices)s.") % {"choices": ", ".join(REASONS)},
        )
    return dict(reason)


def _text(data: Mapping[str, Any], key: str, where: str, *, required: bool = False) -> str:
    value = data.get(key, "")
    if not isinstance(value, str) or (required and not value.strip()):
        raise RuleError(_at(where, key), _("This must be a non-empty text."))
    return value.strip()


def _at(where: str, part: str) -> str:
    return f"{where}.{part}" if where else part

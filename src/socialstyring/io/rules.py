"""Rules files: read and check a JSON file of focus rules, and write one.

A rules file is ``{"rules": [rule, …]}`` (a bare list of rules is read too); each rule is
what ``core.rules.parse_rule`` checks. Every problem is reported in Danish with the file
and the part that is wrong: ``regler.json: rules[1].conditions[0].field: Ukendt felt …``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from socialstyring.core.rules import Rule, RuleError, parse_rule
from socialstyring.translation import _

FORMAT_VERSION = 1


class RulesFileError(ValueError):
    """A rules file that cannot be used; ``str()`` is the Danish message."""


def read_rules(data: bytes | str, name: str = "") -> list[Rule]:
    """The rules in a rules file's bytes (UTF-8 JSON), checked, codes unique."""
    try:
        text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
        document = json.loads(text)
    except UnicodeDecodeError:
        raise RulesFileError(_at(name, _("The file is not UTF-8 text."))) from None
    except json.JSONDecodeError as exc:
        raise RulesFileError(
            _at(
                name,
                _("Not valid JSON (line %(line)s, column %(column)s): %(error)s")
                % {"line": exc.lineno, "column": exc.colno, "error": exc.msg},
            )
        ) from None
    items = document.get("rules") if isinstance(document, dict) else document
    if not isinstance(items, list):
        raise RulesFileError(_at(name, _('A rules file holds {"rules": [...]}, a list of rules.')))
    rules: list[Rule] = []
    for i, item in enumerate(items):
        try:
            rule = parse_rule(item, f"rules[{i}]")
        except RuleError as exc:
            raise RulesFileError(_at(name, str(exc))) from None
        if any(r.code == rule.code for r in rules):
            raise RulesFileError(
                _at(
                    name,
                    _("rules[%(index)s].code: the code %(code)s is used twice.")
                    % {"index": i, "code": rule.code},
                )
            )
        rules.append(rule)
    return rules


def write_rules(rules: Sequence[Rule]) -> str:
    """A rules file for ``rules``, as :func:`read_rules` reads it back."""
    document = {"version": FORMAT_VERSION, "rules": [r.as_json() for r in rules]}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _at(name: str, message: str) -> str:
    return f"{name}: {message}" if name else message

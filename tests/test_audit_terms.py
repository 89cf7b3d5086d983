"""Every action the code records is declared in the registry (``terms/audit.py``), so the
audit log never shows a user a dotted code."""

from __future__ import annotations

import ast
from pathlib import Path

from socialstyring.terms.audit import AUDIT_ACTIONS

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "socialstyring"
RECORDERS = {"record": 1, "citizens_shown": 1}  # function name → position of the action


def _recorded_actions() -> dict[str, str]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            position = RECORDERS.get(name)
            if position is None or len(node.args) <= position:
                continue
            action = node.args[position]
            if isinstance(action, ast.Constant) and isinstance(action.value, str):
                found[action.value] = path.relative_to(PACKAGE).as_posix()
    return found


def test_the_walk_finds_the_recorded_actions():
    assert {"grants.citizen.viewed", "imports.file.imported"} <= set(_recorded_actions())


def test_every_recorded_action_is_declared_with_a_label():
    missing = {a: where for a, where in _recorded_actions().items() if a not in AUDIT_ACTIONS}
    assert missing == {}, "declare these in terms/audit.py"

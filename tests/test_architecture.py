"""The layers' import rules (docs/architecture.md), checked on the source itself.

The faces (``web/``, ``cli/``) reach the project through ``socialstyring.services`` only
(plus ``socialstyring.terms`` and the clock); the one exception is the admin site,
``web/admin.py``, which registers the storage models with Django's admin. Migrations live
in ``storage/`` and are storage's own.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "socialstyring"

FACES_MAY_NOT = ("socialstyring.core", "socialstyring.io", "socialstyring.storage")
FACE_EXCEPTIONS = {"web/admin.py": ("socialstyring.storage.models",)}

# Layer → the project packages it may import (besides itself); and whether Django may be.
# Every layer may translate (socialstyring.translation is the standard library's gettext).
LAYERS = {
    "terms": ((), False),
    "core": (("socialstyring.terms",), False),
    "io": (("socialstyring.core", "socialstyring.terms"), False),
    "storage": (("socialstyring.core", "socialstyring.terms"), True),
}


def imported_modules(path: Path) -> list[tuple[int, str]]:
    """Every module ``path`` imports, at any depth (also inside functions), with its line;
    ``importlib.import_module("…")`` with a literal name counts too."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            raise AssertionError(f"{path}:{node.lineno}: use absolute imports")
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", getattr(node.func, "id", "")) == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            found.append((node.lineno, str(node.args[0].value)))
    return found


def _within(module: str, packages: tuple[str, ...]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in packages)


def _sources(*folders: str) -> list[Path]:
    return sorted(p for folder in folders for p in (PACKAGE / folder).rglob("*.py"))


def test_the_faces_call_services_only():
    broken = []
    for path in _sources("web", "cli"):
        name = path.relative_to(PACKAGE).as_posix()
        allowed = FACE_EXCEPTIONS.get(name, ())
        for line, module in imported_modules(path):
            if _within(module, FACES_MAY_NOT) and not _within(module, allowed):
                broken.append(f"{name}:{line} imports {module}")
    assert broken == []


@pytest.mark.parametrize("layer", list(LAYERS))
def test_each_layer_imports_only_what_lies_below_it(layer):
    may, django = LAYERS[layer]
    allowed = (f"socialstyring.{layer}", "socialstyring.translation", *may)
    broken = []
    for path in _sources(layer):
        if "migrations" in path.parts:
            continue
        for line, module in imported_modules(path):
            name = path.relative_to(PACKAGE).as_posix()
            if module.startswith("socialstyring") and not _within(module, allowed):
                broken.append(f"{name}:{line} imports {module}")
            if module.startswith("django") and not django:
                broken.append(f"{name}:{line} imports {module}")
    assert broken == []


def test_the_registry_is_plain_python():
    """Anything may import the registry, so it imports nothing heavier than the stdlib."""
    third_party = {
        module.split(".")[0]
        for path in _sources("terms")
        for _, module in imported_modules(path)
        if not module.startswith(("socialstyring.terms", "socialstyring.translation", "__future__"))
    }
    assert third_party <= {"dataclasses", "enum", "functools"}


def test_the_rule_catches_a_face_reaching_past_services(tmp_path):
    face = tmp_path / "views.py"
    face.write_text(
        "import socialstyring.services\n"
        "def view():\n"
        "    from socialstyring.storage.models import Grant\n"
        "    import socialstyring.io.parsing\n",
        encoding="utf-8",
    )
    modules = [m for _, m in imported_modules(face)]
    assert [m for m in modules if _within(m, FACES_MAY_NOT)] == [
        "socialstyring.storage.models.Grant",
        "socialstyring.io.parsing",
    ]

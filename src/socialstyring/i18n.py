"""The translation catalogues: compile every ``.po`` under ``locale/`` to its ``.mo``.

The ``.po`` files are tracked; the ``.mo`` files are build output, written by the install
step (``make install`` runs ``python -m socialstyring.i18n``). Pure Python (polib), so no
GNU gettext is needed to install or run the app. See docs/i18n.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

import polib

LOCALE_DIR = Path(__file__).resolve().parent / "locale"


def catalogues(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    """Every ``<lang>/LC_MESSAGES/<domain>.po`` under ``locale_dir``, sorted."""
    return sorted(locale_dir.glob("*/LC_MESSAGES/*.po"))


def is_stale(po_path: Path) -> bool:
    """True when the ``.mo`` next to ``po_path`` is missing or older than the ``.po``."""
    mo_path = po_path.with_suffix(".mo")
    return not mo_path.exists() or mo_path.stat().st_mtime < po_path.stat().st_mtime


def compile_catalogues(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    """Compile each ``.po`` to the ``.mo`` beside it and return the ``.mo`` paths.

    Fuzzy and obsolete entries are left out of the ``.mo`` (polib's ``save_as_mofile``
    writes only translated entries), as GNU ``msgfmt`` does."""
    written = []
    for po_path in catalogues(locale_dir):
        mo_path = po_path.with_suffix(".mo")
        polib.pofile(str(po_path), encoding="utf-8").save_as_mofile(str(mo_path))
        written.append(mo_path)
    return written


def main() -> int:
    written = compile_catalogues()
    for mo_path in written:
        print(f"compiled {mo_path.relative_to(LOCALE_DIR.parent)}")
    if not written:
        print(f"no catalogues found under {LOCALE_DIR}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

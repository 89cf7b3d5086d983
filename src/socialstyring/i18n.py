"""The translation catalogues: compile every ``.po`` under ``locale/`` to its ``.mo``.

The ``.po`` files are tracked; the ``.mo`` files are build output, written by the install
step (``make install`` runs ``python -m socialstyring.i18n``). Pure Python (polib), so no
GNU gettext is needed to install or run the app. See docs/i18n.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

import polib

from socialstyring.translation import LOCALE_DIR


def catalogues(locale_dir: Path | None = None) -> list[Path]:
    """Every ``<lang>/LC_MESSAGES/<domain>.po`` under ``locale_dir``, sorted."""
    return sorted((locale_dir or LOCALE_DIR).glob("*/LC_MESSAGES/*.po"))


def compile_catalogues(locale_dir: Path | None = None) -> list[Path]:
    """Compile each ``.po`` under ``locale_dir`` (default: the app's own) to the ``.mo``
    beside it and return the ``.mo`` paths.

    Fuzzy and obsolete entries are left out of the ``.mo`` (polib's ``save_as_mofile``
    writes only translated entries), as GNU ``msgfmt`` does."""
    written = []
    for po_path in catalogues(locale_dir or LOCALE_DIR):
        mo_path = po_path.with_suffix(".mo")
        polib.pofile(str(po_path), encoding="utf-8").save_as_mofile(str(mo_path))
        written.append(mo_path)
    return written


def main(locale_dir: Path | None = None) -> int:
    locale_dir = locale_dir or LOCALE_DIR
    written = compile_catalogues(locale_dir)
    for mo_path in written:
        print(f"compiled {mo_path.relative_to(locale_dir.parent)}")
    if not written:
        print(f"no catalogues found under {locale_dir}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

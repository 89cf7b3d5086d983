"""Translation for the layers without Django (terms, core, io, cli): the same catalogue
the web app uses (``locale/<lang>/LC_MESSAGES/django.mo``), read with the standard
library.

The product speaks one language per installation (Danish), so module-level labels may be
translated when their module is imported. Without a compiled catalogue the English
msgids show, which the tests catch."""

from __future__ import annotations

import gettext as stdlib_gettext
from functools import cache
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent / "locale"

LANGUAGE = "da"
DOMAIN = "django"


@cache
def _catalogue() -> stdlib_gettext.NullTranslations:
    return stdlib_gettext.translation(DOMAIN, LOCALE_DIR, languages=[LANGUAGE], fallback=True)


def gettext(message: str) -> str:
    return _catalogue().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _catalogue().ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return _catalogue().pgettext(context, message)


_ = gettext

__all__ = ["_", "gettext", "ngettext", "pgettext"]

"""A logging filter that masks CPR numbers (loaded by the logging setup, before Django's
apps: it imports nothing of Django)."""

from __future__ import annotations

import logging
import re

# Six digits, spaces and at most one dash, four digits: a CPR number however written.
_CPR_LIKE = re.compile(r"\d{6}\s*[-\u2010-\u2015\u2212]?\s*\d{4}")
_MASK = "******-****"


class MaskCprNumbers(logging.Filter):
    """Log records never carry a CPR number: Django logs the path of every 404 and 500
    (``Not Found: /borger/010203-1234/``), and a path may hold what a user typed."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if _CPR_LIKE.search(message):
            record.msg, record.args = _CPR_LIKE.sub(_MASK, message), None
        return True

"""The one clock. Everything else takes dates and times as arguments; tests pin time here."""

import datetime as dt


def today() -> dt.date:
    return dt.date.today()


def now() -> dt.datetime:
    """The current moment, timezone-aware (UTC), for audit entries and import records."""
    return dt.datetime.now(dt.UTC)

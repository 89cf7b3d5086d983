"""The one clock. Everything else takes dates as arguments; tests pin time here."""

import datetime as dt


def today() -> dt.date:
    return dt.date.today()

"""The grant list's own filters beside the groupings': caseworker, status as of the as-of
day, and the period a grant must touch. Parameter names are the page's URL contract."""

from __future__ import annotations

from socialstyring.terms.codes import Code, CodeSet
from socialstyring.translation import _, pgettext

# A grant's status as of the as-of day: begun and not ended, ended before it, or not begun.
GRANT_STATUSES = CodeSet(
    "grant_status",
    (
        Code("active", pgettext("grant status", "Active")),
        Code("ended", pgettext("grant status", "Ended")),
        Code("future", pgettext("grant status", "Future")),
    ),
)

CASEWORKER_LABEL = _("Caseworker")
STATUS_LABEL = pgettext("grant list", "Status")
PERIOD_FROM_LABEL = _("Period from")
PERIOD_TO_LABEL = _("Period to")

# URL parameter → label, for the filters that are not groupings
CASEWORKER, STATUS, PERIOD_FROM, PERIOD_TO = "caseworker", "status", "period_from", "period_to"

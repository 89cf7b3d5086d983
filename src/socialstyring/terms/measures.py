"""The measures of the forecast and the follow-up, with their labels (translated, see
docs/i18n.md) and formats, and the parts a movement between two follow-ups is split into."""

from __future__ import annotations

from dataclasses import dataclass

from socialstyring.translation import _

KRONER = "kroner"


@dataclass(frozen=True)
class Measure:
    field: str
    label: str  # column header of exports and the overview
    short: str = ""  # where space is tight: the follow-up pages, the PDF summary
    narrow: str = ""  # the PDF's area tables
    grant_label: str = ""  # the same figure for one grant (grant lists and exports)
    format: str = KRONER  # how writers show it: kroner | number | text | date
    width: int = 18  # spreadsheet column width

    def __post_init__(self) -> None:
        object.__setattr__(self, "short", self.short or self.label)
        object.__setattr__(self, "narrow", self.narrow or self.short)


MEASURES = (
    Measure("budget", _("Revised budget"), narrow=_("Budget")),
    Measure("spent_to_date", _("Spent to date"), grant_label=_("Cost to date")),
    Measure(
        "committed_rest",
        _("Committed for the rest of the year"),
        _("Committed remainder"),
        grant_label=_("Committed remainder"),
        width=20,
    ),
    Measure(
        "expected",
        _("Expected outturn"),
        narrow=_("Expected"),
        grant_label=_("Cost in the year"),
    ),
    Measure("deviation", _("Deviation (+ underspend)"), _("Deviation"), width=22),
)
MEASURE_FIELDS = tuple(m.field for m in MEASURES)
# Case reviews' outcomes the case system has not registered yet (docs/casework.md): their
# change to the expected outturn, beside it and never folded into it.
DECIDED_MEASURE = Measure("decided", _("Decided, not registered"), _("Decided"), width=22)
MEASURES_BY_FIELD = {m.field: m for m in (*MEASURES, DECIDED_MEASURE)}

# The monthly profile: spending month by month, then what is committed after ``as_of``.
PROFILE_MEASURES = (
    Measure("spent", _("Spent")),
    Measure("committed", _("Committed")),
    Measure("expected", _("Expected")),
)

# The projection (docs/projection.md): beside the commitment figures, never folded into them.
PROJECTION_MEASURES = (
    Measure("inflow", _("Expected inflow"), _("Inflow")),
    Measure("early_endings", _("Expected early endings"), _("Early endings"), width=20),
    Measure("projected", _("Projected outturn"), _("Projected"), width=20),
    Measure("projected_low", _("Projected, low (80 %)"), _("Low"), width=20),
    Measure("projected_high", _("Projected, high (80 %)"), _("High"), width=20),
)
PROJECTION_FIELDS = tuple(m.field for m in PROJECTION_MEASURES)


@dataclass(frozen=True)
class ChangePart:
    code: str
    label: str


# How one account's expected year-end moved between two follow-ups.
CHANGE_PARTS = (
    ChangePart("new", _("New grants")),
    ChangePart("ended", _("Ended or removed grants")),
    ChangePart("price", _("Price changes")),
    ChangePart("other", _("Other (time passing, postings, changed periods)")),
)
PARTS = tuple(p.code for p in CHANGE_PARTS)
PART_LABELS = {p.code: p.label for p in CHANGE_PARTS}

"""The measures of the forecast and the follow-up, with their Danish labels and formats,
and the parts a movement between two follow-ups is split into."""

from __future__ import annotations

from dataclasses import dataclass

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
    Measure("budget", "Korrigeret budget", narrow="Budget"),
    Measure("spent_to_date", "Forbrug til dato", grant_label="Omkostning til dato"),
    Measure(
        "committed_rest",
        "Disponeret rest af året",
        "Disponeret rest",
        grant_label="Disponeret rest",
        width=20,
    ),
    Measure(
        "expected",
        "Forventet regnskab",
        narrow="Forventet",
        grant_label="Omkostning i året",
    ),
    Measure("deviation", "Afvigelse (+ mindreforbrug)", "Afvigelse", width=22),
)
MEASURE_FIELDS = tuple(m.field for m in MEASURES)
MEASURES_BY_FIELD = {m.field: m for m in MEASURES}

# The monthly profile: spending month by month, then what is committed after ``as_of``.
PROFILE_MEASURES = (
    Measure("spent", "Forbrug"),
    Measure("committed", "Disponeret"),
    Measure("expected", "Forventet"),
)


@dataclass(frozen=True)
class ChangePart:
    code: str
    label: str


# How one account's expected year-end moved between two follow-ups.
CHANGE_PARTS = (
    ChangePart("new", "Nye bevillinger"),
    ChangePart("ended", "Ophørte eller fjernede bevillinger"),
    ChangePart("price", "Prisændringer"),
    ChangePart("other", "Øvrigt (tiden der går, bogføring, ændrede perioder)"),
)
PARTS = tuple(p.code for p in CHANGE_PARTS)
PART_LABELS = {p.code: p.label for p in CHANGE_PARTS}

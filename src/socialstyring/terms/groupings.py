"""The groupings of the forecast: ``--by`` in the CLI, ``?by=`` on the overview, the
JSON key and the column users see, and how a group's values are labelled."""

from __future__ import annotations

from dataclasses import dataclass

from socialstyring.terms.codes import AREAS, PROVIDER_TYPES, CodeSet
from socialstyring.translation import _


@dataclass(frozen=True)
class Grouping:
    by: str  # the Danish value of --by and ?by= (data: not translated)
    field: str  # the grant column grouped by
    label: str  # column header (translated)
    json_key: str  # the key of a line's group value in the forecast's JSON
    codes: CodeSet | None = None  # labels the values; None: shown as they are
    reads: tuple[str, ...] | None = None  # grant columns it needs (default: the field)
    width: int = 26  # spreadsheet width of the label column

    @property
    def is_account(self) -> bool:
        """Budgets are set per account (other groupings get theirs from the budget file's
        distribution or the derived allocation, docs/forecast.md): only this grouping has
        the account names and the chart of the year."""
        return self.field == "account"

    @property
    def grant_columns(self) -> tuple[str, ...]:
        return (self.field,) if self.reads is None else self.reads

    def value_label(self, value: str | None) -> str:
        if self.codes is None:
            return value or ""
        return self.codes.label(value)


ACCOUNT = Grouping("konto", "account", _("Account"), "konto", reads=(), width=14)
GROUPINGS = (
    ACCOUNT,
    Grouping("område", "area", _("Area"), "område", AREAS),
    Grouping("paragraf", "paragraph", _("Paragraph"), "paragraf"),
    Grouping(
        "leverandørtype",
        "provider_type",
        _("Provider type"),
        "leverandør_type",
        PROVIDER_TYPES,
        # a grant without a type takes it from the provider register
        reads=("provider_id", "provider_type"),
    ),
    Grouping("team", "team", _("Team"), "team"),
)
GROUPINGS_BY = {g.by: g for g in GROUPINGS}
GROUPINGS_BY_FIELD = {g.field: g for g in GROUPINGS}

PROFILE_BY = "måned"  # ``forecast --by måned``: the monthly profile instead of a grouping
BY_CHOICES = (*GROUPINGS_BY, PROFILE_BY)


def grouping(by: str) -> Grouping:
    """The grouping of a ``--by`` value (KeyError when there is none)."""
    return GROUPINGS_BY[by]

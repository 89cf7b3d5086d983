"""The kinds of import file and the fields of the records each one holds.

A record's fields are declared here once: validation's output, the storage tables'
columns and the models' fields all follow this list (a test holds the models to it).
The Danish headers and their aliases are the import contract in ``io/schema``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

TEXT, DATE, AMOUNT, NUMBER, INTEGER = "text", "date", "amount", "number", "integer"
FIELD_TYPES = (TEXT, DATE, AMOUNT, NUMBER, INTEGER)


@dataclass(frozen=True)
class Field:
    name: str  # English, in frames and the database
    type: str  # one of FIELD_TYPES
    # The longest text the field keeps (characters), checked by validation: the models'
    # ``max_length`` (a test holds them equal), so both databases refuse nothing validation
    # let through.
    max_length: int | None = None


class FileKind(StrEnum):
    """A kind of import file. The Danish name (``bevillinger``) is its label and the
    file name the demo writes; code uses the member. The name is a code of the import
    format, kept in the import history, and is not translated (docs/i18n.md)."""

    GRANTS = "grants"
    BUDGETS = "budgets"
    POSTINGS = "postings"
    PROVIDERS = "providers"
    OFFER_BUDGETS = "offer_budgets"  # tilbudsøkonomi: an offer's tariff basis per year
    OFFER_ACCOUNTS = "offer_accounts"  # tilbudsregnskab: an offer's accounts per year
    APPEALS = "appeals"
    KEY_FIGURES = "key_figures"
    POPULATION = "population"

    @property
    def label(self) -> str:
        """The Danish name users know; kept in the import history."""
        return _RECORDS[self].label

    @property
    def key(self) -> tuple[str, ...]:
        return _RECORDS[self].key

    @property
    def fields(self) -> tuple[Field, ...]:
        return _RECORDS[self].fields

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)

    @classmethod
    def _missing_(cls, value: object) -> FileKind | None:
        """``FileKind("bevillinger")``: a kind by its Danish name, as the import history
        and older callers name it."""
        return next((k for k in cls if _RECORDS[k].label == value), None)


@dataclass(frozen=True)
class _Record:
    label: str
    key: tuple[str, ...]
    fields: tuple[Field, ...]


def _fields(*specs: tuple[str, str] | tuple[str, str, int]) -> tuple[Field, ...]:
    return tuple(Field(*spec) for spec in specs)


_RECORDS = {
    FileKind.GRANTS: _Record(
        "bevillinger",
        ("grant_id",),
        _fields(
            ("grant_id", TEXT, 64),
            ("citizen_id", TEXT, 64),
            ("family_id", TEXT, 64),
            ("birth_date", DATE),
            ("area", TEXT, 10),
            ("paragraph", TEXT, 80),
            ("service", TEXT, 300),
            ("provider_id", TEXT, 64),
            ("provider_type", TEXT, 20),
            ("account", TEXT, 7),
            ("start", DATE),
            ("end", DATE),
            ("price", AMOUNT),
            ("price_unit", TEXT, 10),
            ("quantity", NUMBER),
            ("registered", DATE),
            ("caseworker", TEXT, 64),
            ("team", TEXT, 100),
            # løbende: yes / no (decided without an end date), null when the file is silent
            ("open_ended", TEXT, 3),
        ),
    ),
    FileKind.BUDGETS: _Record(
        "budget",
        # An account's budget may be distributed to areas and teams (docs/import.md); the
        # empty text, never null, is "not distributed", so the key matches on re-import.
        ("year", "account", "kind", "area", "team"),
        _fields(
            ("year", INTEGER),
            ("account", TEXT, 7),
            ("kind", TEXT, 10),
            ("amount", AMOUNT),
            ("area", TEXT, 10),
            ("team", TEXT, 100),
        ),
    ),
    FileKind.POSTINGS: _Record(
        "posteringer",
        ("posting_id",),
        _fields(
            ("posting_id", TEXT, 300),
            ("posting_date", DATE),
            ("account", TEXT, 7),
            ("amount", AMOUNT),
            ("grant_id", TEXT, 64),
            # The model keeps any length; a posting text is a line of a ledger.
            ("text", TEXT, 500),
        ),
    ),
    FileKind.PROVIDERS: _Record(
        "leverandører",
        ("provider_id",),
        _fields(
            ("provider_id", TEXT, 64),
            ("name", TEXT, 300),
            ("provider_type", TEXT, 20),
            ("municipality_code", TEXT, 3),
            ("offer_type", TEXT, 200),
            ("capacity", INTEGER),
            ("tariff", AMOUNT),
            ("tariff_unit", TEXT, 10),
            ("target_group", TEXT, 100),
            ("capacity_from", DATE),
            ("capacity_to", DATE),
        ),
    ),
    FileKind.OFFER_BUDGETS: _Record(
        "tilbudsøkonomi",
        ("offer_id", "year"),
        _fields(
            ("offer_id", TEXT, 64),
            ("year", INTEGER),
            ("places", INTEGER),
            ("direct_costs", AMOUNT),
            ("overhead_pct", NUMBER),
            ("depreciation", AMOUNT),
            ("interest", AMOUNT),
            ("pensions", AMOUNT),
            ("adjustment", AMOUNT),
            ("occupancy_1", NUMBER),
            ("occupancy_2", NUMBER),
            ("expected_occupancy", NUMBER),
            ("tariff_unit", TEXT, 10),
        ),
    ),
    FileKind.OFFER_ACCOUNTS: _Record(
        "tilbudsregnskab",
        ("offer_id", "year"),
        _fields(
            ("offer_id", TEXT, 64),
            ("year", INTEGER),
            ("budget", AMOUNT),
            ("income", AMOUNT),
            ("costs", AMOUNT),
        ),
    ),
    # Appeals to Ankestyrelsen (docs/management.md); the citizen is pseudonymised like
    # a grant's, and the outcome is a code of APPEAL_OUTCOMES (null: still pending).
    FileKind.APPEALS: _Record(
        "klagesager",
        ("case_id",),
        _fields(
            ("case_id", TEXT, 64),
            ("citizen_id", TEXT, 64),
            ("area", TEXT, 10),
            ("paragraph", TEXT, 80),
            ("team", TEXT, 100),
            ("decision_date", DATE),
            ("outcome", TEXT, 10),
            ("outcome_date", DATE),
        ),
    ),
    # Reference key figures (national, regional, other municipalities, groups).
    FileKind.KEY_FIGURES: _Record(
        "nøgletal",
        ("code", "year", "level", "unit"),
        _fields(
            ("code", TEXT, 60),
            ("year", INTEGER),
            ("level", TEXT, 12),
            ("unit", TEXT, 100),
            ("value", NUMBER),
            ("source", TEXT, 500),
        ),
    ),
    # Inhabitants of a municipality in a year by age: one age (age_from = age_to) or a band.
    FileKind.POPULATION: _Record(
        "befolkning",
        ("municipality_code", "year", "age_from", "age_to"),
        _fields(
            ("municipality_code", TEXT, 4),
            ("year", INTEGER),
            ("age_from", INTEGER),
            ("age_to", INTEGER),
            ("count", INTEGER),
        ),
    ),
}

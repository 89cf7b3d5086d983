"""The import contract (docs/import.md) as data: file kinds, columns, aliases."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_FOLD = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})
_DROP = re.compile(r"[\s._\-/()\[\]{}]+")


def normalise_header(raw: str) -> str:
    """Casefold, spell æøå in ASCII and drop spaces and punctuation: ``Bogf.dato`` → ``bogfdato``."""
    return _DROP.sub("", raw.strip().casefold().translate(_FOLD))


@dataclass(frozen=True)
class Column:
    name: str  # canonical Danish header, as the spec writes it
    field: str  # English name used in frames and the database
    type: str  # text | date | amount | number | integer
    required: bool = False
    aliases: tuple[str, ...] = ()
    ambiguous: tuple[str, ...] = ()  # accepted only when no better column is present


@dataclass(frozen=True)
class FileKind:
    name: str  # Danish name users know: bevillinger, budget, posteringer, leverandører
    label: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    signature: tuple[str, ...] = field(default=())  # fields that identify the kind

    def column(self, field_name: str) -> Column:
        return next(c for c in self.columns if c.field == field_name)


GRANTS = FileKind(
    name="bevillinger",
    label="bevillinger",
    key=("grant_id",),
    signature=("grant_id", "citizen_id", "start"),
    columns=(
        Column(
            "bevilling_id",
            "grant_id",
            "text",
            True,
            (
                "Bevillingsnummer",
                "Bevillingsnr",
                "BevillingsID",
                "Indsats-id",
                "IndsatsID",
                "Ydelses-id",
                "ForanstaltningId",
            ),
            ("Sagsnummer",),
        ),
        Column(
            "borger_id",
            "citizen_id",
            "text",
            True,
            (
                "CPR",
                "CPR-nummer",
                "CPR-nr.",
                "Personnummer",
                "Ydelsesmodtagernr.",
                "Borger",
                "Borger-id",
            ),
        ),
        Column("familie_id", "family_id", "text", False, ("Familie", "Husstand", "Husstands-id")),
        Column("fødselsdato", "birth_date", "date"),
        Column("område", "area", "text", True),
        Column(
            "paragraf", "paragraph", "text", True, ("§", "Lovparagraf", "Lovgrundlag", "Hjemmel")
        ),
        Column(
            "indsats",
            "service",
            "text",
            False,
            ("Ydelse", "Ydelsesnavn", "Indsatsnavn", "Aktivitet", "Foranstaltning"),
        ),
        Column(
            "leverandør_id",
            "provider_id",
            "text",
            False,
            (
                "Leverandør",
                "Leverandørnavn",
                "Leverandør CVR",
                "CVR",
                "CVR-nr.",
                "Udbyder",
                "Tilbud",
                "Kreditornr.",
            ),
        ),
        Column("leverandør_type", "provider_type", "text"),
        Column(
            "konto",
            "account",
            "text",
            True,
            ("Kontonr", "Kontonummer", "Funktion"),
            ("Kontostreng", "Kontering"),
        ),
        Column(
            "startdato",
            "start",
            "date",
            True,
            (
                "Start dato",
                "Fra",
                "Fra dato",
                "Gyldig fra",
                "Bevilget fra",
                "Periode fra",
                "Ydelsesperiode fra",
            ),
        ),
        Column(
            "slutdato",
            "end",
            "date",
            False,
            (
                "Slut dato",
                "Til",
                "Til dato",
                "Gyldig til",
                "Bevilget til",
                "Ophørsdato",
                "Periode til",
            ),
        ),
        Column(
            "pris",
            "price",
            "amount",
            True,
            (
                "Enhedspris",
                "Pris pr. enhed",
                "Takst",
                "Døgntakst",
                "Månedstakst",
                "Timepris",
                "Sats",
            ),
        ),
        Column(
            "prisenhed",
            "price_unit",
            "text",
            True,
            ("Enhed", "Takstenhed", "Hyppighed", "Frekvens", "Betalingsfrekvens"),
        ),
        Column("antal", "quantity", "number", False, ("Mængde", "Timer pr. uge", "Antal timer")),
        Column("registreret", "registered", "date", False, ("Registreringsdato", "Afgørelsesdato")),
        Column("rådgiver", "caseworker", "text", False, ("Sagsbehandler", "Myndighedsrådgiver")),
        Column("team", "team", "text", False, ("Enhed navn", "Afdeling")),
    ),
)

BUDGETS = FileKind(
    name="budget",
    label="budget",
    key=("year", "account", "kind"),
    signature=("year", "account", "amount"),
    columns=(
        Column("år", "year", "integer", True, ("Budgetår", "Regnskabsår")),
        Column(
            "konto",
            "account",
            "text",
            True,
            ("Kontonr", "Kontonummer", "Funktion"),
            ("Kontostreng", "Kontering"),
        ),
        Column("beløb", "amount", "amount", True, ("Beløb DKK", "Beløb i kr.", "Budget")),
        Column("type", "kind", "text", False, ("Budgettype",)),
    ),
)

POSTINGS = FileKind(
    name="posteringer",
    label="posteringer",
    key=("posting_id",),
    signature=("posting_date", "account"),
    columns=(
        Column(
            "posterings_id", "posting_id", "text", False, ("Posteringsnr", "Løbenr", "Bilagslinje")
        ),
        Column(
            "bogføringsdato",
            "posting_date",
            "date",
            True,
            ("Bogf.dato", "Posteringsdato", "Bogføringsdag"),
        ),
        Column(
            "konto",
            "account",
            "text",
            True,
            ("Kontonr", "Kontonummer", "Funktion"),
            ("Kontostreng", "Kontering"),
        ),
        Column("beløb", "amount", "amount", False, ("Beløb DKK", "Beløb i kr.")),
        Column("debet", "debit", "amount", False),
        Column("kredit", "credit", "amount", False),
        Column("dk", "sign", "text", False, ("D/K", "Debet/Kredit", "Fortegn")),
        Column(
            "bevilling_id",
            "grant_id",
            "text",
            False,
            ("Bevillingsnummer", "Bevillingsnr", "BevillingsID"),
        ),
        Column("tekst", "text", "text", False, ("Posteringstekst", "Bilagstekst", "Beskrivelse")),
    ),
)

PROVIDERS = FileKind(
    name="leverandører",
    label="leverandører",
    key=("provider_id",),
    signature=("provider_id", "name", "provider_type"),
    columns=(
        Column(
            "leverandør_id",
            "provider_id",
            "text",
            True,
            ("Leverandør", "Leverandør CVR", "CVR", "CVR-nr.", "Kreditornr."),
        ),
        Column("navn", "name", "text", True, ("Leverandørnavn", "Tilbudsnavn")),
        Column("type", "provider_type", "text", True, ("Leverandørtype", "leverandør_type")),
        Column("kommunekode", "municipality_code", "text", False, ("Kommunenr",)),
        Column("tilbudstype", "offer_type", "text"),
        Column("pladser", "capacity", "integer", False, ("Antal pladser", "Kapacitet")),
        Column("takst", "tariff", "amount", False, ("Standardtakst",)),
        Column("takstenhed", "tariff_unit", "text", False, ("Enhed",)),
    ),
)

KINDS: tuple[FileKind, ...] = (POSTINGS, GRANTS, BUDGETS, PROVIDERS)
KINDS_BY_NAME = {k.name: k for k in KINDS}

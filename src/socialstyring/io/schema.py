"""The import contract (docs/import.md) as data: each file kind's Danish headers and their
aliases. The fields and their types are the registry's (``terms.files``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from socialstyring.terms import FileKind
from socialstyring.terms.files import AMOUNT, TEXT

_FOLD = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})
_DROP = re.compile(r"[\s._\-/()\[\]{}]+")


def normalise_header(raw: str) -> str:
    """Casefold, spell æøå in ASCII, drop spaces and punctuation: ``Bogf.dato`` → ``bogfdato``."""
    return _DROP.sub("", raw.strip().casefold().translate(_FOLD))


@dataclass(frozen=True)
class Column:
    name: str  # canonical Danish header, as the spec writes it
    field: str  # the record's field (terms.files)
    required: bool = False
    aliases: tuple[str, ...] = ()
    ambiguous: tuple[str, ...] = ()  # accepted only when no better column is present
    type: str = ""  # the field's type; given here only for columns no record keeps


@dataclass(frozen=True)
class FileLayout:
    """How a file of one kind is written: its columns, and the fields that identify it."""

    kind: FileKind
    columns: tuple[Column, ...]
    signature: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        typed = tuple(
            c if c.type else replace(c, type=self.kind.field(c.field).type) for c in self.columns
        )
        object.__setattr__(self, "columns", typed)
        missing = set(self.kind.field_names) - {c.field for c in typed}
        if missing:
            raise ValueError(f"{self.kind} has no column for {sorted(missing)}")

    @property
    def name(self) -> str:
        """The Danish name users know: bevillinger, budget, posteringer, leverandører."""
        return self.kind.label

    @property
    def label(self) -> str:
        return self.kind.label

    @property
    def key(self) -> tuple[str, ...]:
        return self.kind.key

    @property
    def fields(self) -> tuple[str, ...]:
        """The record's fields, in the order frames and tables keep them."""
        return self.kind.field_names

    def column(self, field_name: str) -> Column:
        return next(c for c in self.columns if c.field == field_name)


# The municipality a row belongs to (the tenant), in the files that may hold several
# municipalities' rows. Not in the providers' file, whose kommunekode is where the offer is.
TENANT = "municipality"
TENANT_COLUMN = Column(
    "kommunekode", TENANT, False, ("Kommunenr", "Kommunenummer", "Kommune"), type=TEXT
)

GRANTS = FileLayout(
    kind=FileKind.GRANTS,
    signature=("grant_id", "citizen_id", "start"),
    columns=(
        Column(
            "bevilling_id",
            "grant_id",
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
        Column("familie_id", "family_id", False, ("Familie", "Husstand", "Husstands-id")),
        Column("fødselsdato", "birth_date"),
        Column("område", "area", True),
        Column("paragraf", "paragraph", True, ("§", "Lovparagraf", "Lovgrundlag", "Hjemmel")),
        Column(
            "indsats",
            "service",
            False,
            ("Ydelse", "Ydelsesnavn", "Indsatsnavn", "Aktivitet", "Foranstaltning"),
        ),
        Column(
            "leverandør_id",
            "provider_id",
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
        Column("leverandør_type", "provider_type"),
        Column(
            "konto",
            "account",
            True,
            ("Kontonr", "Kontonummer", "Funktion"),
            ("Kontostreng", "Kontering"),
        ),
        Column(
            "startdato",
            "start",
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
            True,
            ("Enhed", "Takstenhed", "Hyppighed", "Frekvens", "Betalingsfrekvens"),
        ),
        Column("antal", "quantity", False, ("Mængde", "Timer pr. uge", "Antal timer")),
        Column("registreret", "registered", False, ("Registreringsdato", "Afgørelsesdato")),
        Column("rådgiver", "caseworker", False, ("Sagsbehandler", "Myndighedsrådgiver")),
        Column("team", "team", False, ("Enhed navn", "Afdeling")),
        Column("løbende", "open_ended", False, ("Løbende bevilling", "Tidsubegrænset")),
        TENANT_COLUMN,
    ),
)

BUDGETS = FileLayout(
    kind=FileKind.BUDGETS,
    signature=("year", "account", "amount"),
    columns=(
        Column("år", "year", True, ("Budgetår", "Regnskabsår")),
        Column(
            "konto",
            "account",
            True,
            ("Kontonr", "Kontonummer", "Funktion"),
            ("Kontostreng", "Kontering"),
        ),
        Column("beløb", "amount", True, ("Beløb DKK", "Beløb i kr.", "Budget")),
        Column("type", "kind", False, ("Budgettype",)),
        # Optional: the account's budget distributed to areas and teams, as in grants.
        Column("område", "area", False),
        Column("team", "team", False, ("Enhed navn", "Afdeling")),
        TENANT_COLUMN,
    ),
)

POSTINGS = FileLayout(
    kind=FileKind.POSTINGS,
    signature=("posting_date", "account"),
    columns=(
        Column("posterings_id", "posting_id", False, ("Posteringsnr", "Løbenr", "Bilagslinje")),
        Column(
            "bogføringsdato",
            "posting_date",
            True,
            ("Bogf.dato", "Posteringsdato", "Bogføringsdag"),
        ),
        Column(
            "konto",
            "account",
            True,
            ("Kontonr", "Kontonummer", "Funktion"),
            ("Kontostreng", "Kontering"),
        ),
        Column("beløb", "amount", False, ("Beløb DKK", "Beløb i kr.")),
        Column("debet", "debit", type=AMOUNT),
        Column("kredit", "credit", type=AMOUNT),
        Column("dk", "sign", False, ("D/K", "Debet/Kredit", "Fortegn"), type=TEXT),
        Column(
            "bevilling_id",
            "grant_id",
            False,
            ("Bevillingsnummer", "Bevillingsnr", "BevillingsID"),
        ),
        Column("tekst", "text", False, ("Posteringstekst", "Bilagstekst", "Beskrivelse")),
        TENANT_COLUMN,
    ),
)

PROVIDERS = FileLayout(
    kind=FileKind.PROVIDERS,
    signature=("provider_id", "name", "provider_type"),
    columns=(
        Column(
            "leverandør_id",
            "provider_id",
            True,
            ("Leverandør", "Leverandør CVR", "CVR", "CVR-nr.", "Kreditornr."),
        ),
        Column("navn", "name", True, ("Leverandørnavn", "Tilbudsnavn")),
        Column("type", "provider_type", True, ("Leverandørtype", "leverandør_type")),
        Column("kommunekode", "municipality_code", False, ("Kommunenr",)),
        Column("tilbudstype", "offer_type"),
        Column("pladser", "capacity", False, ("Antal pladser", "Kapacitet")),
        Column("takst", "tariff", False, ("Standardtakst",)),
        Column("takstenhed", "tariff_unit", False, ("Enhed",)),
        Column("målgruppe", "target_group", False, ("Målgruppe kode",)),
        Column("kapacitet_fra", "capacity_from", False, ("Pladser fra",)),
        Column("kapacitet_til", "capacity_to", False, ("Pladser til",)),
    ),
)

APPEALS = FileLayout(
    kind=FileKind.APPEALS,
    signature=("case_id", "decision_date", "area"),
    columns=(
        Column("sag_id", "case_id", True, ("Sagsnummer", "Sagsnr", "Klagesag", "Sags-id")),
        Column(
            "borger_id",
            "citizen_id",
            False,
            ("CPR", "CPR-nummer", "CPR-nr.", "Personnummer", "Borger", "Borger-id"),
        ),
        Column("område", "area", True),
        Column("paragraf", "paragraph", True, ("§", "Lovparagraf", "Lovgrundlag", "Hjemmel")),
        Column("team", "team", False, ("Enhed navn", "Afdeling")),
        Column("afgørelsesdato", "decision_date", True, ("Kommunens afgørelsesdato",)),
        Column(
            "ankestyrelsens_afgørelse",
            "outcome",
            False,
            ("Ankestyrelsens afgørelse", "Udfald", "Resultat"),
        ),
        Column(
            "ankestyrelsens_dato",
            "outcome_date",
            False,
            ("Ankestyrelsens afgørelsesdato", "Afgjort"),
        ),
        TENANT_COLUMN,
    ),
)

KEY_FIGURES = FileLayout(
    kind=FileKind.KEY_FIGURES,
    signature=("code", "level", "value"),
    columns=(
        Column("kode", "code", True, ("Nøgletal", "Nøgletalskode")),
        Column("år", "year", True, ("Regnskabsår",)),
        Column("niveau", "level", True),
        Column("enhed", "unit", False, ("Område", "Gruppe")),
        Column("værdi", "value", True, ("Tal", "Indhold")),
        Column("kilde", "source", False),
    ),
)

# Own layout (kommunekode, år, alder, antal) or Statistics Denmark's FOLK1A (OMRÅDE, ALDER,
# TID, INDHOLD): år and alder are read as text and parsed by the population rules.
POPULATION = FileLayout(
    kind=FileKind.POPULATION,
    signature=("municipality_code", "year", "count"),
    columns=(
        Column(
            "kommunekode",
            "municipality_code",
            True,
            ("OMRÅDE", "Kommune", "Kommunenr", "Kommunenavn"),
        ),
        Column("år", "year", True, ("TID", "Kvartal"), type=TEXT),
        Column("alder", "age_from", True, ("ALDER", "Alder fra"), type=TEXT),
        Column("alder_til", "age_to", False, ("Alder til",), type=TEXT),
        Column("antal", "count", True, ("INDHOLD", "Indbyggere", "Befolkning")),
    ),
)

OFFER_BUDGETS = FileLayout(
    kind=FileKind.OFFER_BUDGETS,
    signature=("offer_id", "places", "direct_costs"),
    columns=(
        Column("tilbud_id", "offer_id", True, ("Tilbud", "Tilbudsnummer")),
        Column("år", "year", True, ("Budgetår", "Takstår")),
        Column("pladser", "places", True, ("Antal pladser",)),
        Column("direkte_omkostninger", "direct_costs", True, ("Direkte udgifter",)),
        Column("overhead_pct", "overhead_pct", False, ("Overhead", "Overhead %")),
        Column("afskrivninger", "depreciation"),
        Column("forrentning", "interest"),
        Column("tjenestemandspension", "pensions", False, ("Tjenestemandspensioner",)),
        Column("regulering", "adjustment", False, ("Efterregulering",)),
        Column("belægning_1", "occupancy_1"),
        Column("belægning_2", "occupancy_2"),
        Column("forventet_belægning", "expected_occupancy"),
        Column("takstenhed", "tariff_unit", False, ("Enhed",)),
        TENANT_COLUMN,
    ),
)

OFFER_ACCOUNTS = FileLayout(
    kind=FileKind.OFFER_ACCOUNTS,
    signature=("offer_id", "budget", "income", "costs"),
    columns=(
        Column("tilbud_id", "offer_id", True, ("Tilbud", "Tilbudsnummer")),
        Column("år", "year", True, ("Regnskabsår",)),
        Column("budget", "budget", True, ("Omkostningsbudget",)),
        Column("indtægter", "income", True, ("Takstindtægter",)),
        Column("omkostninger", "costs", True, ("Faktiske omkostninger",)),
        TENANT_COLUMN,
    ),
)

# Detection order: the first kind whose signature the headers hold; the offer kinds
# before budgets, whose år and konto they do not have.
KINDS: tuple[FileLayout, ...] = (
    POSTINGS,
    GRANTS,
    OFFER_ACCOUNTS,
    OFFER_BUDGETS,
    BUDGETS,
    PROVIDERS,
    APPEALS,
    KEY_FIGURES,
    POPULATION,
)
LAYOUTS = {layout.kind: layout for layout in KINDS}

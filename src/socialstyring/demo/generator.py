"""A synthetic municipality: grants, budgets, ledger and providers, drawn from one seed.

The demo municipality has no real citizens: citizen keys are pseudonyms
(``DEMO-000123``), birth dates are drawn, provider names are made up. Every range
used here, and where it comes from, is listed in ``docs/demo.md``.

All drawing is vectorised (numpy arrays, polars expressions); the only Python loops
run over the service catalogue, never over grants, so a million grants take seconds.
The frames use the core's column names, exactly as ``io.validation`` produces them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import polars as pl

from socialstyring import terms
from socialstyring.core.costs import cost_expr
from socialstyring.io.schema import BUDGETS, GRANTS, POSTINGS, PROVIDERS, FileLayout
from socialstyring.reference import municipalities
from socialstyring.terms import MONTH_NAMES

CHILDREN, ADULTS = "children", "adults"
OWN, OTHER, REGION, PRIVATE = "own", "other_municipality", "region", "private"
PROVIDER_TYPES = (OWN, OTHER, REGION, PRIVATE)

B_NORD, B_SYD, B_HANDICAP = "Børn Nord", "Børn Syd", "Børn Handicap"
V_HANDICAP, V_PSYKIATRI, V_UDSATTE = "Voksen Handicap", "Voksen Psykiatri", "Voksen Socialt udsatte"
TEAMS = (B_NORD, B_SYD, B_HANDICAP, V_HANDICAP, V_PSYKIATRI, V_UDSATTE)

BARNETS_LOV = dt.date(2024, 1, 1)  # children's grants started before this cite Serviceloven
GRANTS_PER_INHABITANT = 0.12  # grant rows over five years and the current one (4.800 per 40.000)
COMPANION_SHARE = 0.15  # grants added to a citizen who already has one
HISTORY_YEARS = 5
FUTURE_DAYS = 60  # grants may start up to this long after as_of (already decided)
CITIZENS_PER_CASEWORKER = 90  # over the whole history; ≈40 current cases each
EPOCH = dt.date(1970, 1, 1)


@dataclass(frozen=True)
class ServiceKind:
    """One kind of grant: legal basis, account, price unit and the ranges it is drawn from."""

    key: str
    area: str
    paragraph: str
    service: str
    account: str
    unit: str  # the core's price unit
    price: tuple[float, float]  # provider tariff, drawn uniformly
    days: tuple[int, int]  # planned duration, drawn log-uniformly
    open_share: float  # share of still-running grants with no end date
    share: float  # weight among citizens' first grants (about first grants per 40.000 inhabitants)
    age: tuple[float, float]  # age in years at start
    providers: tuple[
        float, float, float, float
    ]  # weights of own, other municipality, region, private
    teams: tuple[str, ...]
    offer_type: str
    names: tuple[str, ...]  # provider name prefixes
    capacity: tuple[int, int]
    quantity: tuple[tuple[float, float], ...] = ((1.0, 1.0),)  # (units, weight); hours per week
    old_paragraph: str | None = None  # Serviceloven basis before Barnets lov

    @property
    def until_age(self) -> int | None:
        """Children's measures stop at 18; after-care (efterværn) at 23."""
        if self.area != CHILDREN:
            return None
        return 23 if self.age[0] >= 18 else 18


# fmt: off
_FEW_HOURS = ((1.0, 2.0), (2.0, 4.0), (3.0, 3.0), (4.0, 2.0), (6.0, 1.0), (8.0, 1.0))
_BOSTOETTE_HOURS = (  # many at 1-3 hours a week, a long tail up to 15
    (1.0, 14.0), (1.5, 8.0), (2.0, 16.0), (3.0, 16.0), (4.0, 12.0), (5.0, 9.0),
    (6.0, 8.0), (8.0, 7.0), (10.0, 5.0), (12.0, 3.0), (15.0, 2.0),
)
_CHILD_TEAMS = (B_NORD, B_SYD)

CATALOGUE: tuple[ServiceKind, ...] = (
    # Children and young people (5.28.2x): Barnets lov from 2024, Serviceloven before.
    ServiceKind(
        "familiebehandling", CHILDREN, "BL § 32", "Familiebehandling", "5.28.21", "hour",
        price=(650, 950), days=(90, 540), open_share=0.2, share=410, age=(0, 16),
        providers=(0.6, 0.05, 0, 0.35), teams=_CHILD_TEAMS, offer_type="familiebehandling",
        names=("Familiehuset", "Familiecentret"), capacity=(10, 60),
        quantity=((2.0, 3.0), (3.0, 3.0), (4.0, 3.0), (6.0, 2.0), (8.0, 1.0)),
        old_paragraph="SEL § 52",
    ),
    ServiceKind(
        "kontaktperson", CHILDREN, "BL § 32", "Kontaktperson", "5.28.21", "hour", price=(350, 550),
        days=(180, 1095), open_share=0.3, share=309, age=(7, 17.95), providers=(0.7, 0, 0, 0.3),
        teams=_CHILD_TEAMS, offer_type="kontaktpersonordning",
        names=("Kontaktpersonkorpset", "Ungeindsatsen"), capacity=(10, 80), quantity=_FEW_HOURS,
        old_paragraph="SEL § 52",
    ),
    ServiceKind(
        "praktisk_stoette", CHILDREN, "BL § 32", "Praktisk pædagogisk støtte i hjemmet", "5.28.21",
        "hour", price=(450, 700), days=(90, 365), open_share=0.1, share=157, age=(0, 15),
        providers=(0.7, 0, 0, 0.3), teams=_CHILD_TEAMS, offer_type="familiestøtte",
        names=("Familiestøtten", "Hjemmestøtten"), capacity=(10, 60),
        quantity=((2.0, 3.0), (4.0, 3.0), (6.0, 2.0), (10.0, 1.0)), old_paragraph="SEL § 52",
    ),
    ServiceKind(
        "aflastning", CHILDREN, "BL § 32", "Aflastning", "5.28.21", "month", price=(8000, 30_000),
        days=(180, 1460), open_share=0.4, share=93, age=(3, 16), providers=(0.4, 0.2, 0.1, 0.3),
        teams=_CHILD_TEAMS, offer_type="aflastning", names=("Aflastningshjemmet", "Aflastningen"),
        capacity=(4, 20), old_paragraph="SEL § 52",
    ),
    ServiceKind(
        "aflastning_handicap", CHILDREN, "BL § 90", "Aflastning (handicap)", "5.28.21", "month",
        price=(10_000, 40_000), days=(365, 2190), open_share=0.6, share=64, age=(2, 17),
        providers=(0.4, 0.3, 0.2, 0.1), teams=(B_HANDICAP,), offer_type="aflastning",
        names=("Aflastningstilbuddet", "Børneboligen"), capacity=(4, 20), old_paragraph="SEL § 44",
    ),
    ServiceKind(
        "undersoegelse", CHILDREN, "BL § 20", "Børnefaglig undersøgelse (ekstern)", "5.28.21",
        "once", price=(20_000, 60_000), days=(1, 1), open_share=0.0, share=288, age=(0, 17),
        providers=(0.3, 0.1, 0.1, 0.5), teams=_CHILD_TEAMS, offer_type="udredning",
        names=("Udredningscentret", "Familieudredningen"), capacity=(5, 40),
        old_paragraph="SEL § 50",
    ),
    ServiceKind(
        "opholdssted", CHILDREN, "BL § 46", "Anbringelse på opholdssted", "5.28.20", "day",
        price=(2500, 5000), days=(365, 2190), open_share=0.3, share=50, age=(10, 17.95),
        providers=(0.05, 0.05, 0, 0.9), teams=_CHILD_TEAMS, offer_type="opholdssted",
        names=("Opholdsstedet",), capacity=(4, 12), old_paragraph="SEL § 52",
    ),
    ServiceKind(
        "efterskole", CHILDREN, "BL § 46", "Anbringelse på kost- eller efterskole", "5.28.20",
        "month", price=(9000, 20_000), days=(300, 700), open_share=0.0, share=34, age=(14, 17),
        providers=(0, 0, 0, 1), teams=_CHILD_TEAMS, offer_type="kost- og efterskole",
        names=("Efterskolen",), capacity=(60, 200), old_paragraph="SEL § 52",
    ),
    ServiceKind(
        "plejefamilie", CHILDREN, "BL § 46", "Plejefamilie", "5.28.22", "month",
        price=(25_000, 60_000), days=(365, 2190), open_share=0.5, share=97, age=(0, 16),
        providers=(0.6, 0, 0, 0.4), teams=_CHILD_TEAMS, offer_type="plejefamilie",
        names=("Familieplejen", "Plejefamilierne"), capacity=(1, 30), old_paragraph="SEL § 52",
    ),
    ServiceKind(
        "netvaerksplejefamilie", CHILDREN, "BL § 46", "Netværksplejefamilie", "5.28.22", "month",
        price=(6000, 15_000), days=(365, 2190), open_share=0.6, share=27, age=(0, 16),
        providers=(1, 0, 0, 0), teams=_CHILD_TEAMS, offer_type="netværksplejefamilie",
        names=("Netværksplejen",), capacity=(1, 30), old_paragraph="SEL § 52",
    ),
    ServiceKind(
        "doegninstitution", CHILDREN, "BL § 46", "Døgnophold", "5.28.23", "day",
        price=(4000, 7000), days=(180, 1825), open_share=0.3, share=36, age=(6, 17.95),
        providers=(0.2, 0.35, 0.3, 0.15), teams=_CHILD_TEAMS, offer_type="døgninstitution",
        names=("Døgninstitutionen", "Børnehjemmet", "Ungehjemmet"), capacity=(6, 30),
        old_paragraph="SEL § 52",
    ),
    ServiceKind(
        "sikret", CHILDREN, "BL § 47", "Ophold på sikret døgninstitution", "5.28.24", "day",
        price=(7000, 11_000), days=(30, 180), open_share=0.0, share=15, age=(14, 17.95),
        providers=(0, 0.2, 0.8, 0), teams=_CHILD_TEAMS, offer_type="sikret døgninstitution",
        names=("Ungecentret",), capacity=(6, 20), old_paragraph="SEL § 58",
    ),
    ServiceKind(
        "efterværn_kontaktperson", CHILDREN, "BL § 114", "Efterværn – kontaktperson", "5.28.21",
        "hour", price=(350, 550), days=(180, 1460), open_share=0.3, share=101, age=(18.02, 21.5),
        providers=(0.7, 0, 0, 0.3), teams=_CHILD_TEAMS, offer_type="kontaktpersonordning",
        names=("Ungeindsatsen", "Kontaktpersonkorpset"), capacity=(10, 80),
        quantity=((1.0, 3.0), (2.0, 4.0), (3.0, 2.0), (4.0, 1.0), (6.0, 1.0)),
        old_paragraph="SEL § 76",
    ),
    ServiceKind(
        "efterværn_plejefamilie", CHILDREN, "BL § 114", "Efterværn – fortsat ophold i plejefamilie",
        "5.28.22", "month", price=(20_000, 45_000), days=(180, 1460), open_share=0.2, share=30,
        age=(18.02, 19), providers=(0.6, 0, 0, 0.4), teams=_CHILD_TEAMS, offer_type="plejefamilie",
        names=("Familieplejen",), capacity=(1, 30), old_paragraph="SEL § 76",
    ),
    ServiceKind(
        "efterværn_bolig", CHILDREN, "BL § 114", "Efterværn – udslusningsbolig", "5.28.20", "day",
        price=(1200, 3000), days=(180, 1095), open_share=0.2, share=22, age=(18.02, 20),
        providers=(0.2, 0.1, 0, 0.7), teams=_CHILD_TEAMS, offer_type="opholdssted",
        names=("Udslusningen", "Ungeboligen"), capacity=(4, 12), old_paragraph="SEL § 76",
    ),
    # Adults (5.38.xx): Serviceloven.
    ServiceKind(
        "bostoette", ADULTS, "SEL § 85", "Bostøtte", "5.38.38", "hour", price=(400, 650),
        days=(90, 3650), open_share=0.7, share=994, age=(18, 75), providers=(0.8, 0.05, 0, 0.15),
        teams=(V_HANDICAP, V_PSYKIATRI, V_PSYKIATRI, V_UDSATTE), offer_type="§ 85 bostøtte",
        names=("Bostøtten", "Bostøtteteamet"), capacity=(20, 150), quantity=_BOSTOETTE_HOURS,
    ),
    ServiceKind(
        "bpa", ADULTS, "SEL § 96", "Borgerstyret personlig assistance (BPA)", "5.38.38", "hour",
        price=(280, 380), days=(365, 3650), open_share=0.9, share=19, age=(18, 65),
        providers=(0.1, 0, 0, 0.9), teams=(V_HANDICAP,), offer_type="BPA-virksomhed",
        names=("Assistanceordningen", "Handicapassistancen"), capacity=(5, 60),
        quantity=((20.0, 2.0), (37.0, 3.0), (60.0, 2.0), (90.0, 2.0), (120.0, 1.0), (168.0, 1.0)),
    ),
    ServiceKind(
        "ledsagelse", ADULTS, "SEL § 97", "Ledsagelse", "5.38.53", "hour", price=(250, 400),
        days=(365, 3650), open_share=0.8, share=74, age=(18, 70), providers=(0.8, 0, 0, 0.2),
        teams=(V_HANDICAP,), offer_type="ledsageordning", names=("Ledsageordningen",),
        capacity=(10, 80), quantity=((1.0, 2.0), (2.0, 3.0), (3.0, 3.0), (3.5, 2.0)),
    ),
    ServiceKind(
        "behandling", ADULTS, "SEL § 102", "Behandlingsforløb", "5.38.38", "once",
        price=(5000, 60_000), days=(1, 1), open_share=0.0, share=176, age=(18, 65),
        providers=(0.2, 0.1, 0.3, 0.4), teams=(V_HANDICAP, V_PSYKIATRI), offer_type="behandling",
        names=("Behandlingscentret", "Psykologhuset"), capacity=(5, 40),
    ),
    ServiceKind(
        "beskyttet", ADULTS, "SEL § 103", "Beskyttet beskæftigelse", "5.38.58", "day",
        price=(300, 900), days=(365, 3650), open_share=0.8, share=44, age=(20, 65),
        providers=(0.5, 0.3, 0.1, 0.1), teams=(V_HANDICAP, V_PSYKIATRI),
        offer_type="§ 103 beskyttet beskæftigelse", names=("Værkstedet", "Beskæftigelsestilbuddet"),
        capacity=(15, 80),
    ),
    ServiceKind(
        "aktivitet", ADULTS, "SEL § 104", "Aktivitets- og samværstilbud", "5.38.59", "day",
        price=(300, 900), days=(365, 3650), open_share=0.8, share=115, age=(20, 75),
        providers=(0.6, 0.25, 0.1, 0.05), teams=(V_HANDICAP, V_PSYKIATRI),
        offer_type="§ 104 aktivitets- og samværstilbud",
        names=("Aktivitetscentret", "Dagtilbuddet", "Værestedet"), capacity=(15, 80),
    ),
    ServiceKind(
        "midlertidigt", ADULTS, "SEL § 107", "Midlertidigt botilbud", "5.38.52", "day",
        price=(2000, 4500), days=(180, 1460), open_share=0.5, share=95, age=(18, 65),
        providers=(0.4, 0.25, 0.2, 0.15), teams=(V_HANDICAP, V_PSYKIATRI),
        offer_type="§ 107 botilbud", names=("Botilbuddet", "Bostedet"), capacity=(6, 30),
    ),
    ServiceKind(
        "laengerevarende", ADULTS, "SEL § 108", "Længerevarende botilbud", "5.38.50", "year",
        price=(900_000, 1_800_000), days=(1095, 7300), open_share=0.95, share=101, age=(18, 80),
        providers=(0.3, 0.3, 0.25, 0.15), teams=(V_HANDICAP, V_PSYKIATRI),
        offer_type="§ 108 botilbud", names=("Bostedet", "Botilbuddet", "Bofællesskabet"),
        capacity=(8, 40),
    ),
    ServiceKind(
        "forsorgshjem", ADULTS, "SEL § 110", "Ophold på forsorgshjem", "5.38.42", "day",
        price=(900, 1600), days=(14, 365), open_share=0.3, share=314, age=(20, 70),
        providers=(0.3, 0.4, 0, 0.3), teams=(V_UDSATTE,), offer_type="§ 110 forsorgshjem",
        names=("Forsorgshjemmet", "Herberget"), capacity=(15, 60),
    ),
    ServiceKind(
        "krisecenter", ADULTS, "SEL § 109", "Ophold på kvindekrisecenter", "5.38.42", "day",
        price=(1200, 2000), days=(14, 120), open_share=0.2, share=55, age=(18, 60),
        providers=(0.1, 0.3, 0, 0.6), teams=(V_UDSATTE,), offer_type="§ 109 kvindekrisecenter",
        names=("Krisecentret",), capacity=(6, 20),
    ),
    ServiceKind(
        "misbrug_ambulant", ADULTS, "SEL § 101", "Ambulant stofmisbrugsbehandling", "5.38.45",
        "month", price=(4000, 12_000), days=(90, 365), open_share=0.3, share=246, age=(18, 60),
        providers=(0.6, 0.2, 0, 0.2), teams=(V_UDSATTE,), offer_type="stofmisbrugsbehandling",
        names=("Misbrugscentret", "Rusmiddelcentret"), capacity=(20, 150),
    ),
    ServiceKind(
        "misbrug_doegn", ADULTS, "SEL § 101", "Døgnbehandling for stofmisbrug", "5.38.45", "day",
        price=(1500, 3000), days=(30, 180), open_share=0.1, share=74, age=(18, 50),
        providers=(0, 0.1, 0.1, 0.8), teams=(V_UDSATTE,), offer_type="stofmisbrugsbehandling",
        names=("Behandlingshjemmet",), capacity=(8, 30),
    ),
)
# fmt: on
KIND_INDEX = {k.key: i for i, k in enumerate(CATALOGUE)}
ACCOUNTS = sorted({k.account for k in CATALOGUE})

# A citizen's further grants: what is added to a first grant in the same area.
COMPANIONS = {
    CHILDREN: (
        ("kontaktperson", 3.0),
        ("familiebehandling", 3.0),
        ("aflastning", 2.0),
        ("undersoegelse", 2.0),
    ),
    ADULTS: (
        ("aktivitet", 3.0),
        ("beskyttet", 1.0),
        ("ledsagelse", 2.0),
        ("bostoette", 3.0),
        ("behandling", 1.0),
    ),
}

PLACES = (
    "Engly",
    "Solbakken",
    "Granly",
    "Bøgely",
    "Skovbrynet",
    "Lærkehøj",
    "Egebjerg",
    "Fjordglimt",
    "Havbrisen",
    "Lyngbakken",
    "Kildebo",
    "Birkely",
    "Rosenhøj",
    "Nørremarken",
    "Søndergården",
    "Vestervang",
    "Østerlund",
    "Bakkehuset",
    "Møllegården",
    "Stjernen",
    "Kastanjen",
    "Troldhøj",
    "Åbrinken",
    "Højvang",
    "Lindegården",
    "Enghaven",
    "Hvidbjerg",
    "Strandgården",
    "Toftegården",
    "Præstevangen",
    "Elmely",
    "Fuglsang",
    "Kærgården",
    "Lystrup",
    "Mosegården",
    "Nordlyset",
    "Pilegården",
    "Rønnebo",
    "Sandbakken",
    "Tjørnely",
    "Udsigten",
    "Valmuen",
    "Ådalen",
    "Ørnereden",
    "Hyldebo",
    "Spiren",
    "Tusindfryd",
    "Ankeret",
    "Bølgen",
    "Fyrtårnet",
)

CORRECTION_TEXTS = (
    "Refusion fra anden kommune",
    "Efterregulering af takst",
    "Tilbagebetaling, for meget udbetalt",
    "Korrektion af fejlpostering",
    "Egenbetaling fra borger",
)


@dataclass(frozen=True)
class DemoMunicipality:
    """The four import frames of a synthetic municipality, in the core's column names."""

    grants: pl.DataFrame
    budgets: pl.DataFrame
    postings: pl.DataFrame
    providers: pl.DataFrame
    year: int
    as_of: dt.date
    seed: int
    municipality_code: str  # the operating municipality of its own providers


def default_grant_count(inhabitants: int) -> int:
    return round(inhabitants * GRANTS_PER_INHABITANT)


def generate(
    seed: int = 2026,
    grants: int | None = None,
    year: int = 2026,
    as_of: dt.date = dt.date(2026, 11, 24),
    inhabitants: int = 40_000,
) -> DemoMunicipality:
    """A demo municipality with ``grants`` grant rows (default: scaled to ``inhabitants``),
    five years of history before ``year``, and a ledger up to ``as_of``. Same seed, same data."""
    total = default_grant_count(inhabitants) if grants is None else grants
    if total < 0:
        raise ValueError("grants must be 0 or more")
    rng = np.random.default_rng(seed)
    towns = municipalities()
    home = int(rng.integers(towns.height))
    draft = _draft_grants(rng, total, year, as_of)
    provider_arrays, draft["provider"] = _providers(rng, draft["kind"], towns, home)
    _price_grants(rng, draft, provider_arrays)
    draft = _in_grant_order(draft)
    grant_frame = _grant_frame(draft, provider_arrays)
    grant_ids = pl.concat([pl.Series([None], dtype=pl.String), grant_frame["grant_id"]])
    postings = _postings(rng, draft, grant_ids, year, as_of)
    budgets = _budgets(rng, grant_frame, year)
    return DemoMunicipality(
        grants=grant_frame,
        budgets=budgets,
        postings=postings,
        providers=_provider_frame(provider_arrays),
        year=year,
        as_of=as_of,
        seed=seed,
        municipality_code=towns["code"][home],
    )


# --- grants ---------------------------------------------------------------------------------


def _days(day: dt.date) -> int:
    return (day - EPOCH).days


def _kind_array(values: list[object], kind: np.ndarray, dtype: type = np.float64) -> np.ndarray:
    return np.asarray(values, dtype=dtype)[kind]


def _lookup(values: np.ndarray, convert: Callable[[np.ndarray], np.ndarray]) -> np.ndarray:
    """``convert`` applied through a table over the range of ``values``: numpy's calendar
    conversions are slow per element, and the ranges of days here are short."""
    if values.size == 0:
        return values.astype(np.int64)
    low = int(values.min())
    return convert(np.arange(low, int(values.max()) + 1))[values - low]


def _month(days: np.ndarray) -> np.ndarray:
    """Months since 1970-01 of days since 1970-01-01."""
    return _lookup(
        days, lambda d: d.astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)
    )


def _first_day(month: np.ndarray) -> np.ndarray:
    return _lookup(
        month, lambda m: m.astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)
    )


def _year(days: np.ndarray) -> np.ndarray:
    """Years since 1970."""
    return _lookup(
        days, lambda d: d.astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64)
    )


def _new_year(year: np.ndarray) -> np.ndarray:
    return _lookup(
        year, lambda y: y.astype("datetime64[Y]").astype("datetime64[D]").astype(np.int64)
    )


def _birthday(birth: np.ndarray, age: np.ndarray) -> np.ndarray:
    """Day of the ``age``-th birthday; 29 February falls on 1 March."""
    year = _year(birth)
    return _new_year(year + age) + (birth - _new_year(year))


def _draft_grants(
    rng: np.random.Generator, total: int, year: int, as_of: dt.date
) -> dict[str, np.ndarray]:
    """Grant rows as numpy arrays: first grants of new citizens plus further grants of some
    of them."""
    first = _days(dt.date(year - HISTORY_YEARS, 1, 1))
    last = _days(as_of) + FUTURE_DAYS
    shares = np.array([k.share for k in CATALOGUE])
    hosts_possible = total > 1
    n_extra = round(total * COMPANION_SHARE) if hosts_possible else 0
    n_first = total - n_extra
    kind = np.repeat(np.arange(len(CATALOGUE)), rng.multinomial(n_first, shares / shares.sum()))
    kind = rng.permutation(kind)
    # Slightly more grants in recent years: spending in the area grows.
    start = first + np.floor((last - first + 1) * rng.random(n_first) ** 0.9).astype(np.int64)
    lo, hi = (
        _kind_array([k.age[0] for k in CATALOGUE], kind),
        _kind_array([k.age[1] for k in CATALOGUE], kind),
    )
    birth = start - np.floor(rng.uniform(lo, hi) * 365.25).astype(np.int64)
    citizen = np.arange(n_first)
    draft = {"kind": kind, "start": start, "birth": birth, "citizen": citizen}
    if n_extra:
        draft = _add_companions(rng, draft, n_extra, _days(as_of))
    _end_grants(rng, draft, as_of)
    draft["registered"] = _registered(rng, draft["start"], _days(as_of))
    _citizen_attributes(rng, draft, n_first)
    return draft


def _add_companions(
    rng: np.random.Generator, draft: dict[str, np.ndarray], n: int, as_of: int
) -> dict[str, np.ndarray]:
    """Further grants for existing citizens (a placement plus a contact person, § 108 plus
    § 104 …)."""
    kind, start, birth = draft["kind"], draft["start"], draft["birth"]
    after_care = _kind_array([k.until_age == 23 for k in CATALOGUE], kind, bool)
    eligible = np.flatnonzero(~after_care)
    if eligible.size == 0:
        eligible = np.arange(kind.size)
    host = rng.choice(eligible, size=n, replace=n > eligible.size)
    is_child = _kind_array([k.area == CHILDREN for k in CATALOGUE], kind[host], bool)
    extra_kind = np.empty(n, dtype=np.int64)
    for area, options in COMPANIONS.items():
        rows = np.flatnonzero(is_child == (area == CHILDREN))
        keys = np.array([KIND_INDEX[key] for key, _ in options])
        weights = np.array([w for _, w in options])
        pick = rng.choice(keys.size, size=rows.size, p=weights / weights.sum())
        same = keys[pick] == kind[host][rows]  # never the same service twice: take the next option
        extra_kind[rows] = keys[np.where(same, (pick + 1) % keys.size, pick)]
    extra_start = np.minimum(start[host] + rng.integers(0, 180, n), np.maximum(start[host], as_of))
    adult_age = _birthday(birth[host], np.full(n, 18)) - 1
    extra_start = np.where(is_child, np.minimum(extra_start, adult_age), extra_start)
    return {
        "kind": np.concatenate([kind, extra_kind]),
        "start": np.concatenate([start, extra_start]),
        "birth": np.concatenate([birth, birth[host]]),
        "citizen": np.concatenate([draft["citizen"], draft["citizen"][host]]),
    }


def _end_grants(rng: np.random.Generator, draft: dict[str, np.ndarray], as_of: dt.date) -> None:
    """End dates: drawn durations, children's measures stop at 18 (after-care at 23), and
    some still-running grants have no end date (løbende)."""
    kind, start = draft["kind"], draft["start"]
    lo = np.log(_kind_array([k.days[0] for k in CATALOGUE], kind))
    hi = np.log(_kind_array([k.days[1] for k in CATALOGUE], kind))
    planned = start + np.round(np.exp(rng.uniform(lo, hi))).astype(np.int64) - 1
    limit_age = _kind_array([k.until_age or 0 for k in CATALOGUE], kind, np.int64)
    limit = np.where(
        limit_age > 0, _birthday(draft["birth"], limit_age) - 1, np.iinfo(np.int64).max
    )
    end = np.minimum(planned, limit)
    once = _kind_array([k.unit == "once" for k in CATALOGUE], kind, bool)
    end = np.where(once, start, end)
    open_share = _kind_array([k.open_share for k in CATALOGUE], kind)
    running = (end >= _days(as_of)) & (end == planned) & ~once
    draft["end"] = end
    draft["open"] = running & (rng.random(kind.size) < open_share)


def _registered(rng: np.random.Generator, start: np.ndarray, as_of: int) -> np.ndarray:
    """Usually the start day; 20 % registered late (1-30 days), 10 % decided ahead (1-45 days);
    never after ``as_of``, the day of the export."""
    draw = rng.random(start.size)
    late, ahead = rng.integers(1, 31, start.size), rng.integers(1, 46, start.size)
    registered = np.where(draw < 0.2, start + late, np.where(draw < 0.3, start - ahead, start))
    future = start > as_of
    registered = np.where(
        future, np.minimum(registered, as_of - rng.integers(0, 30, start.size)), registered
    )
    return np.minimum(registered, as_of)


def _citizen_attributes(
    rng: np.random.Generator, draft: dict[str, np.ndarray], n_citizens: int
) -> None:
    """Team, caseworker and (children) family per citizen, from the citizen's first grant."""
    first_kind = draft["kind"][:n_citizens]
    team = np.empty(n_citizens, dtype=np.int64)
    for i, kind in enumerate(CATALOGUE):
        rows = np.flatnonzero(first_kind == i)
        options = np.array([TEAMS.index(t) for t in kind.teams])
        team[rows] = options[rng.integers(0, options.size, rows.size)]
    caseworker = _caseworkers(rng, team)
    family = _families(rng, team, draft["start"][:n_citizens], first_kind)
    citizen = draft["citizen"]
    draft["team"], draft["caseworker"], draft["family"] = (
        team[citizen],
        caseworker[citizen],
        family[citizen],
    )
    draft["citizen_number"] = rng.permutation(n_citizens)[citizen] + 1


def _caseworkers(rng: np.random.Generator, team: np.ndarray) -> np.ndarray:
    """A caseworker index per citizen; caseworkers belong to one team and have unique initials."""
    counts = np.bincount(team, minlength=len(TEAMS))
    pools = np.maximum(2, np.ceil(counts / CITIZENS_PER_CASEWORKER)).astype(np.int64)
    offsets = np.concatenate([[0], np.cumsum(pools)[:-1]])
    return offsets[team] + np.floor(rng.random(team.size) * pools[team]).astype(np.int64)


def _families(
    rng: np.random.Generator, team: np.ndarray, start: np.ndarray, kind: np.ndarray
) -> np.ndarray:
    """Family number per citizen (-1 for adults): children of one team whose first measures
    start close together are grouped into households of 1-4."""
    family = np.full(team.size, -1, dtype=np.int64)
    child = np.flatnonzero(_kind_array([k.area == CHILDREN for k in CATALOGUE], kind, bool))
    if child.size == 0:
        return family
    order = child[np.lexsort((start[child], team[child]))]
    sorted_team = team[order]
    position = np.arange(order.size)
    team_first = np.concatenate([[0], np.flatnonzero(np.diff(sorted_team)) + 1])
    rank = position - team_first[np.searchsorted(team_first, position, side="right") - 1]
    sizes = rng.choice([1, 2, 3, 4], size=order.size, p=[0.72, 0.2, 0.06, 0.02])
    block = np.searchsorted(np.cumsum(sizes), rank, side="right")
    _, number = np.unique(sorted_team * (order.size + 1) + block, return_inverse=True)
    family[order] = number
    return family


# --- providers and prices -------------------------------------------------------------------


def _providers(
    rng: np.random.Generator, kind: np.ndarray, towns: pl.DataFrame, home: int
) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """Provider register (one pool of offers per service kind and provider type) and the
    provider index of each grant; popular offers get more grants."""
    counts = np.bincount(kind, minlength=len(CATALOGUE))
    weights = np.array([k.providers for k in CATALOGUE])
    per_kind = np.clip(np.round(1 + np.sqrt(counts) / 1.5), 2, 400)
    pool = np.where(weights > 0, np.maximum(1, np.round(weights * per_kind[:, None])), 0).astype(
        np.int64
    )
    offsets = np.concatenate([[0], np.cumsum(pool.ravel())[:-1]]).reshape(pool.shape)
    cumulative = np.cumsum(weights / weights.sum(axis=1, keepdims=True), axis=1)[kind]
    ptype = np.minimum((rng.random(kind.size)[:, None] > cumulative).sum(axis=1), 3)
    size = pool[kind, ptype]
    chosen = offsets[kind, ptype] + np.floor(size * rng.random(kind.size) ** 1.6).astype(np.int64)
    provider_kind = np.repeat(np.repeat(np.arange(len(CATALOGUE)), 4), pool.ravel())
    provider_type = np.repeat(np.tile(np.arange(4), len(CATALOGUE)), pool.ravel())
    arrays: dict[str, np.ndarray] = {"kind": provider_kind, "type": provider_type}
    arrays["tariff"] = _tariffs(rng, provider_kind)
    low, high = (
        _kind_array([k.capacity[i] for k in CATALOGUE], provider_kind, np.int64) for i in (0, 1)
    )
    arrays["capacity"] = rng.integers(low, high + 1)
    arrays["municipality"] = _provider_towns(rng, provider_type, towns, home)
    arrays["prefix"] = rng.random(provider_kind.size)
    arrays["place"] = rng.integers(0, len(PLACES), provider_kind.size)
    return arrays, chosen


def _tariffs(rng: np.random.Generator, kind: np.ndarray) -> np.ndarray:
    low = _kind_array([k.price[0] for k in CATALOGUE], kind)
    high = _kind_array([k.price[1] for k in CATALOGUE], kind)
    coarse = _kind_array([k.unit in ("month", "year", "once") for k in CATALOGUE], kind, bool)
    tariff = rng.uniform(low, high)
    return np.where(coarse, np.round(tariff), np.round(tariff * 100) / 100)


def _provider_towns(
    rng: np.random.Generator, ptype: np.ndarray, towns: pl.DataFrame, home: int
) -> np.ndarray:
    """Index into ``towns``: own offers at home, regional ones in the home region, other
    municipalities' and private offers mostly in the home region."""
    region = towns["region_code"].to_numpy()
    nearby = np.flatnonzero(region == region[home])
    anywhere = rng.integers(0, region.size, ptype.size)
    near = nearby[rng.integers(0, nearby.size, ptype.size)]
    stay_near = rng.random(ptype.size) < np.where(ptype == PROVIDER_TYPES.index(PRIVATE), 0.6, 0.75)
    town = np.where(stay_near, near, anywhere)
    town = np.where(ptype == PROVIDER_TYPES.index(REGION), near, town)
    other = ptype == PROVIDER_TYPES.index(OTHER)
    town = np.where(other & (town == home), (town + 1) % region.size, town)
    return np.where(ptype == PROVIDER_TYPES.index(OWN), home, town)


def _price_grants(
    rng: np.random.Generator, draft: dict[str, np.ndarray], providers: dict[str, np.ndarray]
) -> None:
    """Price = the provider's tariff; a quarter of grants carry an individual supplement or
    discount (0.9-1.25). Quantity: hours per week for hourly services, else 1."""
    kind = draft["kind"]
    tariff = providers["tariff"][draft["provider"]]
    adjust = np.where(rng.random(kind.size) < 0.25, rng.uniform(0.9, 1.25, kind.size), 1.0)
    draft["price"] = np.round(tariff * adjust * 100) / 100
    quantity = np.ones(kind.size)
    for i, service in enumerate(CATALOGUE):
        rows = np.flatnonzero(kind == i)
        values = np.array([q for q, _ in service.quantity])
        weights = np.array([w for _, w in service.quantity])
        quantity[rows] = values[rng.choice(values.size, size=rows.size, p=weights / weights.sum())]
    draft["quantity"] = quantity


def _dates(days: np.ndarray) -> pl.Series:
    return pl.Series(days.astype(np.int32)).cast(pl.Date)


def _text(values: list[str], index: np.ndarray) -> pl.Series:
    return pl.Series(values, dtype=pl.String).gather(index)


def _ids(prefix: str, count: int, width: int, null_first: bool = False) -> pl.Series:
    """``prefix`` + 1 … ``count`` zero-padded; with ``null_first`` a null at index 0, so that
    gathering at ``index + 1`` turns index -1 into null."""
    ids = pl.select(
        pl.concat_str(pl.lit(prefix), pl.int_range(1, count + 1).cast(pl.String).str.zfill(width))
    )
    series = ids.to_series()
    return pl.concat([pl.Series([None], dtype=pl.String), series]) if null_first else series


def _initials(count: int) -> list[str]:
    """Deterministic, unique caseworker initials (three letters, four when many)."""
    letters = 3 if count <= 5000 else 4
    codes_ = np.random.default_rng(count).choice(26**letters, size=count, replace=False)
    return ["".join(chr(65 + (c // 26**p) % 26) for p in reversed(range(letters))) for c in codes_]


def _in_grant_order(draft: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Rows by start day, as a case system numbers its grants; the row is the grant number."""
    start, citizen = draft["start"], draft["citizen_number"]
    first = int(start.min()) if start.size else 0
    key = ((start - first) * len(CATALOGUE) + draft["kind"]) * (citizen.size + 1) + citizen
    order = np.argsort(key, kind="stable")
    return {name: values[order] for name, values in draft.items()}


def _grant_frame(d: dict[str, np.ndarray], providers: dict[str, np.ndarray]) -> pl.DataFrame:
    kind = d["kind"]
    is_child = _kind_array([k.area == CHILDREN for k in CATALOGUE], kind, bool)
    before_bl = is_child & (d["start"] < _days(BARNETS_LOV))
    paragraphs = [k.paragraph for k in CATALOGUE] + [
        k.old_paragraph or k.paragraph for k in CATALOGUE
    ]
    n_caseworkers = int(d["caseworker"].max()) + 1 if kind.size else 0
    citizens = int(d["citizen_number"].max(initial=0))
    families = int(d["family"].max(initial=-1)) + 1
    return pl.DataFrame(
        {
            "grant_id": _ids("B-", kind.size, 7),
            "citizen_id": _ids("DEMO-", citizens, max(6, len(str(citizens)))).gather(
                d["citizen_number"] - 1
            ),
            "family_id": _ids("F-", families, 5, null_first=True).gather(d["family"] + 1),
            "birth_date": _dates(d["birth"]),
            "area": _text([k.area for k in CATALOGUE], kind),
            "paragraph": _text(paragraphs, np.where(before_bl, kind + len(CATALOGUE), kind)),
            "service": _text([k.service for k in CATALOGUE], kind),
            "provider_id": _ids("L-", providers["kind"].size, 4).gather(d["provider"]),
            "provider_type": _text(list(PROVIDER_TYPES), providers["type"][d["provider"]]),
            "account": _text([k.account for k in CATALOGUE], kind),
            "start": _dates(d["start"]),
            "end": _dates(np.where(d["open"], 0, d["end"])).set(pl.Series(d["open"]), None),
            "price": d["price"],
            "price_unit": _text([k.unit for k in CATALOGUE], kind),
            "quantity": d["quantity"],
            "registered": _dates(d["registered"]),
            "caseworker": _text(_initials(n_caseworkers), d["caseworker"]),
            "team": _text(list(TEAMS), d["team"]),
        }
    )


def _provider_frame(arrays: dict[str, np.ndarray]) -> pl.DataFrame:
    kind = arrays["kind"]
    prefixes = [p for k in CATALOGUE for p in k.names]
    first_prefix = np.cumsum([0] + [len(k.names) for k in CATALOGUE])[:-1]
    n_names = np.array([len(k.names) for k in CATALOGUE])
    prefix = first_prefix[kind] + np.floor(arrays["prefix"] * n_names[kind]).astype(np.int64)
    codes_ = municipalities()["code"]
    frame = pl.DataFrame(
        {
            "_prefix": _text(prefixes, prefix),
            "_place": _text(list(PLACES), arrays["place"]),
            "provider_type": _text(list(PROVIDER_TYPES), arrays["type"]),
            "municipality_code": codes_.gather(arrays["municipality"]),
            "offer_type": _text([k.offer_type for k in CATALOGUE], kind),
            "capacity": arrays["capacity"].astype(np.int64),
            "tariff": arrays["tariff"],
            "tariff_unit": _text([k.unit for k in CATALOGUE], kind),
        }
    )
    frame = frame.with_columns(pl.concat_str("_prefix", pl.lit(" "), "_place").alias("_name"))
    # The same name twice gets a number: "Bostedet Engly 2".
    repeat = pl.int_range(pl.len()).over("_name")
    return frame.select(
        _ids("L-", kind.size, 4).alias("provider_id"),
        pl.when(repeat > 0)
        .then(pl.concat_str(pl.col("_name"), pl.lit(" "), (repeat + 1).cast(pl.String)))
        .otherwise(pl.col("_name"))
        .alias("name"),
        "provider_type",
        "municipality_code",
        "offer_type",
        "capacity",
        "tariff",
        "tariff_unit",
    )


# --- ledger and budgets ---------------------------------------------------------------------

UNIT_CODES = ("day", "week", "hour", "month", "year", "once")


def month_costs(
    start: np.ndarray,
    end: np.ndarray,
    unit: np.ndarray,
    price: np.ndarray,
    quantity: np.ndarray,
    first_month: int,
    last_month: int,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each grant's cost in each calendar month it touches between two months (months since
    1970-01, inclusive): ``(grant row, month, cost)``.

    The rule of ``forecast.md`` (``core.costs``) restricted to one month, in numpy because the
    ledger needs it for millions of grant-months; ``end`` is the last day (open-ended grants:
    any day after the window) and ``unit`` an index into ``UNIT_CODES``."""
    once = unit == UNIT_CODES.index("once")
    end = np.where(once, start, end)
    first = np.maximum(_month(start), first_month)
    last = np.minimum(_month(end), last_month)
    count = np.clip(last - first + 1, 0, None)
    row = np.repeat(np.arange(start.size), count)
    month = first[row] + np.arange(row.size) - np.repeat(np.cumsum(count) - count, count)
    m_first, m_next = _first_day(month), _first_day(month + 1)
    days = (np.minimum(m_next - 1, end[row]) - np.maximum(m_first, start[row]) + 1).astype(
        np.float64
    )
    year_days = (_new_year(month // 12 + 1) - _new_year(month // 12)).astype(np.float64)
    p, u = price[row] * quantity[row], unit[row]
    per_unit = np.array([1.0, 1 / 7, 1 / 7, np.nan, np.nan, 0.0])[u]
    cost = np.select(
        [
            u == UNIT_CODES.index("month"),
            u == UNIT_CODES.index("year"),
            u == UNIT_CODES.index("once"),
        ],
        [p * days / (m_next - m_first), p * days / year_days, p],
        p * days * per_unit,
    )
    return row, month, cost


def _postings(
    rng: np.random.Generator,
    draft: dict[str, np.ndarray],
    grant_ids: pl.Series,
    year: int,
    as_of: dt.date,
) -> pl.DataFrame:
    """Monthly payments of every grant from 1 January to ``as_of``, plus a few corrections.

    Placements (day, month, year prices) are paid in advance early in the month, hourly
    services and one-off grants in arrears the month after (so December's reach January);
    each payment is the grant's cost in that month with a little noise. ``grant_ids``: null,
    then the grant ids in row order."""
    kind = draft["kind"]
    window = (
        _month(np.array([_days(dt.date(year - 1, 12, 1))]))[0],
        _month(np.array([_days(as_of)]))[0],
    )
    unit = np.array([UNIT_CODES.index(k.unit) for k in CATALOGUE])[kind]
    end = np.where(draft["open"], _days(dt.date(year + 1, 12, 31)), draft["end"])
    row, month, cost = month_costs(
        draft["start"], end, unit, draft["price"], draft["quantity"], *window
    )
    n = row.size
    advance = np.isin(unit[row], [UNIT_CODES.index(u) for u in ("day", "month", "year")])
    day = np.where(advance, rng.integers(1, 11, n), rng.integers(5, 26, n))
    posted = np.maximum(
        _first_day(month + np.where(advance, 0, 1)) + day - 1, draft["registered"][row]
    )
    noise = np.where(rng.random(n) < 0.95, rng.uniform(0.985, 1.015, n), rng.uniform(0.8, 1.1, n))
    amount = np.round(cost * noise * 100) / 100
    keep = (posted >= _days(dt.date(year, 1, 1))) & (posted <= _days(as_of)) & (amount != 0)
    row, month, posted, amount = row[keep], month[keep], posted[keep], amount[keep]
    account = _kind_array([ACCOUNTS.index(k.account) for k in CATALOGUE], kind[row], np.int64)
    text = kind[row] * 13 + (month - window[0])
    fix_account, fix_day, fix_amount, fix_text = _corrections(rng, account, amount, year, as_of)
    days_into_year = np.concatenate([posted, fix_day]) - _days(dt.date(year, 1, 1))
    order = np.argsort(days_into_year.astype(np.int16), kind="stable")  # radix sort
    texts = [
        f"{k.service}, {MONTH_NAMES[m % 12]} {m // 12 + 1970}"
        for k in CATALOGUE
        for m in range(window[0], window[0] + 13)
    ] + list(CORRECTION_TEXTS)
    return pl.DataFrame(
        {
            "posting_id": _ids("P-", order.size, 8),
            "posting_date": _dates(np.concatenate([posted, fix_day])[order]),
            "account": _text(ACCOUNTS, np.concatenate([account, fix_account])[order]),
            "amount": np.concatenate([amount, fix_amount])[order],
            "grant_id": grant_ids.gather(
                np.concatenate([row + 1, np.zeros(fix_day.size, np.int64)])[order]
            ),
            "text": _text(texts, np.concatenate([text, fix_text + len(CATALOGUE) * 13])[order]),
        }
    )


def _corrections(
    rng: np.random.Generator, account: np.ndarray, amount: np.ndarray, year: int, as_of: dt.date
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Refunds and corrections without a grant: negative, 2.000-150.000 kr., on accounts in
    proportion to their spending; ``(account, day, amount, text)``."""
    spend = np.bincount(account, weights=amount, minlength=len(ACCOUNTS)).clip(0, None)
    used = int(np.count_nonzero(spend))
    if used == 0:
        empty = np.array([], dtype=np.int64)
        return empty, empty, np.array([]), empty
    n = max(2 * used, round(amount.size * 0.004))
    fix_account = rng.choice(len(ACCOUNTS), size=n, p=spend / spend.sum())
    day = rng.integers(_days(dt.date(year, 1, 1)), _days(as_of) + 1, n)
    fix_amount = -np.round(np.exp(rng.uniform(np.log(2_000), np.log(150_000), n)) * 100) / 100
    return fix_account, day, fix_amount, rng.integers(0, len(CORRECTION_TEXTS), n)


def _budgets(rng: np.random.Generator, grants: pl.DataFrame, year: int) -> pl.DataFrame:
    """Corrected budget per account within about ±12 % of the grants' cost in ``year``;
    the adopted budget a little lower; adopted budgets of the four years before, growing
    about 3.5 % a year. Whole thousands of kroner."""
    cost = (
        grants.lazy()
        .select("account", cost_expr(dt.date(year, 1, 1), dt.date(year, 12, 31)).alias("cost"))
        .group_by("account")
        .agg(pl.col("cost").sum())
        .filter(pl.col("cost") > 0)
        .sort("account")
        .collect()
    )
    n = cost.height
    corrected = cost["cost"].to_numpy() * rng.uniform(0.88, 1.08, n)
    adopted = corrected * rng.uniform(0.92, 1.02, n)
    years, kinds, amounts = [year, year], ["adopted", "corrected"], [adopted, corrected]
    for back in range(1, 5):
        years.append(year - back)
        kinds.append("adopted")
        amounts.append(adopted / 1.035**back * rng.uniform(0.96, 1.04, n))
    return pl.DataFrame(
        {
            "year": np.repeat(np.array(years, dtype=np.int64), n),
            "account": pl.concat([cost["account"]] * len(years)),
            "kind": pl.Series(np.repeat(kinds, n).tolist(), dtype=pl.String),
            "amount": np.round(np.concatenate(amounts) / 1000) * 1000,
        }
    )


# --- files ----------------------------------------------------------------------------------

STYLES = {
    # delimiter, decimal comma, date format, byte-order mark
    "danish": (";", True, "%d-%m-%Y", True),
    "plain": (",", False, "%Y-%m-%d", False),
}
FILES: tuple[tuple[str, FileLayout], ...] = (
    ("grants", GRANTS),
    ("budgets", BUDGETS),
    ("postings", POSTINGS),
    ("providers", PROVIDERS),
)
CODE_LABELS = {  # the core's codes → the Danish codes of import-format.md
    "area": terms.AREAS.file_codes,
    "price_unit": terms.PRICE_UNITS.file_codes,
    "tariff_unit": terms.PRICE_UNITS.file_codes,
    "provider_type": terms.PROVIDER_TYPES.file_codes,
    "kind": terms.BUDGET_KINDS.file_codes,
}


def write_files(demo: DemoMunicipality, folder: Path, style: str = "danish") -> dict[str, Path]:
    """Write the four import files of ``import-format.md`` to ``folder``: file kind name → path.

    ``danish``: ``;``, decimal comma, ``dd-mm-åååå``, UTF-8 with BOM. ``plain``: ``,``, decimal
    point, ISO dates, UTF-8. Canonical headers in the spec's column order, Danish codes,
    amounts with two decimals and no thousands grouping."""
    if style not in STYLES:
        raise ValueError(f"Unknown style {style!r}; use one of {sorted(STYLES)}")
    delimiter, decimal_comma, date_format, bom = STYLES[style]
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    for attribute, kind in FILES:
        frame: pl.DataFrame = getattr(demo, attribute)
        fields = [c.field for c in kind.columns if c.field in frame.columns]
        out = frame.select(
            (
                pl.col(f).replace_strict(CODE_LABELS[f], return_dtype=pl.String)
                if f in CODE_LABELS
                else pl.col(f)
            ).alias(kind.column(f).name)
            for f in fields
        )
        path = folder / f"{kind.name}.csv"
        out.write_csv(
            path,
            separator=delimiter,
            include_bom=bom,
            null_value="",
            date_format=date_format,
            float_precision=2,
            float_scientific=False,
            decimal_comma=decimal_comma,
        )
        written[kind.name] = path
    return written


__all__ = [
    "CATALOGUE",
    "DemoMunicipality",
    "ServiceKind",
    "default_grant_count",
    "generate",
    "write_files",
]

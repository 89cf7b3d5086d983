"""The service catalogue: the kinds of grant, their paragraphs, accounts, prices and providers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

CHILDREN, ADULTS = "children", "adults"
OWN, OTHER, REGION, PRIVATE = "own", "other_municipality", "region", "private"
PROVIDER_TYPES = (OWN, OTHER, REGION, PRIVATE)

B_NORD, B_SYD, B_HANDICAP = "Børn Nord", "Børn Syd", "Børn Handicap"
V_HANDICAP, V_PSYKIATRI, V_UDSATTE = "Voksen Handicap", "Voksen Psykiatri", "Voksen Socialt udsatte"
TEAMS = (B_NORD, B_SYD, B_HANDICAP, V_HANDICAP, V_PSYKIATRI, V_UDSATTE)

BARNETS_LOV = dt.date(2024, 1, 1)  # children's grants started before this cite Serviceloven


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


def kind_values(values: list[object], kind: np.ndarray, dtype: type = np.float64) -> np.ndarray:
    """``values`` holds one entry per catalogue kind; look it up for each row of ``kind``."""
    return np.asarray(values, dtype=dtype)[kind]

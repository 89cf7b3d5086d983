"""The regional demo: the 11 North Jutland municipalities and the region, offers run by
several of them, places bought across borders, five years of grants, a year of accounts
with a surplus like the agreement's example, two offers at risk (Birken and Kvisten,
seed 001's nødspor), each municipality's population by age and a Børnehus financed
60 % objectively. Deterministic for a seed; files in the import format."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import polars as pl

from socialstyring.demo.files import CODE_LABELS
from socialstyring.demo.management import population_csv
from socialstyring.io.schema import (
    GRANTS,
    OFFER_ACCOUNTS,
    OFFER_BUDGETS,
    PROVIDERS,
    TENANT,
    FileLayout,
)

# kommunekode → (name, inhabitants, roughly): who buys how much.
MUNICIPALITIES = {
    "773": ("Morsø", 20_000),
    "787": ("Thisted", 43_000),
    "810": ("Brønderslev", 36_000),
    "813": ("Frederikshavn", 58_000),
    "820": ("Vesthimmerlands", 36_000),
    "825": ("Læsø", 1_800),
    "840": ("Rebild", 30_000),
    "846": ("Mariagerfjord", 41_000),
    "849": ("Jammerbugt", 38_000),
    "851": ("Aalborg", 220_000),
    "860": ("Hjørring", 64_000),
}
# The region's rows (its offers' budgets and accounts) carry the region's own code: the
# last three digits of its region code (1081), not a municipality's.
REGION_TENANT = "081"
REGION = "region"


@dataclass(frozen=True)
class Offer:
    offer_id: str
    name: str
    operator: str  # a kommunekode or REGION
    target_group: str
    places: int
    tariff: float  # kr. a day
    occupancy: float  # the share of places the demo fills
    adults: bool
    tariff_rise: float = 0.02  # from last year's tariff to this year's
    results: tuple[float, float, float] = (0.01, -0.01, 0.02)  # result % of budget, Y-3..Y-1
    capacity_to: dt.date | None = None


OFFERS = (
    Offer(
        "NJ-BIRKEN", "Birken", "851", "selvskade", 8, 4900, 0.55, False, 0.03, (-0.03, -0.04, -0.02)
    ),
    Offer(
        "NJ-KVISTEN",
        "Kvisten",
        REGION,
        "born_handicap",
        10,
        5200,
        0.62,
        False,
        0.02,
        (-0.02, -0.05, -0.03),
        dt.date(2027, 6, 30),
    ),
    Offer(
        "NJ-SOLSIKKEN",
        "Solsikken",
        "860",
        "voksne_handicap",
        10,
        2400,
        0.95,
        True,
        0.02,
        (0.01, 0.0, 0.01),
    ),
    Offer("NJ-EGEBAKKEN", "Egebakken", "851", "voksne_handicap", 40, 2100, 0.92, True),
    Offer("NJ-HAVBAKKEN", "Havbakken", "813", "socialpsykiatri", 18, 1900, 0.97, True),
    Offer("NJ-FJORDGLIMT", "Fjordglimt", "787", "udviklingshaemning_demens", 12, 2600, 1.0, True),
    Offer("NJ-LYNGBO", "Lyngbo", "846", "born_anbragt", 14, 3800, 0.97, False, 0.065),
    Offer("NJ-BAKKEGAARDEN", "Bakkegården", REGION, "udviklingshaemning_dom", 10, 6500, 1.0, True),
    Offer("NJ-NORDLYS", "Nordlys", REGION, "spiseforstyrrelser", 6, 5800, 1.0, True),
    Offer("NJ-ROSENGAARDEN", "Rosengården", "851", "gravide_rusmiddel", 6, 4200, 1.0, True),
    Offer("NJ-ENGLY", "Engly", "810", "socialpsykiatri", 10, 1800, 1.0, True),
)
# Offers outside the region, bought privately (the bring-home list's source).
PRIVATE = (
    Offer("PR-VESTKYSTEN", "Opholdsstedet Vestkysten", "", "born_anbragt", 0, 4600, 0, False),
    Offer("PR-MIDT", "Privat bosted Midt", "", "voksne_handicap", 0, 3100, 0, True),
    Offer("PR-SYD", "Socialpsykiatrisk bosted Syd", "", "socialpsykiatri", 0, 2700, 0, True),
)
PRIVATE_PLACES = {"PR-VESTKYSTEN": 6, "PR-MIDT": 8, "PR-SYD": 6}  # the region's citizens there
SETTLED_BUDGET = 8_000_000.0  # Solsikken's accounts year like the agreement's example

# The demo's users (password "demo"): username, first name, role, municipality.
USERS = (
    ("sekretariat", "Socialaftalesekretariatet", "secretariat", "851"),
    ("aalborg", "Økonomi Aalborg", "finance", "851"),
    ("hjoerring", "Økonomi Hjørring", "finance", "860"),
    ("frederikshavn", "Direktion Frederikshavn", "reader", "813"),
)
# The agreement's shared task financed 60 % objectively, 40 % per case (the Børnehuse's
# model): region code, offer id, name, years, objective %, yearly amount (kr.).
OBJECTIVE_FINANCING = (("1081", "NJ-BOERNEHUS", "Børnehus Nord", 2024, 2028, 60.0, 9_500_000.0),)
SPECIAL_TERMS = (  # Nordlys opened under the agreement's special terms
    ("NJ-NORDLYS", "lower_occupancy", 2025, 2027, 75.0, ""),
    ("NJ-NORDLYS", "objective_start_up", 2025, 2026, None, ",".join(MUNICIPALITIES)),
    ("NJ-NORDLYS", "collective_deficit", 2025, 2027, None, "851,860,813,846"),
)


@dataclass(frozen=True)
class RegionDemo:
    grants: pl.DataFrame  # with the buying municipality (``municipality``)
    providers: pl.DataFrame  # every municipality's register (``municipality``)
    offer_budgets: pl.DataFrame
    offer_accounts: pl.DataFrame
    population: dict[str, str]  # kommunekode → its befolkning file (five years)


def _buyers(rng: np.random.Generator, offer: Offer, n: int) -> np.ndarray:
    codes = np.array(list(MUNICIPALITIES))
    weights = np.array([people for _, people in MUNICIPALITIES.values()], dtype=float)
    drawn = rng.choice(codes, size=n, p=weights / weights.sum())
    if offer.operator in MUNICIPALITIES:  # half of a municipality's places are its own
        own = rng.random(n) < 0.5
        drawn = np.where(own, offer.operator, drawn)
    return drawn


def _slots(rng: np.random.Generator, offer: Offer, places: int, as_of: dt.date) -> list[tuple]:
    """Stays that follow each other in each place, from five years back to after as_of:
    (start, end or None)."""
    first = dt.date(as_of.year - 4, 1, 1)
    stays = []
    for _slot in range(places):
        day = first - dt.timedelta(days=int(rng.integers(0, 400)))
        while day <= as_of:
            length = int(rng.integers(200, 1400))
            end = day + dt.timedelta(days=length)
            stays.append((day, None if end > as_of else end))
            day = end + dt.timedelta(days=int(rng.integers(1, 15)))
    return stays


def _grants(rng: np.random.Generator, as_of: dt.date) -> pl.DataFrame:
    rows = []
    for offer in (*OFFERS, *PRIVATE):
        places = PRIVATE_PLACES.get(offer.offer_id) or round(offer.places * offer.occupancy)
        stays = _slots(rng, offer, places, as_of)
        buyers = _buyers(rng, offer, len(stays))
        for (start, end), buyer in zip(stays, buyers, strict=True):
            age = rng.integers(20, 70) if offer.adults else rng.integers(8, 16)
            birth = start - dt.timedelta(days=int(age * 365.25 + rng.integers(0, 365)))
            rows.append((buyer, offer, start, end, birth))
    n = len(rows)
    return pl.DataFrame(
        {
            TENANT: [r[0] for r in rows],
            "grant_id": [f"NJ-{i:06d}" for i in range(n)],
            "citizen_id": [f"NJ-{r[0]}-{i:05d}" for i, r in enumerate(rows)],
            "birth_date": [r[4] for r in rows],
            "area": ["adults" if r[1].adults else "children" for r in rows],
            "paragraph": ["SEL § 108" if r[1].adults else "BL § 46" for r in rows],
            "service": ["Botilbud" if r[1].adults else "Døgnophold" for r in rows],
            "provider_id": [r[1].offer_id for r in rows],
            "account": ["5.38.50" if r[1].adults else "5.28.23" for r in rows],
            "start": [r[2] for r in rows],
            "end": [r[3] for r in rows],
            "price": [float(r[1].tariff) for r in rows],
            "price_unit": ["day"] * n,
            "quantity": [1.0] * n,
        }
    )


def _providers() -> pl.DataFrame:
    """Each municipality's register lists every offer of the region and the private ones."""
    rows = []
    for code in MUNICIPALITIES:
        for offer in (*OFFERS, *PRIVATE):
            kind = (
                "private"
                if not offer.operator
                else "region"
                if offer.operator == REGION
                else "own"
                if offer.operator == code
                else "other_municipality"
            )
            where = offer.operator if offer.operator in MUNICIPALITIES else None
            rows.append(
                {
                    TENANT: code,
                    "provider_id": offer.offer_id,
                    "name": offer.name,
                    "provider_type": kind,
                    "municipality_code": where,
                    "capacity": offer.places or None,
                    "tariff": float(offer.tariff),
                    "tariff_unit": "day",
                    "target_group": offer.target_group,
                    "capacity_to": offer.capacity_to,
                }
            )
    return pl.DataFrame(rows, schema_overrides={"capacity_to": pl.Date})


def _tenant(offer: Offer) -> str:
    return REGION_TENANT if offer.operator == REGION else offer.operator


def _offer_budgets(year: int) -> pl.DataFrame:
    rows = []
    for offer in OFFERS:
        direct = offer.tariff * offer.places * 365 * 0.9 / 1.06
        for y, factor in ((year - 1, 1 / (1 + offer.tariff_rise)), (year, 1.0)):
            rows.append(
                {
                    "offer_id": offer.offer_id,
                    "year": y,
                    "places": offer.places,
                    "direct_costs": round(direct * factor, -3),
                    "depreciation": round(direct * 0.02, -3),
                    "interest": round(direct * 0.005, -3),
                    "occupancy_1": round(offer.occupancy * 100 + 1, 1),
                    "occupancy_2": round(offer.occupancy * 100 - 1, 1),
                    "tariff_unit": "day",
                    TENANT: _tenant(offer),
                }
            )
    return pl.DataFrame(rows)


def _offer_accounts(year: int) -> pl.DataFrame:
    rows = []
    for offer in OFFERS:
        for y, result in zip(range(year - 3, year), offer.results, strict=True):
            budget = offer.tariff * offer.places * 365 * 0.9
            if offer.offer_id == "NJ-SOLSIKKEN" and y == year - 2:
                budget, income, costs = SETTLED_BUDGET, 8_418_000.0, 7_648_000.0
            elif offer.offer_id == "NJ-SOLSIKKEN":
                budget = SETTLED_BUDGET
                income, costs = budget * (1 + result), budget
            else:
                budget = round(budget, -3)
                income, costs = round(budget * (1 + result), -3), budget
            rows.append(
                {
                    "offer_id": offer.offer_id,
                    "year": y,
                    "budget": budget,
                    "income": income,
                    "costs": costs,
                    TENANT: _tenant(offer),
                }
            )
    return pl.DataFrame(rows)


def generate_region(*, seed: int = 2026, as_of: dt.date) -> RegionDemo:
    rng = np.random.default_rng(seed)
    return RegionDemo(
        _grants(rng, as_of),
        _providers(),
        _offer_budgets(as_of.year),
        _offer_accounts(as_of.year),
        {
            code: population_csv(code, as_of.year, people, seed=seed + int(code))
            for code, (_name, people) in MUNICIPALITIES.items()
        },
    )


def _write(frame: pl.DataFrame, layout: FileLayout, path: Path) -> Path:
    fields = [c.field for c in layout.columns if c.field in frame.columns]
    frame.select(
        (
            pl.col(f).replace_strict(CODE_LABELS[f], return_dtype=pl.String)
            if f in CODE_LABELS
            else pl.col(f)
        ).alias(layout.column(f).name)
        for f in fields
    ).write_csv(path, null_value="", date_format="%Y-%m-%d", float_precision=2)
    return path


def write_region_files(demo: RegionDemo, folder: Path) -> dict[str, list[Path]]:
    """Per municipality (``kommunekode`` → its bevillinger and leverandører files), and
    ``tilbud`` → the offers' tilbudsøkonomi and tilbudsregnskab (with kommunekode)."""
    folder.mkdir(parents=True, exist_ok=True)
    written: dict[str, list[Path]] = {}
    for code in MUNICIPALITIES:
        mine = folder / code
        mine.mkdir(exist_ok=True)
        grants = demo.grants.filter(pl.col(TENANT) == code).drop(TENANT)
        providers = demo.providers.filter(pl.col(TENANT) == code).drop(TENANT)
        written[code] = [_write(providers, PROVIDERS, mine / "leverandører.csv")]
        befolkning = mine / "befolkning.csv"
        befolkning.write_text(demo.population[code], encoding="utf-8")
        written[code].append(befolkning)
        if grants.height:  # Læsø may buy no place at all
            written[code].append(_write(grants, GRANTS, mine / "bevillinger.csv"))
    written["tilbud"] = [
        _write(demo.offer_budgets, OFFER_BUDGETS, folder / "tilbudsøkonomi.csv"),
        _write(demo.offer_accounts, OFFER_ACCOUNTS, folder / "tilbudsregnskab.csv"),
    ]
    return written

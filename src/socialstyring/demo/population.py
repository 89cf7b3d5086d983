"""The population: citizens drawn with their grants, teams, caseworkers and families."""

from __future__ import annotations

import datetime as dt

import numpy as np
import polars as pl

from socialstyring.demo.catalogue import (
    ADULTS,
    BARNETS_LOV,
    CATALOGUE,
    CHILDREN,
    KIND_INDEX,
    PROVIDER_TYPES,
    TEAMS,
    kind_values,
)
from socialstyring.demo.days import birthday, day_number
from socialstyring.demo.history import start_days
from socialstyring.demo.series import date_series, id_series, text_series

GRANTS_PER_INHABITANT = 0.12  # grant rows over five years and the current one (4.800 per 40.000)
COMPANION_SHARE = 0.15  # grants added to a citizen who already has one
HISTORY_YEARS = 5
FUTURE_DAYS = 60  # grants may start up to this long after as_of (already decided)
CITIZENS_PER_CASEWORKER = 90  # over the whole history; ≈40 current cases each

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


def default_grant_count(inhabitants: int) -> int:
    """Grant rows over the whole history for a municipality of ``inhabitants``."""
    return round(inhabitants * GRANTS_PER_INHABITANT)


def draft_grants(
    rng: np.random.Generator, total: int, year: int, as_of: dt.date
) -> dict[str, np.ndarray]:
    """Grant rows as numpy arrays: first grants of new citizens, further grants of some."""
    first = day_number(dt.date(year - HISTORY_YEARS, 1, 1))
    last = day_number(as_of) + FUTURE_DAYS
    shares = np.array([k.share for k in CATALOGUE])
    n_extra = round(total * COMPANION_SHARE) if total > 1 else 0  # a companion needs a host
    n_first = total - n_extra
    kind = np.repeat(np.arange(len(CATALOGUE)), rng.multinomial(n_first, shares / shares.sum()))
    kind = rng.permutation(kind)
    # More grants in recent years (spending in the area grows), and a season (history.py).
    start = start_days(rng.random(n_first), first, last)
    lo, hi = (
        kind_values([k.age[0] for k in CATALOGUE], kind),
        kind_values([k.age[1] for k in CATALOGUE], kind),
    )
    birth = start - np.floor(rng.uniform(lo, hi) * 365.25).astype(np.int64)
    citizen = np.arange(n_first)
    draft = {"kind": kind, "start": start, "birth": birth, "citizen": citizen}
    if n_extra:
        draft = _add_companions(rng, draft, n_extra, day_number(as_of))
    _end_grants(rng, draft, as_of)
    draft["registered"] = _registered(rng, draft["start"], day_number(as_of))
    _citizen_attributes(rng, draft, n_first)
    return draft


def _add_companions(
    rng: np.random.Generator, draft: dict[str, np.ndarray], n: int, as_of: int
) -> dict[str, np.ndarray]:
    """Further grants for existing citizens (a placement and a contact person, § 108 and § 104)."""
    kind, start, birth = draft["kind"], draft["start"], draft["birth"]
    after_care = kind_values([k.until_age == 23 for k in CATALOGUE], kind, bool)
    eligible = np.flatnonzero(~after_care)
    if eligible.size == 0:
        eligible = np.arange(kind.size)
    host = rng.choice(eligible, size=n, replace=n > eligible.size)
    is_child = kind_values([k.area == CHILDREN for k in CATALOGUE], kind[host], bool)
    extra_kind = np.empty(n, dtype=np.int64)
    for area, options in COMPANIONS.items():
        rows = np.flatnonzero(is_child == (area == CHILDREN))
        keys = np.array([KIND_INDEX[key] for key, _ in options])
        weights = np.array([w for _, w in options])
        pick = rng.choice(keys.size, size=rows.size, p=weights / weights.sum())
        same = keys[pick] == kind[host][rows]  # never the same service twice: take the next option
        extra_kind[rows] = keys[np.where(same, (pick + 1) % keys.size, pick)]
    extra_start = np.minimum(start[host] + rng.integers(0, 180, n), np.maximum(start[host], as_of))
    adult_age = birthday(birth[host], np.full(n, 18)) - 1
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
    lo = np.log(kind_values([k.days[0] for k in CATALOGUE], kind))
    hi = np.log(kind_values([k.days[1] for k in CATALOGUE], kind))
    planned = start + np.round(np.exp(rng.uniform(lo, hi))).astype(np.int64) - 1
    limit_age = kind_values([k.until_age or 0 for k in CATALOGUE], kind, np.int64)
    limit = np.where(limit_age > 0, birthday(draft["birth"], limit_age) - 1, np.iinfo(np.int64).max)
    end = np.minimum(planned, limit)
    once = kind_values([k.unit == "once" for k in CATALOGUE], kind, bool)
    end = np.where(once, start, end)
    open_share = kind_values([k.open_share for k in CATALOGUE], kind)
    running = (end >= day_number(as_of)) & (end == planned) & ~once
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
    child = np.flatnonzero(kind_values([k.area == CHILDREN for k in CATALOGUE], kind, bool))
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


def _initials(count: int) -> list[str]:
    """Deterministic, unique caseworker initials (three letters, four when many)."""
    letters = 3 if count <= 5000 else 4
    # A generator of its own, so that the initials do not shift the main stream of draws.
    numbers = np.random.default_rng(count).choice(26**letters, size=count, replace=False)
    return ["".join(chr(65 + (c // 26**p) % 26) for p in reversed(range(letters))) for c in numbers]


def in_grant_order(draft: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Rows by start day, as a case system numbers its grants; the row is the grant number."""
    start, citizen = draft["start"], draft["citizen_number"]
    first = int(start.min()) if start.size else 0
    key = ((start - first) * len(CATALOGUE) + draft["kind"]) * (citizen.size + 1) + citizen
    order = np.argsort(key, kind="stable")
    return {name: values[order] for name, values in draft.items()}


def grant_frame(d: dict[str, np.ndarray], providers: dict[str, np.ndarray]) -> pl.DataFrame:
    """The grants import frame, in the core's column names; ``providers``: the register arrays
    of ``providers.draw_providers``."""
    kind = d["kind"]
    is_child = kind_values([k.area == CHILDREN for k in CATALOGUE], kind, bool)
    before_bl = is_child & (d["start"] < day_number(BARNETS_LOV))
    # Second half of the table: the Serviceloven paragraph cited before Barnets lov.
    paragraphs = [k.paragraph for k in CATALOGUE] + [
        k.old_paragraph or k.paragraph for k in CATALOGUE
    ]
    n_caseworkers = int(d["caseworker"].max()) + 1 if kind.size else 0
    citizens = int(d["citizen_number"].max(initial=0))
    families = int(d["family"].max(initial=-1)) + 1
    return pl.DataFrame(
        {
            "grant_id": id_series("B-", kind.size, 7),
            "citizen_id": id_series("DEMO-", citizens, max(6, len(str(citizens)))).gather(
                d["citizen_number"] - 1
            ),
            "family_id": id_series("F-", families, 5, null_first=True).gather(d["family"] + 1),
            "birth_date": date_series(d["birth"]),
            "area": text_series([k.area for k in CATALOGUE], kind),
            "paragraph": text_series(paragraphs, np.where(before_bl, kind + len(CATALOGUE), kind)),
            "service": text_series([k.service for k in CATALOGUE], kind),
            "provider_id": id_series("L-", providers["kind"].size, 4).gather(d["provider"]),
            "provider_type": text_series(list(PROVIDER_TYPES), providers["type"][d["provider"]]),
            "account": text_series([k.account for k in CATALOGUE], kind),
            "start": date_series(d["start"]),
            "end": date_series(np.where(d["open"], 0, d["end"])).set(pl.Series(d["open"]), None),
            "price": d["price"],
            "price_unit": text_series([k.unit for k in CATALOGUE], kind),
            "quantity": d["quantity"],
            "registered": date_series(d["registered"]),
            "caseworker": text_series(_initials(n_caseworkers), d["caseworker"]),
            "team": text_series(list(TEAMS), d["team"]),
        }
    )

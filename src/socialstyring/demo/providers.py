"""The providers: the offers the municipality buys from, their tariffs, and grants' prices."""

from __future__ import annotations

import numpy as np
import polars as pl

from socialstyring.demo.catalogue import (
    CATALOGUE,
    OTHER,
    OWN,
    PRIVATE,
    PROVIDER_TYPES,
    REGION,
    kind_values,
)
from socialstyring.demo.series import id_series, text_series
from socialstyring.reference import municipalities

# Made-up place names; a provider is named prefix + place: "Bostedet Engly".
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


def draw_providers(
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
    # The first type whose cumulative weight exceeds the draw; the cap guards rounding at 1.0.
    ptype = np.minimum(
        (rng.random(kind.size)[:, None] > cumulative).sum(axis=1), len(PROVIDER_TYPES) - 1
    )
    size = pool[kind, ptype]
    chosen = offsets[kind, ptype] + np.floor(size * rng.random(kind.size) ** 1.6).astype(np.int64)
    types = len(PROVIDER_TYPES)
    provider_kind = np.repeat(np.repeat(np.arange(len(CATALOGUE)), types), pool.ravel())
    provider_type = np.repeat(np.tile(np.arange(types), len(CATALOGUE)), pool.ravel())
    arrays: dict[str, np.ndarray] = {"kind": provider_kind, "type": provider_type}
    arrays["tariff"] = _tariffs(rng, provider_kind)
    low, high = (
        kind_values([k.capacity[i] for k in CATALOGUE], provider_kind, np.int64) for i in (0, 1)
    )
    arrays["capacity"] = rng.integers(low, high + 1)
    arrays["municipality"] = _provider_towns(rng, provider_type, towns, home)
    arrays["prefix"] = rng.random(provider_kind.size)
    arrays["place"] = rng.integers(0, len(PLACES), provider_kind.size)
    return arrays, chosen


def _tariffs(rng: np.random.Generator, kind: np.ndarray) -> np.ndarray:
    """A tariff per provider within its kind's range; whole kroner for coarse units."""
    low = kind_values([k.price[0] for k in CATALOGUE], kind)
    high = kind_values([k.price[1] for k in CATALOGUE], kind)
    coarse = kind_values([k.unit in ("month", "year", "once") for k in CATALOGUE], kind, bool)
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


def price_grants(
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


def provider_frame(arrays: dict[str, np.ndarray]) -> pl.DataFrame:
    """The provider register as the providers import frame, in the core's column names."""
    kind = arrays["kind"]
    prefixes = [p for k in CATALOGUE for p in k.names]
    first_prefix = np.cumsum([0] + [len(k.names) for k in CATALOGUE])[:-1]
    n_names = np.array([len(k.names) for k in CATALOGUE])
    prefix = first_prefix[kind] + np.floor(arrays["prefix"] * n_names[kind]).astype(np.int64)
    codes_ = municipalities()["code"]
    frame = pl.DataFrame(
        {
            "_prefix": text_series(prefixes, prefix),
            "_place": text_series(list(PLACES), arrays["place"]),
            "provider_type": text_series(list(PROVIDER_TYPES), arrays["type"]),
            "municipality_code": codes_.gather(arrays["municipality"]),
            "offer_type": text_series([k.offer_type for k in CATALOGUE], kind),
            "capacity": arrays["capacity"].astype(np.int64),
            "tariff": arrays["tariff"],
            "tariff_unit": text_series([k.unit for k in CATALOGUE], kind),
        }
    )
    frame = frame.with_columns(pl.concat_str("_prefix", pl.lit(" "), "_place").alias("_name"))
    # The same name twice gets a number: "Bostedet Engly 2".
    repeat = pl.int_range(pl.len()).over("_name")
    return frame.select(
        id_series("L-", kind.size, 4).alias("provider_id"),
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

"""Occupancy per offer per month and sales between municipalities, for a region of 11
municipalities and 300.000 grants: the vectorised core against a plain Python loop over
the grants in the same run (the two must agree). Usage: python bench/regional.py [N]"""

from __future__ import annotations

import calendar
import datetime as dt
import sys

import numpy as np
import polars as pl
from common import AS_OF, YEAR, emit, summary, timed, with_cpr_keys

from socialstyring.core import regional
from socialstyring.demo.region import MUNICIPALITIES, OFFERS, REGION

UNITS = ("day", "month", "week", "hour")


def region_grants(n: int, seed: int = 13) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Grants of the 11 municipalities at the demo region's offers (and a share at offers
    not in the register), drawn as an export would hold them: citizens keyed by CPR."""
    rng = np.random.default_rng(seed)
    codes = np.array(list(MUNICIPALITIES))
    weights = np.array([p for _, p in MUNICIPALITIES.values()], dtype=float)
    offer_ids = np.array([o.offer_id for o in OFFERS] + ["PRIVATE-1", "PRIVATE-2"])
    start = np.datetime64(f"{YEAR - 4}-01-01") + rng.integers(0, 5 * 365, n).astype(
        "timedelta64[D]"
    )
    length = rng.integers(20, 1500, n).astype("timedelta64[D]")
    open_ended = rng.random(n) < 0.3
    birth = start - (rng.integers(7, 70, n) * 365).astype("timedelta64[D]")
    grants = pl.DataFrame(
        {
            "municipality": rng.choice(codes, n, p=weights / weights.sum()),
            "grant_id": [f"R{i:07d}" for i in range(n)],
            "citizen_id": [f"DEMO-{i // 2:07d}" for i in range(n)],
            "birth_date": birth.astype("datetime64[D]"),
            "provider_id": rng.choice(offer_ids, n),
            "start": start.astype("datetime64[D]"),
            "end": np.where(
                open_ended, np.datetime64("NaT"), (start + length).astype("datetime64[D]")
            ),
            "price": rng.uniform(1000, 6000, n).round(2),
            "price_unit": rng.choice(np.array(UNITS), n, p=[0.7, 0.15, 0.1, 0.05]),
            "quantity": rng.choice(np.array([1.0, 1.0, 1.0, 2.0]), n),
        }
    ).with_columns(pl.col("start", "end", "birth_date").cast(pl.Date))
    providers = pl.DataFrame(
        {
            "provider_id": [o.offer_id for o in OFFERS],
            "name": [o.name for o in OFFERS],
            "provider_type": [
                "region" if o.operator == REGION else "other_municipality" for o in OFFERS
            ],
            "municipality_code": [o.operator if o.operator != REGION else None for o in OFFERS],
            "capacity": [o.places * 400 for o in OFFERS],  # a bench region's worth of places
        }
    )
    return with_cpr_keys(grants), providers


def vectorised(grants: pl.DataFrame, providers: pl.DataFrame):
    register = regional.offers(providers)
    occupancy = regional.monthly_occupancy(grants, register, YEAR)
    matrix = regional.sales_matrix(regional.trades(grants, register, YEAR))
    return occupancy, matrix


def plain(grants: pl.DataFrame, providers: pl.DataFrame):
    """The same rules, one grant at a time."""
    operators = {
        r["provider_id"]: (REGION if r["provider_type"] == "region" else r["municipality_code"])
        for r in providers.iter_rows(named=True)
    }
    first, last = dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31)
    months = [
        (dt.date(YEAR, m, 1), dt.date(YEAR, m, calendar.monthrange(YEAR, m)[1]))
        for m in range(1, 13)
    ]
    occupied: dict[tuple[str, int], float] = {}
    sales: dict[tuple[str, str], float] = {}
    for g in grants.iter_rows(named=True):
        start, end, unit = g["start"], g["end"] or last, g["price_unit"]
        if start > last or end < first:
            continue
        if unit in ("day", "week", "month") and g["provider_id"] in operators:
            for m, (a, b) in enumerate(months, start=1):
                days = (min(b, end) - max(a, start)).days + 1
                if days > 0:
                    key = (g["provider_id"], m)
                    occupied[key] = occupied.get(key, 0.0) + g["quantity"] * days
        seller = operators.get(g["provider_id"])
        if seller is None or seller == g["municipality"]:
            continue
        s, e = max(first, start), min(last, end)
        days = (e - s).days + 1
        p = g["price"] * g["quantity"]
        if unit == "day":
            cost = p * days
        elif unit in ("week", "hour"):
            cost = p * days / 7
        else:  # month: covered days / days of each month
            cost = p * sum(
                max(0, (min(b, e) - max(a, s)).days + 1) / ((b - a).days + 1) for a, b in months
            )
        key = (g["municipality"], seller)
        sales[key] = sales.get(key, 0.0) + cost
    return occupied, sales


def main(n: int) -> None:
    grants, providers = region_grants(n)
    fast_times, (occupancy, matrix) = timed(lambda: vectorised(grants, providers))
    plain_times, (occupied, sales) = timed(lambda: plain(grants, providers), repeat=1)
    # The two agree: occupied place-days per offer and month, amounts per buyer and seller.
    got = {(r["offer_id"], r["month"]): r["occupied_days"] for r in occupancy.iter_rows(named=True)}
    assert all(abs(got.get(k, 0.0) - v) < 1e-6 for k, v in occupied.items())
    amounts = {(r["buyer"], r["seller"]): r["amount"] for r in matrix.iter_rows(named=True)}
    assert amounts.keys() == sales.keys()
    assert all(abs(amounts[k] - v) < 1e-3 * max(1.0, abs(v)) for k, v in sales.items())
    emit(
        "regional_occupancy_and_sales",
        {
            "grants": n,
            "municipalities": len(MUNICIPALITIES),
            "offers": providers.height,
            "as_of": AS_OF.isoformat(),
            "vectorised": summary(fast_times),
            "plain_python_loop": summary(plain_times),
            "speed_up": round(min(plain_times) / min(fast_times), 1),
            "target_s": 2.0,
            "within_target": min(fast_times) < 2.0,
            "matrix_cells": matrix.height,
        },
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 300_000)

"""The management figures in bulk, against plain Python loops in the same run: the reversal
rate of N appeals grouped by year, area and paragraph (``core.management.appeals``), and the
key figures of five years over a demo municipality's grants (``core.management.key_figures``;
the loop computes only citizens per caseworker and the average run rate, a fraction of it).
Usage: python bench/management.py [APPEALS] [GRANTS]"""

from __future__ import annotations

import datetime as dt
import sys
from collections import Counter, defaultdict

import numpy as np
import polars as pl
from common import AS_OF, emit, summary, timed

from socialstyring.core.management.appeals import appeal_groups, appeal_total
from socialstyring.core.management.key_figures import key_figures

OUTCOMES = ["upheld", "changed", "annulled", "returned", "rejected", None]


def appeals_frame(n: int) -> pl.DataFrame:
    rng = np.random.default_rng(5)
    days = rng.integers(0, 5 * 365, n)
    decided = [dt.date(2021, 1, 1) + dt.timedelta(days=int(d)) for d in days]
    outcome = rng.choice(np.array(OUTCOMES, dtype=object), n, p=[0.6, 0.1, 0.05, 0.15, 0.05, 0.05])
    return pl.DataFrame(
        {
            "case_id": [f"K{i}" for i in range(n)],
            "area": rng.choice(["children", "adults"], n),
            "paragraph": rng.choice([f"BL § {p}" for p in range(30, 60)], n),
            "team": rng.choice([f"Team {t}" for t in range(12)], n),
            "outcome": outcome.tolist(),
            "outcome_date": [d if o else None for d, o in zip(decided, outcome, strict=True)],
        }
    )


def appeals_loop(frame: pl.DataFrame) -> dict:
    counts: dict[tuple, Counter] = defaultdict(Counter)
    for row in frame.iter_rows(named=True):
        if row["outcome"] is None:
            continue
        counts[row["outcome_date"].year, row["area"], row["paragraph"]][row["outcome"]] += 1
    rates = {}
    for key, c in counts.items():
        merits = c["changed"] + c["annulled"] + c["returned"] + c["upheld"]
        rates[key] = (c["changed"] + c["annulled"] + c["returned"]) / merits if merits else None
    return rates


def figures_loop(grants: pl.DataFrame, years: list[int]) -> dict:
    per_year = {}
    units = {"day": 365.0, "week": 365 / 7, "hour": 365 / 7, "month": 12.0, "year": 1.0}
    for year in years:
        day = min(AS_OF, dt.date(year, 12, 31))
        citizens, caseworkers, rates = set(), set(), []
        for g in grants.iter_rows(named=True):
            known = (g["registered"] or g["start"]) <= day
            running = g["start"] <= day and (g["end"] is None or g["end"] >= day)
            if not (known and running and g["price_unit"] != "once"):
                continue
            rates.append(g["price"] * g["quantity"] * units.get(g["price_unit"], 0.0))
            if g["caseworker"] is not None:
                citizens.add(g["citizen_id"])
                caseworkers.add(g["caseworker"])
        per_year[year] = (len(citizens) / max(len(caseworkers), 1), sum(rates) / max(len(rates), 1))
    return per_year


def main() -> None:
    n_appeals = int(sys.argv[1]) if len(sys.argv) > 1 else 500_000
    n_grants = int(sys.argv[2]) if len(sys.argv) > 2 else 200_000
    appeals = appeals_frame(n_appeals)
    core_times, groups = timed(lambda: (appeal_groups(appeals, "paragraph"), appeal_total(appeals)))
    loop_times, loop = timed(lambda: appeals_loop(appeals), 1)
    check = groups[0].filter(pl.col("reversal_rate").is_not_null()).row(0, named=True)
    assert (
        abs(loop[check["year"], check["area"], check["paragraph"]] - check["reversal_rate"]) < 1e-12
    )

    from socialstyring.demo.generator import generate

    demo = generate(seed=7, grants=n_grants, year=AS_OF.year, as_of=AS_OF)
    grants = demo.grants
    years = list(range(AS_OF.year - 4, AS_OF.year + 1))
    spending = pl.DataFrame(schema={"year": pl.Int64, "account": pl.String, "expected": pl.Float64})
    population = pl.DataFrame(
        schema={
            "municipality_code": pl.String,
            "year": pl.Int64,
            "age_from": pl.Int64,
            "age_to": pl.Int64,
            "count": pl.Int64,
        }
    )
    figure_times, figures = timed(
        lambda: key_figures(grants, spending, population, code="000", years=years, as_of=AS_OF)
    )
    plain_times, plain = timed(lambda: figures_loop(grants, years), 1)
    total = (
        figures.filter((pl.col("code") == "average_run_rate") & pl.col("dimension").is_null())
        .sort("year")["value"]
        .to_list()
    )
    assert all(abs(a - plain[y][1]) < 1e-6 * max(a, 1) for a, y in zip(total, years, strict=True))
    emit(
        "management",
        {
            "appeals": n_appeals,
            "appeals_core": summary(core_times),
            "appeals_python_loop": summary(loop_times),
            "grants": grants.height,
            "key_figures_five_years_core": summary(figure_times),
            "two_figures_five_years_python_loop": summary(plain_times),
        },
    )


if __name__ == "__main__":
    main()

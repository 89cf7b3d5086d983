"""The demo's economics: an investment like Rebild's (two extra caseworkers for three years
from 1 January two years before the demo year, a § 85 cohort), its business case, and two
saved scenarios. Demo records are data in the demo's language, like the generated files.

The investment's effect is written into the demo grants the way a source system records
it: in three waves (one a year) the hours of some cohort grants are halved — the grant
ends the day before and a new grant for the same citizen and paragraph takes over with half
the hours — so the investment's table, computed by the app from the grants, shows savings
growing towards 1, 1,5 and 2 mio. kr.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from socialstyring.core.costs import run_rate_expr
from socialstyring.core.grants import with_provider_types
from socialstyring.core.investments import cohort_on
from socialstyring.services import investments, saved_scenarios
from socialstyring.storage import frames

CASEWORKERS = 1_000_000.0  # two extra caseworkers a year
TARGETS = (1_000_000.0, 1_500_000.0, 2_000_000.0)  # Rebild's savings, year by year
COHORT_RULE = [
    {"field": "paragraph", "op": "eq", "value": "SEL § 85"},
    {"field": "price_unit", "op": "eq", "value": "hour"},
]
NAME = "To ekstra rådgivere på § 85 (som Rebild)"


def _waves(cohort: pl.DataFrame, start: dt.date) -> pl.DataFrame:
    """Each cohort grant's day of halving (null: unchanged): by cumulative yearly saving,
    the first grants from the start day until the first year's target, then a year later the
    next until the second, and so on; scaled down when the cohort is too small."""
    # Only open-ended grants: their baseline goes on, so a halving saves every later year.
    half = cohort.with_columns(
        pl.when(pl.col("end").is_null())
        .then(run_rate_expr(start) / 2)
        .otherwise(0.0)
        .alias("_saves")
    ).sort("grant_id")
    total = float(half["_saves"].sum())
    scale = min(1.0, 0.8 * total / TARGETS[-1]) if total else 0.0
    saved = pl.col("_saves").cum_sum()
    day = pl.lit(None, dtype=pl.Date)
    for year in reversed(range(len(TARGETS))):
        wave = dt.date(start.year + year, 1, 1)
        day = (
            pl.when((saved <= TARGETS[year] * scale) & (pl.col("_saves") > 0))
            .then(pl.lit(wave))
            .otherwise(day)
        )
    return half.with_columns(day.alias("_halved_from")).drop("_saves")


def _record_effect(changed: pl.DataFrame) -> int:
    """End each changed grant the day before and add its half-hours successor."""
    moved = changed.filter(
        pl.col("_halved_from").is_not_null()
        & (pl.col("end").is_null() | (pl.col("end") >= pl.col("_halved_from")))
    )
    ended = moved.with_columns((pl.col("_halved_from") - pl.duration(days=1)).alias("end"))
    successors = moved.with_columns(
        (pl.col("grant_id") + "-H").alias("grant_id"),
        pl.col("_halved_from").alias("start"),
        pl.col("_halved_from").alias("registered"),
        pl.col("quantity") / 2,
    )
    rows = pl.concat([ended, successors]).drop("_halved_from")
    if rows.height:
        frames.save("grants", rows)
    return moved.height


def _five_home(grants: pl.DataFrame, as_of: dt.date) -> list[dict]:
    """Five citizens in private day-priced offers, the most expensive, to an own offer at
    80 % of the lowest of their day prices, from the first of the month after ``as_of``."""
    typed = with_provider_types(grants, frames.load_providers())
    private = typed.filter(
        (pl.col("provider_type") == "private") & (pl.col("price_unit") == "day")
    ).with_columns(run_rate_expr(as_of), pl.col("price") * pl.col("quantity"))
    private = private.filter(pl.col("run_rate") > 0)
    citizens = (
        private.group_by("citizen_id")
        .agg(pl.col("run_rate").sum())
        .sort(["run_rate", "citizen_id"], descending=[True, False])
        .head(5)["citizen_id"]
        .to_list()
    )
    chosen = private.filter(pl.col("citizen_id").is_in(citizens))
    price = chosen.select(pl.col("price").min()).item() if chosen.height else 0.0
    first = dt.date(as_of.year + as_of.month // 12, as_of.month % 12 + 1, 1)
    return [
        {
            "change": "bring_home",
            "filter": [
                {"field": "citizen_id", "op": "in", "value": citizens},
                {"field": "provider_type", "op": "eq", "value": "private"},
                {"field": "price_unit", "op": "eq", "value": "day"},
            ],
            "from": first.isoformat(),
            "price": round(0.8 * float(price or 0.0), 2),
            "unit": "day",
            "quantity": 1,
        }
    ]


def _halve_peers(as_of: dt.date) -> list[dict]:
    """The peers of the "1 hour a week for more than a year" cohort: § 85 hour grants with
    more than 1 hour a week whose course started more than a year ago, at half the hours."""
    first = dt.date(as_of.year + as_of.month // 12, as_of.month % 12 + 1, 1)
    return [
        {
            "change": "reduce_hours",
            "filter": [
                *COHORT_RULE,
                {"field": "active", "op": "is_true"},
                {"field": "quantity", "op": "gt", "value": 1},
                {"field": "course_start", "op": "before_years_ago", "value": 1},
            ],
            "from": first.isoformat(),
            "factor": 0.5,
        }
    ]


def load_economics(as_of: dt.date, username: str = "demo") -> None:
    start = dt.date(as_of.year - 2, 1, 1)
    grants = frames.load_grants_for_year(start.year, start)
    is_cohort = (pl.col("paragraph") == "SEL § 85") & (pl.col("price_unit") == "hour")
    cohort = cohort_on(grants, start, is_cohort)
    _record_effect(_waves(cohort, start))
    case = investments.save_case(
        {
            "name": NAME,
            "first_year": start.year,
            "rate": 0.035,
            "costs": [CASEWORKERS] * len(TARGETS),
            "savings": list(TARGETS),
            "note": "Færre timer i § 85-sager efter opfølgning, som i Rebild.",
            "approved": True,
        },
        username,
    )
    investments.create_investment(
        name=NAME,
        start_day=start,
        costs=[CASEWORKERS] * len(TARGETS),
        conditions=COHORT_RULE,
        username=username,
        business_case=case,
        cohort=cohort,
    )
    now = frames.load_grants_for_year(as_of.year, as_of)
    saved_scenarios.save_scenario(
        "Fem borgere hjem fra private tilbud", as_of.year, as_of, _five_home(now, as_of), username
    )
    saved_scenarios.save_scenario(
        "Halve timer for § 85-borgere med mere end 1 time",
        as_of.year,
        as_of,
        _halve_peers(as_of),
        username,
    )

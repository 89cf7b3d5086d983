"""The projection on one million grants and the backtest of 4 years × 12 month-end cuts on
the demo municipality, each against a plain alternative measured in the same run:
lifelines' Kaplan-Meier fits per stratum instead of the one group-by, a Python loop over the
open-ended grants for their early endings, and the commitment-only backtest (what the
projection adds). Usage: python bench/projection.py [GRANTS]"""

from __future__ import annotations

import datetime as dt
import sys
import time

import polars as pl
from common import AS_OF, YEAR, emit, summary, timed, with_cpr_keys

from socialstyring.core.backtest import backtest, month_end_cuts
from socialstyring.core.forecast import forecast
from socialstyring.core.projection import project
from socialstyring.core.projection.endings import rest_months
from socialstyring.core.projection.survival import duration_observations, kaplan_meier
from socialstyring.demo.generator import generate

LOOP_SAMPLE = 5_000  # open-ended grants priced by the Python loop (then scaled up)


def _lifelines_fits(grants: pl.DataFrame) -> tuple[float, int]:
    from lifelines import KaplanMeierFitter

    obs = duration_observations(grants, AS_OF).collect()
    start = time.perf_counter()
    strata = obs.partition_by("stratum")
    for part in strata:
        KaplanMeierFitter().fit(part["duration"].to_numpy(), part["observed"].to_numpy())
    return time.perf_counter() - start, len(strata)


def _ours(grants: pl.DataFrame) -> float:
    obs = duration_observations(grants, AS_OF).collect()
    start = time.perf_counter()
    kaplan_meier(obs)
    return time.perf_counter() - start


def _loop_endings(grants: pl.DataFrame) -> tuple[float, int]:
    """Early endings grant by grant: a Python loop over days with a dictionary curve."""
    obs = duration_observations(grants, AS_OF).collect()
    curves = kaplan_meier(obs)
    curve: dict[tuple[str, int], float] = {
        (s, d): v for s, d, v in curves.select("stratum", "duration", "survival").iter_rows()
    }
    open_ = grants.filter(pl.col("end").is_null() & (pl.col("price_unit") == "day")).head(
        LOOP_SAMPLE
    )
    months = rest_months(YEAR, AS_OF)
    start = time.perf_counter()
    total = 0.0
    for row in open_.iter_rows(named=True):
        stratum = f"{row['paragraph']}|{row['price_unit']}"
        age = (AS_OF - row["start"]).days

        def survival(x: int, stratum: str = stratum) -> float:
            while x > 0 and (stratum, x) not in curve:
                x -= 1
            return curve.get((stratum, x), 1.0)

        base = survival(age) or 1.0
        for _m, a, b in months:
            for offset in range((b - a).days + 1):
                day = a + dt.timedelta(days=offset)
                x = (day - row["start"]).days
                total += row["price"] * row["quantity"] * (1 - survival(x) / base)
    return time.perf_counter() - start, open_.height


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    big = generate(seed=7, grants=n, year=YEAR, as_of=AS_OF)
    grants = with_cpr_keys(big.grants)
    times, result = timed(
        lambda: project(grants, big.budgets, big.postings, year=YEAR, as_of=AS_OF), repeat=3
    )
    commitment, _ = timed(
        lambda: forecast(grants, big.budgets, big.postings, year=YEAR, as_of=AS_OF), repeat=3
    )
    lifelines_s, strata = _lifelines_fits(grants)
    ours_s = _ours(grants)
    loop_s, looped = _loop_endings(grants)
    open_ended = result.grants.height  # type: ignore[attr-defined]
    demo = generate()  # the demo municipality: five years of history
    years = [2022, 2023, 2024, 2025]
    bt_times, bt = timed(
        lambda: backtest(demo.grants, demo.budgets, demo.postings, years), repeat=3
    )

    def commitment_only() -> None:
        for year in years:
            for cut in month_end_cuts(year):
                forecast(demo.grants, demo.budgets, demo.postings, year=year, as_of=cut)

    plain_bt, _ = timed(commitment_only, repeat=3)
    may = bt.months.filter((pl.col("level") == "total") & (pl.col("month") == 5))  # type: ignore[attr-defined]
    emit(
        "projection",
        {
            "grants": n,
            "open_ended_grants": open_ended,
            "projection": summary(times),
            "target_s": 2.0,
            "commitment_forecast_alone": summary(commitment),
            "kaplan_meier": {
                "ours_s": round(ours_s, 3),
                "lifelines_per_stratum_s": round(lifelines_s, 3),
                "strata": strata,
            },
            "early_endings_python_loop": {
                "grants_looped": looped,
                "seconds": round(loop_s, 3),
                "scaled_to_all_open_ended_s": round(loop_s * open_ended / max(looped, 1), 1),
            },
            "backtest_demo": {
                "grants": demo.grants.height,
                "years": years,
                "cuts": 12 * len(years),
                **summary(bt_times),
                "target_s": 10.0,
                "commitment_only_backtest": summary(plain_bt),
                "may_mape_expected_total": round(float(may["mape_expected"][0]), 2),
                "may_mape_projected_total": round(float(may["mape_projected"][0]), 2),
            },
        },
    )


if __name__ == "__main__":
    main()

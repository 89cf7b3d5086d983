"""The 80 % interval holds the outcome about 80 % of the time on simulated municipalities."""

import datetime as dt

import numpy as np
import polars as pl

from socialstyring.core.projection import project
from tests.helpers.projection import as_exported, outcome, process

YEAR, AS_OF = 2025, dt.date(2025, 5, 31)
RUNS = 100
ACCOUNTS = ("5.28.20", "5.28.21", "5.38.50")
SEASON = np.array([0.7, 0.8, 1.0, 1.0, 1.0, 0.9, 0.6, 1.3, 1.4, 1.2, 1.1, 0.8])


def test_intervals_cover_at_their_nominal_rate():
    rng = np.random.default_rng(2025)
    total_held, lines_held, lines = 0, 0, 0
    for _ in range(RUNS):
        grants = process(
            rng,
            first=dt.date(2020, 1, 1),
            last=dt.date(2025, 12, 31),
            per_day=1.5,
            mean_days=float(rng.uniform(60, 400)),
            accounts=ACCOUNTS,
            season=SEASON,
        )
        result = project(as_exported(grants, AS_OF), None, None, year=YEAR, as_of=AS_OF)
        truth = outcome(grants, YEAR)
        t = result.totals
        total_held += t["projected_low"] <= truth <= t["projected_high"]
        per_account = result.table.join(outcome(grants, YEAR, "account"), on="account")
        held = per_account.filter(pl.col("cost").is_between("projected_low", "projected_high"))
        lines_held += held.height
        lines += per_account.height
    assert 0.70 <= total_held / RUNS <= 0.90
    assert 0.72 <= lines_held / lines <= 0.88

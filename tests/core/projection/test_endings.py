"""Early endings of open-ended grants with an exponential (memoryless) duration."""

import datetime as dt

import numpy as np
import polars as pl
import pytest

from socialstyring.core.projection import project
from tests.helpers.projection import as_exported, process

YEAR, AS_OF = 2025, dt.date(2025, 5, 31)


def test_expected_early_endings_of_an_exponential_duration():
    mean = 150.0
    rng = np.random.default_rng(5)
    grants = process(rng, first=dt.date(2019, 1, 1), last=AS_OF, per_day=3.0, mean_days=mean)
    known = as_exported(grants, AS_OF)
    running = known["end"].null_count()
    result = project(known, None, None, year=YEAR, as_of=AS_OF)
    # Memoryless: a running grant is still running j days later with probability e^{-j/μ}.
    days = np.arange(1, (dt.date(2025, 12, 31) - AS_OF).days + 1)
    truth = running * 100.0 * (1 - np.exp(-days / mean)).sum()
    assert result.totals["early_endings"] == pytest.approx(truth, rel=0.05)
    # Only the open-ended grants carry an expected early ending, each at most its rest cost.
    per_grant = result.grants
    assert per_grant.height == running
    assert (per_grant["early_endings"] <= 100.0 * days.size + 1e-6).all()
    # (A grant older than every duration seen has no curve to go by, and keeps its cost.)
    assert (per_grant["early_endings"] >= 0).all()
    assert (per_grant["early_endings"] > 0).mean() > 0.95


def test_fixed_term_grants_run_to_their_end():
    grants = pl.DataFrame(
        {
            "account": ["5.28.20"] * 2,
            "paragraph": ["§ 52"] * 2,
            "start": [dt.date(2024, 1, 1), dt.date(2024, 1, 1)],
            "end": [dt.date(2024, 3, 31), dt.date(2025, 9, 30)],
            "price": [100.0, 100.0],
            "quantity": [1.0, 1.0],
            "price_unit": ["day", "day"],
            "registered": [dt.date(2024, 1, 1)] * 2,
        }
    )
    result = project(grants, None, None, year=YEAR, as_of=AS_OF)
    assert result.totals["early_endings"] == 0.0
    assert result.totals["projected"] == result.totals["expected"]

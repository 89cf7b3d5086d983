"""Kaplan-Meier per stratum: lifelines is the oracle; an exponential duration the known answer."""

import datetime as dt

import numpy as np
import polars as pl
import pytest
from lifelines import KaplanMeierFitter

from socialstyring.core.projection.survival import kaplan_meier, survival_table
from tests.helpers.projection import as_exported, process


def test_kaplan_meier_agrees_with_lifelines_per_stratum():
    rng = np.random.default_rng(7)
    n = 3000
    frame = pl.DataFrame(
        {
            "stratum": rng.choice(["a", "b", "c"], n),
            "duration": rng.integers(1, 400, n),
            "observed": rng.random(n) < 0.6,
        }
    )
    ours = kaplan_meier(frame)
    for stratum in ("a", "b", "c"):
        part = frame.filter(pl.col("stratum") == stratum)
        fitter = KaplanMeierFitter().fit(part["duration"].to_numpy(), part["observed"].to_numpy())
        theirs = fitter.survival_function_["KM_estimate"]
        mine = ours.filter(pl.col("stratum") == stratum)
        expected = theirs.loc[mine["duration"].to_numpy()].to_numpy()
        np.testing.assert_allclose(mine["survival"].to_numpy(), expected, rtol=1e-12)


def test_survival_of_an_exponential_duration_with_censoring():
    rng = np.random.default_rng(11)
    cut = dt.date(2025, 6, 30)
    grants = as_exported(
        process(rng, first=dt.date(2020, 1, 1), last=cut, per_day=4.0, mean_days=200.0), cut
    )
    # About a tenth of the grants are still running on the cut: censored, not ended.
    assert 0.05 < grants["end"].null_count() / grants.height < 0.2
    table = survival_table(grants, cut, horizon=2000)
    code = table.codes_of(grants.head(1))
    x = pl.Series([0, 50, 100, 200, 400, 600])
    found = table.lookup(pl.Series([code[0]] * x.len()), x).to_numpy()
    truth = np.exp(-x.to_numpy() / 200.0)
    np.testing.assert_allclose(found, truth, atol=0.02)


def test_survival_is_one_before_day_zero_and_for_unknown_strata():
    cut = dt.date(2025, 1, 31)
    grants = pl.DataFrame(
        {
            "paragraph": ["§ 52"] * 3,
            "price_unit": ["day"] * 3,
            "start": [dt.date(2025, 1, 1)] * 3,
            "end": [dt.date(2025, 1, 10), None, None],
        }
    )
    table = survival_table(grants, cut, horizon=100)
    code = table.codes_of(grants)
    assert table.lookup(code, pl.Series([-1, -1, -1])).to_list() == [1.0, 1.0, 1.0]
    # One of three ended on day 10: S(10) = 2/3, and stays there while the others run.
    assert table.lookup(code, pl.Series([9, 10, 30])).to_list() == pytest.approx([1, 2 / 3, 2 / 3])
    other = pl.DataFrame({"paragraph": ["§ 85"], "price_unit": ["hour"]})
    assert table.lookup(table.codes_of(other), pl.Series([50])).to_list() == [1.0]

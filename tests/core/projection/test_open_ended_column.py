"""The grants file's optional løbende column (docs/projection.md): durations are learnt
from the grants decided open-ended, and the backtest sees such a grant open-ended at a cut
before its end. Without the column nothing changes."""

import datetime as dt

import numpy as np
import polars as pl
import pytest

from socialstyring.core.backtest import as_known_at, backtest
from socialstyring.core.projection import project
from tests.helpers.projection import as_exported, process

YEAR, AS_OF = 2025, dt.date(2025, 5, 31)
MEAN = 150.0


def _mixed(rng: np.random.Generator) -> pl.DataFrame:
    """Open-ended grants with exponential durations (mean 150 days) beside fixed-term grants
    decided for two years, exported on the cut: the ended open-ended ones look fixed-term."""
    first = dt.date(2019, 1, 1)
    open_ended = process(rng, first=first, last=AS_OF, per_day=2.0, mean_days=MEAN)
    fixed = process(rng, first=first, last=AS_OF, per_day=2.0, mean_days=1.0)
    months = pl.Series([24] * fixed.height)
    fixed = fixed.with_columns(
        (pl.col("start").dt.offset_by(months.cast(pl.String) + "mo") - pl.duration(days=1)).alias(
            "true_end"
        ),
        ("F" + pl.col("grant_id")).alias("grant_id"),
    )
    both = pl.concat(
        [
            open_ended.with_columns(pl.lit("yes").alias("open_ended")),
            fixed.with_columns(pl.lit("no").alias("open_ended")),
        ]
    )
    exported = as_exported(both, AS_OF)
    # Fixed-term grants carry their planned end from the start.
    planned = both.select("grant_id", pl.col("true_end").alias("planned"))
    return (
        exported.join(planned, on="grant_id")
        .with_columns(
            pl.when(pl.col("open_ended") == "no")
            .then(pl.col("planned"))
            .otherwise(pl.col("end"))
            .alias("end")
        )
        .drop("planned")
    )


def _truth(known: pl.DataFrame) -> float:
    running = known.filter(pl.col("end").is_null()).height  # the open-ended ones
    days = np.arange(1, (dt.date(2025, 12, 31) - AS_OF).days + 1)
    return running * 100.0 * (1 - np.exp(-days / MEAN)).sum()


def test_durations_come_from_the_grants_decided_open_ended():
    known = _mixed(np.random.default_rng(11))
    truth = _truth(known)
    told = project(known, None, None, year=YEAR, as_of=AS_OF)
    assert told.totals["early_endings"] == pytest.approx(truth, rel=0.05)
    # Without the column the long fixed-term grants, at risk for two years, flatten the
    # curve: far too few endings are expected.
    silent = project(known.drop("open_ended"), None, None, year=YEAR, as_of=AS_OF)
    assert silent.totals["early_endings"] < 0.7 * truth
    # An empty column (a file that did not say) is the same as no column.
    empty = known.with_columns(pl.lit(None, dtype=pl.String).alias("open_ended"))
    same = project(empty, None, None, year=YEAR, as_of=AS_OF)
    assert same.totals == silent.totals


def test_a_grant_decided_open_ended_is_open_ended_at_a_cut_before_its_end():
    grants = pl.DataFrame(
        {
            "grant_id": ["L", "F", "S"],
            "start": [dt.date(2024, 1, 1)] * 3,
            "end": [dt.date(2024, 9, 30)] * 3,
            "open_ended": ["yes", "no", None],
        }
    )
    at_may = as_known_at(grants, dt.date(2024, 5, 31))
    assert at_may["end"].to_list() == [None, dt.date(2024, 9, 30), dt.date(2024, 9, 30)]
    at_october = as_known_at(grants, dt.date(2024, 10, 31))
    assert at_october["end"].to_list() == [dt.date(2024, 9, 30)] * 3
    assert as_known_at(grants.drop("open_ended"), dt.date(2024, 5, 31)).equals(
        grants.drop("open_ended")
    )


def test_the_backtest_uses_the_column_and_is_unchanged_without_it():
    rng = np.random.default_rng(3)
    now = dt.date(2026, 5, 31)
    grants = process(rng, first=dt.date(2021, 1, 1), last=now, per_day=2.0, mean_days=MEAN)
    exported = as_exported(grants, now).with_columns(pl.lit("yes").alias("open_ended"))
    told = backtest(exported, None, None, [2025])
    silent = backtest(exported.drop("open_ended"), None, None, [2025])
    empty = backtest(
        exported.with_columns(pl.lit(None, dtype=pl.String).alias("open_ended")), None, None, [2025]
    )
    assert empty.months.equals(silent.months)

    def may(result):
        cuts = result.cuts.filter((pl.col("level") == "total") & (pl.col("month") == 5))
        return cuts.row(0, named=True)

    # Told, the May cut no longer knows how the running grants end: the commitment counts
    # them to 31 December (hindsight gone), and the early endings bring the projection back.
    assert may(told)["expected"] > may(silent)["expected"]
    assert may(told)["outcome"] == pytest.approx(may(silent)["outcome"])
    row = may(told)
    assert abs(row["error_projected"]) < abs(row["error_expected"])
    assert row["projected_low"] <= row["outcome"] <= row["projected_high"]

"""Kaplan-Meier survival of grant durations, per stratum, with running grants censored.

A duration ``T`` is the number of days a grant ran (start and end day counted). A grant
still running on the cut day has lived at least ``cut − start + 1`` days: a censored
observation. ``S(x) = P(T > x)``; a grant is still running on day ``t`` when
``T > t − start``. The estimator is vectorised: one group-by over (stratum, duration) and a
cumulative product; ``tests/core/projection`` checks it against lifelines.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl

# Strata with fewer observations than this borrow the curve of all grants with the unit.
MIN_OBSERVATIONS = 20
POOLED = "*"


def kaplan_meier(observations: pl.DataFrame) -> pl.DataFrame:
    """``observations``: ``stratum``, ``duration`` (days ≥ 1) and ``observed`` (False when
    censored). Returns per stratum and observed duration ``survival`` = S(duration)."""
    return (
        observations.group_by("stratum", "duration")
        .agg(pl.col("observed").sum().alias("events"), pl.len().alias("leaving"))
        .sort("stratum", "duration")
        .with_columns(pl.col("leaving").cum_sum(reverse=True).over("stratum").alias("at_risk"))
        .with_columns(
            (1.0 - pl.col("events") / pl.col("at_risk"))
            .cum_prod()
            .over("stratum")
            .alias("survival")
        )
        .select("stratum", "duration", "at_risk", "events", "survival")
    )


def stratum_expr() -> pl.Expr:
    """The stratum of a grant: its paragraph and price unit."""
    return pl.concat_str(
        pl.col("paragraph").cast(pl.String).fill_null(""), pl.lit("|"), pl.col("price_unit")
    )


def pooled_expr() -> pl.Expr:
    return pl.concat_str(pl.lit(POOLED + "|"), pl.col("price_unit"))


def duration_observations(grants: pl.DataFrame | pl.LazyFrame, cut: dt.date) -> pl.LazyFrame:
    """One observation per grant started by ``cut`` (one-off grants excluded): ended by the
    cut is an event at its duration, still running is censored at its age on the cut."""
    ended = pl.col("end").is_not_null() & (pl.col("end") <= cut)
    last = pl.when(ended).then(pl.col("end")).otherwise(pl.lit(cut, dtype=pl.Date))
    return (
        grants.lazy()
        .filter((pl.col("start") <= cut) & (pl.col("price_unit") != "once"))
        .select(
            stratum_expr().alias("stratum"),
            pooled_expr().alias("pooled"),
            ((last - pl.col("start")).dt.total_days() + 1).cast(pl.Int64).alias("duration"),
            ended.alias("observed"),
        )
    )


@dataclass(frozen=True)
class SurvivalTable:
    """Dense S(x) for x = 0 … ``horizon`` per stratum, flattened; look-ups are a gather."""

    codes: pl.DataFrame  # stratum → code (row in the dense table), with the fallback applied
    dense: pl.Series  # survival, code × (horizon + 1) + x
    horizon: int

    def codes_of(self, grants: pl.DataFrame) -> pl.Series:
        """Each grant's curve: its stratum's, else the pooled curve of its price unit."""
        keys = grants.select(stratum_expr().alias("stratum"), pooled_expr().alias("pooled"))
        by_name = dict(zip(self.codes["stratum"], self.codes["code"], strict=True))
        own = keys["stratum"].replace_strict(by_name, default=None, return_dtype=pl.Int64)
        pooled = keys["pooled"].replace_strict(by_name, default=None, return_dtype=pl.Int64)
        return own.fill_null(pooled)

    def lookup(self, code: pl.Series, x: pl.Series) -> pl.Series:
        """S(x) per row: 1 before day 0, the last value beyond the horizon; code null → 1."""
        index = code * (self.horizon + 1) + x.clip(0, self.horizon)
        value = self.dense.gather(index.fill_null(0))
        return (
            pl.select(
                pl.when(code.is_null() | (x < 0)).then(1.0).otherwise(value).alias("survival")
            )
            .to_series()
            .fill_null(1.0)
        )


def survival_table(
    grants: pl.DataFrame | pl.LazyFrame, cut: dt.date, horizon: int
) -> SurvivalTable:
    """Survival curves per paragraph × price unit as known on ``cut``; a sparse stratum uses
    the curve of every grant with its price unit."""
    obs = duration_observations(grants, cut).collect()
    sizes = obs.group_by("stratum").agg(pl.len().alias("n"), pl.col("pooled").first())
    chosen = sizes.select(
        "stratum",
        pl.when(pl.col("n") >= MIN_OBSERVATIONS)
        .then(pl.col("stratum"))
        .otherwise(pl.col("pooled"))
        .alias("curve"),
    )
    sample = pl.concat(
        [
            obs.select(pl.col("stratum").alias("curve"), "duration", "observed"),
            obs.select(pl.col("pooled").alias("curve"), "duration", "observed"),
        ]
    )
    curves = kaplan_meier(sample.rename({"curve": "stratum"})).rename({"stratum": "curve"})
    names = curves.select(pl.col("curve").unique().sort()).with_row_index("code")
    grid = names.join(
        pl.DataFrame({"duration": pl.arange(0, horizon + 1, eager=True).cast(pl.Int64)}),
        how="cross",
    )
    dense = (
        grid.join(
            curves.select("curve", "duration", "survival"), on=["curve", "duration"], how="left"
        )
        .sort("code", "duration")
        .with_columns(pl.col("survival").forward_fill().over("code").fill_null(1.0))
    )
    # Pooled curves are reachable by their own name too (for strata never seen).
    pooled = names.filter(pl.col("curve").str.starts_with(POOLED + "|")).select(
        pl.col("curve").alias("stratum"), pl.col("curve")
    )
    codes = (
        pl.concat([chosen, pooled])
        .join(names, on="curve", how="left")
        .select("stratum", pl.col("code").cast(pl.Int64))
    )
    return SurvivalTable(codes, dense["survival"], horizon)

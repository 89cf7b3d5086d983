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
KEYS = ("paragraph", "price_unit")
OPEN_ENDED = "open_ended"  # the grants file's løbende column: yes / no / null


def _curves(counts: pl.DataFrame, key: str) -> pl.DataFrame:
    """Kaplan-Meier from ``events`` and ``leaving`` per (``key``, ``duration``)."""
    return (
        counts.sort(key, "duration")
        .with_columns(pl.col("leaving").cum_sum(reverse=True).over(key).alias("at_risk"))
        .with_columns(
            (1.0 - pl.col("events") / pl.col("at_risk")).cum_prod().over(key).alias("survival")
        )
    )


def kaplan_meier(observations: pl.DataFrame) -> pl.DataFrame:
    """``observations``: ``stratum``, ``duration`` (days ≥ 1) and ``observed`` (False when
    censored). Returns per stratum and observed duration ``survival`` = S(duration)."""
    counts = observations.group_by("stratum", "duration").agg(
        pl.col("observed").sum().alias("events"), pl.len().alias("leaving")
    )
    return _curves(counts, "stratum").select("stratum", "duration", "at_risk", "events", "survival")


def _paragraph() -> pl.Expr:
    return pl.col("paragraph").cast(pl.String).fill_null("")


def decided_open_ended(names: list[str]) -> pl.Expr:
    """Grants whose durations tell how long open-ended grants last: every grant, except
    those a file's ``løbende`` column marks as decided with an end date (``no``). Their end
    was planned, not an ending; where the column is absent or empty nothing is left out."""
    if OPEN_ENDED not in names:
        return pl.lit(True)
    return pl.col(OPEN_ENDED).is_null() | (pl.col(OPEN_ENDED) != "no")


def duration_observations(grants: pl.DataFrame | pl.LazyFrame, cut: dt.date) -> pl.LazyFrame:
    """One observation per grant started by ``cut`` (one-off grants and grants decided as
    fixed-term excluded): ended by the cut is an event at its duration, still running is
    censored at its age on the cut."""
    ended = pl.col("end").is_not_null() & (pl.col("end") <= cut)
    last = pl.when(ended).then(pl.col("end")).otherwise(pl.lit(cut, dtype=pl.Date))
    lazy = grants.lazy()
    return (
        lazy.filter((pl.col("start") <= cut) & (pl.col("price_unit") != "once"))
        .filter(decided_open_ended(lazy.collect_schema().names()))
        .select(
            _paragraph().alias("paragraph"),
            pl.col("price_unit"),
            pl.concat_str(_paragraph(), pl.lit("|"), pl.col("price_unit")).alias("stratum"),
            ((last - pl.col("start")).dt.total_days() + 1).cast(pl.Int64).alias("duration"),
            ended.alias("observed"),
        )
    )


@dataclass(frozen=True)
class SurvivalTable:
    """Dense S(x) for x = 0 … ``horizon`` per curve, flattened; look-ups are a gather."""

    codes: pl.DataFrame  # paragraph, price_unit → code (row in the dense table)
    pooled: pl.DataFrame  # price_unit → code of the unit's pooled curve
    dense: pl.Series  # survival, code × (horizon + 1) + x
    horizon: int

    def codes_of(self, frame: pl.DataFrame) -> pl.Series:
        """Each grant's curve: its stratum's, else the pooled curve of its price unit."""
        keys = frame.select(_paragraph().alias("paragraph"), pl.col("price_unit"))
        own = keys.join(self.codes, on=list(KEYS), how="left", maintain_order="left")["code"]
        pooled = keys.join(self.pooled, on="price_unit", how="left", maintain_order="left")
        return own.fill_null(pooled["code"])

    def survival_expr(self, code: pl.Expr, x: pl.Expr) -> pl.Expr:
        """S(x) per row as an expression: 1 before day 0 or without a curve; the last value
        beyond the horizon."""
        index = code * (self.horizon + 1) + x.clip(0, self.horizon)
        value = pl.lit(self.dense).gather(index.fill_null(0))
        return pl.when(code.is_null() | (x < 0)).then(1.0).otherwise(value)

    def lookup(self, code: pl.Series, x: pl.Series) -> pl.Series:
        frame = pl.DataFrame({"code": code, "x": x})
        return frame.select(
            self.survival_expr(pl.col("code"), pl.col("x")).alias("survival")
        ).to_series()


def survival_table(
    grants: pl.DataFrame | pl.LazyFrame, cut: dt.date, horizon: int
) -> SurvivalTable:
    """Survival curves per paragraph × price unit as known on ``cut``; a sparse stratum uses
    the curve of every grant with its price unit."""
    counts = (
        duration_observations(grants, cut)
        .group_by(*KEYS, "duration")
        .agg(pl.col("observed").sum().alias("events"), pl.len().alias("leaving"))
        .collect()
    )
    pooled = counts.group_by("price_unit", "duration").agg(pl.col("events", "leaving").sum())
    sample = pl.concat(
        [
            counts.select(
                pl.concat_str("paragraph", pl.lit("|"), "price_unit").alias("curve"),
                "duration",
                "events",
                "leaving",
            ),
            pooled.select(
                pl.concat_str(pl.lit(POOLED + "|"), "price_unit").alias("curve"),
                "duration",
                "events",
                "leaving",
            ),
        ]
    )
    # At risk counts every longer duration too, so the cut to the horizon comes after.
    curves = _curves(sample, "curve").filter(pl.col("duration") <= horizon)
    names = curves.select(pl.col("curve").unique().sort()).with_row_index("code")
    grid = names.join(
        pl.DataFrame({"duration": pl.int_range(0, horizon + 1, eager=True).cast(pl.Int64)}),
        how="cross",
    )
    dense = (
        grid.join(
            curves.select("curve", "duration", "survival"), on=["curve", "duration"], how="left"
        )
        .sort("code", "duration")
        .with_columns(pl.col("survival").forward_fill().over("code").fill_null(1.0))
    )
    sizes = counts.group_by(*KEYS).agg(pl.col("leaving").sum().alias("n"))
    code = dict(zip(names["curve"], names["code"].cast(pl.Int64), strict=True))
    own = sizes.filter(pl.col("n") >= MIN_OBSERVATIONS).select(
        *KEYS,
        pl.concat_str("paragraph", pl.lit("|"), "price_unit")
        .replace_strict(code, default=None, return_dtype=pl.Int64)
        .alias("code"),
    )
    units = pooled.select(pl.col("price_unit").unique()).select(
        "price_unit",
        pl.concat_str(pl.lit(POOLED + "|"), "price_unit")
        .replace_strict(code, default=None, return_dtype=pl.Int64)
        .alias("code"),
    )
    return SurvivalTable(own, units, dense["survival"], horizon)

"""Occupied places and occupancy of each offer per month, from all municipalities'
grants: the places a grant fills are its ``quantity`` on each day it runs, for grants
priced per day, week, month or year (an hourly or one-off grant fills no place)."""

from __future__ import annotations

import datetime as dt

import polars as pl

from socialstyring.core.regional.offers import PLACE_UNITS


def _months(year: int) -> pl.DataFrame:
    first = pl.date_range(dt.date(year, 1, 1), dt.date(year, 12, 1), "1mo", eager=True)
    return pl.DataFrame({"month_start": first}).with_columns(
        pl.col("month_start").dt.month().cast(pl.Int32).alias("month"),
        pl.col("month_start").dt.month_end().alias("month_end"),
    )


def _overlap_days(first: pl.Expr, last: pl.Expr, start: pl.Expr, end: pl.Expr) -> pl.Expr:
    s = pl.max_horizontal(first, start)
    e = pl.min_horizontal(last, end.fill_null(last))
    return pl.max_horizontal((e - s).dt.total_days() + 1, pl.lit(0)).cast(pl.Float64)


def place_grants(grants: pl.DataFrame, first: dt.date, last: dt.date) -> pl.DataFrame:
    """The grants that fill places at some day of [first, last]: offer, start, end, quantity."""
    return (
        grants.lazy()
        .filter(
            pl.col("price_unit").is_in(PLACE_UNITS)
            & pl.col("provider_id").is_not_null()
            & (pl.col("start") <= last)
            & (pl.col("end").is_null() | (pl.col("end") >= first))
        )
        .select(
            pl.col("provider_id").alias("offer_id"),
            "start",
            "end",
            pl.col("quantity").fill_null(1.0),
        )
        .collect()
    )


def _capacity_days(register: pl.DataFrame, first: pl.Expr, last: pl.Expr) -> pl.Expr:
    """Places × the days of the period inside the places' own period (when given)."""
    start = pl.col("capacity_from") if "capacity_from" in register.columns else pl.lit(None)
    end = pl.col("capacity_to") if "capacity_to" in register.columns else pl.lit(None)
    return pl.col("capacity").cast(pl.Float64) * _overlap_days(
        first, last, start.fill_null(first).cast(pl.Date), end.cast(pl.Date)
    )


def monthly_occupancy(grants: pl.DataFrame, register: pl.DataFrame, year: int) -> pl.DataFrame:
    """Per offer of the register with places and month of ``year``: occupied place-days,
    place-days on offer and occupancy (a fraction; null without places)."""
    months = _months(year)
    used = place_grants(grants, dt.date(year, 1, 1), dt.date(year, 12, 31))
    filled = (
        used.lazy()
        .join(months.lazy(), how="cross")
        .select(
            "offer_id",
            "month",
            (
                pl.col("quantity")
                * _overlap_days(
                    pl.col("month_start"), pl.col("month_end"), pl.col("start"), pl.col("end")
                )
            ).alias("occupied_days"),
        )
        .group_by("offer_id", "month")
        .agg(pl.col("occupied_days").sum())
    )
    with_places = register.filter(pl.col("capacity") > 0)
    offered = (
        with_places.lazy()
        .join(months.lazy(), how="cross")
        .select(
            "offer_id",
            "month",
            _capacity_days(register, pl.col("month_start"), pl.col("month_end")).alias(
                "place_days"
            ),
        )
    )
    return (
        offered.join(filled, on=["offer_id", "month"], how="left")
        .with_columns(pl.col("occupied_days").fill_null(0.0))
        .with_columns(
            pl.when(pl.col("place_days") > 0)
            .then(pl.col("occupied_days") / pl.col("place_days"))
            .alias("occupancy")
        )
        .sort("offer_id", "month")
        .collect()
    )


def period_occupancy(
    grants: pl.DataFrame, register: pl.DataFrame, first: dt.date, last: dt.date
) -> pl.DataFrame:
    """Per offer with places: occupancy over [first, last] (e.g. the last 12 months)."""
    used = place_grants(grants, first, last)
    a, b = pl.lit(first), pl.lit(last)
    filled = used.group_by("offer_id").agg(
        (pl.col("quantity") * _overlap_days(a, b, pl.col("start"), pl.col("end")))
        .sum()
        .alias("occupied_days")
    )
    offered = register.filter(pl.col("capacity") > 0).select(
        "offer_id", _capacity_days(register, a, b).alias("place_days")
    )
    return (
        offered.join(filled, on="offer_id", how="left")
        .with_columns(pl.col("occupied_days").fill_null(0.0))
        .with_columns(
            pl.when(pl.col("place_days") > 0)
            .then(pl.col("occupied_days") / pl.col("place_days"))
            .alias("occupancy")
        )
        .sort("offer_id")
    )


def occupied_on(grants: pl.DataFrame, day: dt.date) -> pl.DataFrame:
    """Per offer: places occupied on ``day``."""
    used = place_grants(grants, day, day)
    return used.group_by("offer_id").agg(pl.col("quantity").sum().alias("occupied"))

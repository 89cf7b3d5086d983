"""Supply against demand per target group, and the citizens who could come home."""

from __future__ import annotations

import datetime as dt

import polars as pl

from socialstyring.core.costs import run_rate_expr
from socialstyring.core.regional.occupancy import occupied_on
from socialstyring.core.regional.offers import REGION, with_operator

_PER_YEAR = {"day": 365.0, "week": 365.0 / 7.0, "month": 12.0, "year": 1.0}


def supply_and_demand(
    grants: pl.DataFrame,
    register: pl.DataFrame,
    region: list[str],
    last_year: int,
    central_groups: tuple[str, ...] = (),
    years: int = 5,
) -> pl.DataFrame:
    """Per target group and year (the last ``years`` up to ``last_year``): places at the
    region's offers of the group (supply) and citizens with a grant at offers of the group
    in the year (demand), inside and outside the region; central announcements marked."""
    inside = pl.col("operator").is_in([*region, REGION])
    grouped = register.filter(pl.col("target_group").is_not_null())
    frames = []
    for year in range(last_year - years + 1, last_year + 1):  # five years, not per grant
        first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
        citizens = (
            grants.lazy()
            .filter(
                pl.col("price_unit").is_in(_PER_YEAR)
                & (pl.col("start") <= last)
                & (pl.col("end").is_null() | (pl.col("end") >= first))
            )
            .select(pl.col("provider_id").alias("offer_id"), "citizen_id", "municipality")
            .collect()
            .join(grouped.select("offer_id", "target_group", "operator"), on="offer_id")
            .group_by("target_group")
            .agg(
                pl.struct("citizen_id", "municipality")
                .filter(inside)
                .n_unique()
                .alias("demand_inside"),
                pl.struct("citizen_id", "municipality")
                .filter(~inside)
                .n_unique()
                .alias("demand_outside"),
            )
        )
        active = pl.col("capacity_from").fill_null(first) <= last
        open_ = pl.col("capacity_to").is_null() | (pl.col("capacity_to") >= first)
        supply = (
            grouped.filter(inside & active & open_)
            .group_by("target_group")
            .agg(pl.col("capacity").fill_null(0).sum().cast(pl.Int64).alias("supply"))
        )
        frames.append(
            supply.join(citizens, on="target_group", how="full", coalesce=True).with_columns(
                pl.lit(year, pl.Int64).alias("year")
            )
        )
    result = pl.concat(frames, how="diagonal") if frames else pl.DataFrame()
    return (
        result.with_columns(
            pl.col("supply").fill_null(0),
            pl.col("demand_inside").fill_null(0).cast(pl.Int64),
            pl.col("demand_outside").fill_null(0).cast(pl.Int64),
            pl.col("target_group").is_in(list(central_groups)).alias("central_announcement"),
        )
        .select(
            "target_group",
            "year",
            "supply",
            "demand_inside",
            "demand_outside",
            "central_announcement",
        )
        .sort("target_group", "year")
    )


def bring_home(grants: pl.DataFrame, register: pl.DataFrame, as_of: dt.date) -> pl.DataFrame:
    """Citizens at offers others run whose target group has an offer of their own
    municipality with free places on ``as_of``; per candidate the yearly saving = run
    rate now − run rate at the own offer's tariff (the cheapest own offer with room)."""
    occupied = occupied_on(grants, as_of)
    own_offers = (
        register.filter(
            pl.col("target_group").is_not_null()
            & (pl.col("operator") != REGION)
            & pl.col("tariff").is_not_null()
            & pl.col("tariff_unit").is_in(list(_PER_YEAR))
        )
        .join(occupied, on="offer_id", how="left")
        .with_columns((pl.col("capacity") - pl.col("occupied").fill_null(0.0)).alias("free"))
        .filter(pl.col("free") > 0)
        .with_columns(
            (pl.col("tariff") * pl.col("tariff_unit").replace_strict(_PER_YEAR, default=0.0)).alias(
                "own_yearly_tariff"
            )
        )
        .sort("own_yearly_tariff")
        .group_by(pl.col("operator").alias("municipality"), "target_group", maintain_order=True)
        .agg(
            pl.col("offer_id").first().alias("own_offer_id"),
            pl.col("own_yearly_tariff").first(),
            pl.col("free").first(),
        )
    )
    at_others = (
        with_operator(
            grants.filter(pl.col("provider_id").is_not_null()).with_columns(
                pl.col("quantity").fill_null(1.0)
            ),
            register,
        )
        .filter(pl.col("operator").is_null() | (pl.col("operator") != pl.col("municipality")))
        .with_columns(run_rate_expr(as_of))
        .filter(pl.col("run_rate") > 0)
        .join(
            register.select("offer_id", "target_group"),
            left_on="provider_id",
            right_on="offer_id",
            how="inner",
        )
    )
    return (
        at_others.join(own_offers, on=["municipality", "target_group"], how="inner")
        .with_columns((pl.col("own_yearly_tariff") * pl.col("quantity")).alias("own_run_rate"))
        .with_columns((pl.col("run_rate") - pl.col("own_run_rate")).alias("saving"))
        .filter(pl.col("saving") > 0)
        .select(
            "municipality",
            "citizen_id",
            "grant_id",
            pl.col("provider_id").alias("offer_id"),
            "target_group",
            "own_offer_id",
            "run_rate",
            "own_run_rate",
            "saving",
        )
        .sort(["municipality", "saving"], descending=[False, True])
    )

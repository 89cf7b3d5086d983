"""A business case before the decision (docs/economics.md): yearly costs and expected
savings, discounted at a yearly rate, give the net present value, the break-even year and
the return per krone. Year ``t = 0`` is the first year and is not discounted.

Expected savings may be typed in, or derived from a cohort's grants and an assumed effect
(:func:`expected_savings`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl

from socialstyring.core.costs import run_rate_expr

DEFAULT_RATE = 0.035  # 3,5 % a year


@dataclass(frozen=True)
class BusinessCase:
    years: pl.DataFrame  # t, year, cost, saving, net, discount, cumulative_net (discounted)
    npv: float
    break_even: int | None  # the first t whose cumulative discounted net is ≥ 0
    break_even_year: int | None  # the same as a calendar year
    return_per_krone: float | None  # None when there is no cost
    present_cost: float
    present_saving: float


def business_case(
    costs: list[float], savings: list[float], *, rate: float = DEFAULT_RATE, first_year: int = 0
) -> BusinessCase:
    """The business case of ``costs[t]`` and ``savings[t]``; the shorter list counts as 0."""
    horizon = max(len(costs), len(savings))
    years = pl.DataFrame(
        {
            "t": list(range(horizon)),
            "cost": [float(costs[t]) if t < len(costs) else 0.0 for t in range(horizon)],
            "saving": [float(savings[t]) if t < len(savings) else 0.0 for t in range(horizon)],
        },
        schema={"t": pl.Int64, "cost": pl.Float64, "saving": pl.Float64},
    ).with_columns(
        (pl.col("t") + first_year).alias("year"),
        (pl.col("saving") - pl.col("cost")).alias("net"),
        (1.0 / (1.0 + rate) ** pl.col("t").cast(pl.Float64)).alias("discount"),
    )
    years = years.with_columns(
        (pl.col("net") * pl.col("discount")).alias("present_net"),
    ).with_columns(pl.col("present_net").cum_sum().alias("cumulative_net"))
    present_cost = float((years["cost"] * years["discount"]).sum())
    present_saving = float((years["saving"] * years["discount"]).sum())
    # A tolerance of a thousandth of a krone: typed-in amounts in floating point.
    even = years.filter(pl.col("cumulative_net") >= -1e-3)["t"]
    break_even = int(even[0]) if even.len() else None
    return BusinessCase(
        years=years.select(
            "t", "year", "cost", "saving", "net", "discount", "present_net", "cumulative_net"
        ),
        npv=float(years["present_net"].sum()) if horizon else 0.0,
        break_even=break_even,
        break_even_year=None if break_even is None else break_even + first_year,
        return_per_krone=present_saving / present_cost if present_cost else None,
        present_cost=present_cost,
        present_saving=present_saving,
    )


def expected_savings(
    cohort: pl.DataFrame,
    day: dt.date,
    *,
    share_closed: float = 0.0,
    hours_reduced_pct: float = 0.0,
    horizon: int = 3,
) -> list[float]:
    """A yearly saving from an assumed effect on a cohort's grants, the same each year:
    ``share_closed`` of the cohort's run rate on ``day`` (cases closed), plus
    ``hours_reduced_pct`` % of the run rate of the remaining ``hour`` grants."""
    rates = cohort.select(
        run_rate_expr(day).sum().alias("all"),
        run_rate_expr(day).filter(pl.col("price_unit") == "hour").sum().alias("hours"),
    )
    closed = float(rates["all"][0] or 0.0) * share_closed
    fewer_hours = float(rates["hours"][0] or 0.0) * (1.0 - share_closed) * hours_reduced_pct / 100
    return [closed + fewer_hours] * horizon

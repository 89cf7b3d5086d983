"""Expected inflow: the cost in the rest of the year of grants not yet known on the cut.

For each of up to four past years ``y`` the same cut is replayed (same day of the year):
``I_y`` is what grants registered after that cut cost from the day after it to 31 December
of ``y``, as now known. Using the same cut carries the season (more grants arrive after the
summer than before Christmas) and the cost shape of a grant's first months (late
registrations, early endings of new grants) without modelling either. ``I_y`` is scaled by
the trend ``g_y``: the value of grants arriving in the twelve months before today's cut over
that before the past year's cut. The estimate is the mean of ``g_y · I_y``.

The uncertainty is a compound Poisson one (arrivals are independent, each with its own cost:
``Var = inflow · E[x²] / E[x]`` from the past years' arriving grants) plus the spread between
years beyond that, both inflated by ``1 + 1/K`` for estimating from ``K`` years.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import polars as pl

from socialstyring.core.costs import cost_expr
from socialstyring.core.periods import year_end_inclusive, year_start
from socialstyring.core.projection.endings import rest_months, rest_of_year
from socialstyring.terms import UNASSIGNED

HISTORY_YEARS = 4
TREND_DAYS = 365
TREND_LIMITS = (0.5, 2.0)  # a trend outside this is a data problem, not growth
_SLACK = dt.timedelta(days=30)  # how late the data may begin and still cover a period
_PER_YEAR = {"day": 365.0, "week": 365.0 / 7.0, "hour": 365.0 / 7.0, "month": 12.0, "year": 1.0}


@dataclass
class InflowEstimate:
    groups: pl.DataFrame  # the ``by`` column, inflow, inflow_var
    total: float = 0.0
    total_var: float = 0.0
    years: list[int] = field(default_factory=list)
    per_month: dict[int, float] = field(default_factory=dict)


def same_cut(as_of: dt.date, years_back: int) -> dt.date:
    """The same day ``years_back`` years earlier (29 February becomes 28 February)."""
    try:
        return as_of.replace(year=as_of.year - years_back)
    except ValueError:
        return as_of.replace(year=as_of.year - years_back, day=28)


def _registered() -> pl.Expr:
    return pl.col("registered").fill_null(pl.col("start"))


def _annual_value() -> pl.Expr:
    """What a grant is worth per year at its price (a one-off: its price)."""
    per_year = pl.col("price_unit").replace_strict(_PER_YEAR, default=1.0, return_dtype=pl.Float64)
    return pl.col("price") * pl.col("quantity") * per_year


def _window(cut: dt.date, data_start: dt.date) -> tuple[dt.date, dt.date, int]:
    """The twelve months up to ``cut`` (days before the data begins are not counted)."""
    first = max(cut - dt.timedelta(days=TREND_DAYS - 1), data_start)
    return first, cut, (cut - first).days + 1


def arrival_rates(known: pl.DataFrame, cuts: list[dt.date], data_start: dt.date) -> list[float]:
    """Value of grants registered per day in the twelve months up to each cut, in one pass."""
    windows = [_window(cut, data_start) for cut in cuts]
    earliest = min(a for a, _b, _days in windows)
    values = (
        known.lazy()
        .select(_registered().alias("_r"), pl.col("price_unit"), pl.col("price"), "quantity")
        .filter(pl.col("_r") >= earliest)
        .select("_r", _annual_value().alias("_v"))
    )
    sums = (
        values.select(
            pl.col("_v").filter(pl.col("_r").is_between(a, b)).sum().alias(str(i))
            for i, (a, b, _days) in enumerate(windows)
        )
        .collect()
        .row(0)
    )
    return [
        float(total or 0.0) / days if days > 0 else 0.0
        for total, (_a, _b, days) in zip(sums, windows, strict=True)
    ]


def complete_from(known: pl.DataFrame) -> dt.date:
    """The first day from which the data holds every grant: its earliest start, or, for an
    export of grants active since some day (ended grants before it left out), its earliest
    end date, whichever is later."""
    row = known.select(pl.col("start").min(), pl.col("end").min()).row(0)
    return max(d for d in row if d is not None)


def usable_years(known: pl.DataFrame, year: int, as_of: dt.date) -> list[int]:
    """Past years whose rest after the replayed cut is over and which the data covers: it
    begins by 31 January of the year and holds every grant running after the cut."""
    if known.height == 0:
        return []
    first = complete_from(known)
    years = []
    for back in range(1, HISTORY_YEARS + 1):
        y = year - back
        cut = same_cut(as_of, back)
        begins = known.select(pl.col("start").min()).item() <= year_start(y) + _SLACK
        if year_end_inclusive(y) > as_of or not begins or first > cut + _SLACK:
            continue
        years.append(y)
    return years


def estimate_inflow(
    known: pl.DataFrame, year: int, as_of: dt.date, by: str, *, by_month: bool = False
) -> InflowEstimate:
    """Inflow per value of ``by`` (and in total) for ``year`` as of ``as_of``."""
    empty = pl.DataFrame(schema={by: known.schema.get(by, pl.String)})
    empty = empty.with_columns(pl.lit(0.0).alias("inflow"), pl.lit(0.0).alias("inflow_var")).clear()
    years = usable_years(known, year, as_of)
    if not years:
        return InflowEstimate(empty)
    data_start = complete_from(known)
    cuts = [same_cut(as_of, year - y) for y in years]
    rate_now, *rates = arrival_rates(known, [as_of, *cuts], data_start)
    group = pl.col(by).fill_null(UNASSIGNED) if by != "account" else pl.col(by)
    parts, per_month = [], dict.fromkeys(range(1, 13), 0.0)
    lazy = known.lazy()
    for y, cut, rate in zip(years, cuts, rates, strict=True):
        past = rest_of_year(y, cut)  # None: the cut is at or after 31 December
        g = min(max(rate_now / rate, TREND_LIMITS[0]), TREND_LIMITS[1]) if rate > 0 else 1.0
        # Only grants registered after the cut that can cost anything in y.
        arrivals = lazy.filter(
            (_registered() > cut)
            & (pl.col("start") <= year_end_inclusive(y))
            & (pl.col("end").is_null() | (pl.col("end") >= year_start(y)))
        )
        # Late registrations' cost before the cut: in the outcome, not in the inflow; it
        # widens the interval (below) instead.
        spent_until = min(cut, year_end_inclusive(y))
        before = (
            g * cost_expr(year_start(y), spent_until) if cut >= year_start(y) else pl.lit(0.0)
        ).alias("late")
        rest_cost = g * cost_expr(*past) if past is not None else pl.lit(0.0)
        parts.append(
            arrivals.select(
                group.alias(by),
                rest_cost.alias("x"),
                before,
                pl.lit(y).alias("year"),
            )
        )
        if by_month:
            months = rest_months(y, cut)
            month_sums = (
                arrivals.select(cost_expr(a, b).sum().alias(str(m)) for m, a, b in months)
                .collect()
                .row(0)
            )
            for (m, _a, _b), v in zip(months, month_sums, strict=True):
                per_month[m] += g * float(v)
    k = len(years)
    grants = pl.concat(parts).filter((pl.col("x") != 0) | (pl.col("late") != 0)).collect()
    sums = [
        pl.col("x").sum().alias("i"),
        (pl.col("x") ** 2).sum().alias("s2"),
        pl.col("late").sum().alias("late"),
        (pl.col("late") ** 2).sum().alias("late_s2"),
    ]
    groups = _combine(grants.group_by(by, "year").agg(sums), [by], k)
    totals = _combine(grants.group_by("year").agg(sums), [], k)
    total = float(totals["inflow"][0]) if totals.height else 0.0
    total_var = float(totals["inflow_var"][0]) if totals.height else 0.0
    return InflowEstimate(
        groups.select(by, "inflow", "inflow_var"),
        total,
        total_var,
        years,
        {m: v / k for m, v in per_month.items() if v} if by_month else {},
    )


def _combine(yearly: pl.DataFrame, keys: list[str], k: int) -> pl.DataFrame:
    """Mean over ``k`` years (a year without arrivals counts as 0) and its predictive variance."""
    if yearly.height == 0:
        schema: dict[str, pl.DataType] = {c: yearly.schema[c] for c in keys}
        schema.update(inflow=pl.Float64(), inflow_var=pl.Float64())
        return pl.DataFrame(schema=schema)
    agg = [
        (pl.col("i").sum() / k).alias("inflow"),
        (pl.col("s2").sum() / k).alias("poisson"),
        ((pl.col("i") ** 2).sum() / k).alias("square"),
        (pl.col("late").sum() / k).alias("late"),
        (pl.col("late_s2").sum() / k).alias("late_s2"),
    ]
    frame = yearly.group_by(keys).agg(agg) if keys else yearly.select(agg)
    # Sample variance over the k years (zeros included), less what Poisson noise explains.
    spread = (
        ((pl.col("square") - pl.col("inflow") ** 2) * k / (k - 1) - pl.col("poisson")).clip(0.0)
        if k > 1
        else pl.lit(0.0)
    )
    # The late registrations' cost before the cut counts as a bias: its square and its own
    # Poisson spread join the variance, so the interval can reach the outcome in December.
    late = pl.col("late") ** 2 + pl.col("late_s2")
    return frame.with_columns(
        ((pl.col("poisson") + spread) * (1.0 + 1.0 / k) + late).alias("inflow_var")
    )

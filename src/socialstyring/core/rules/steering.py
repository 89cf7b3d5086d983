"""What case steering computes from grants: a focus area's progress against its frozen
cohort, the saving of a review's outcome, and the plan of due case reviews.

All frame in, frame out; the terms are the grant columns (``price``, ``price_unit``,
``quantity``, ``start``, ``end``) and the cost rule is ``core/costs``.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from socialstyring.core.costs import cost_expr, run_rate_expr
from socialstyring.core.rules.courses import months_between

CLOSED, HOURS_REDUCED, CONVERTED, UNCHANGED = "closed", "hours_reduced", "converted", "unchanged"
MOVED_TO_ADULTS = "moved_to_adults"
OUTCOMES = (CLOSED, HOURS_REDUCED, CONVERTED, MOVED_TO_ADULTS, UNCHANGED)


def _year(as_of: dt.date) -> tuple[dt.date, dt.date]:
    return dt.date(as_of.year, 1, 1), dt.date(as_of.year, 12, 31)


def progress(cohort: pl.DataFrame, current: pl.DataFrame, as_of: dt.date) -> pl.DataFrame:
    """Per cohort grant: its status now, the run rate at the start (frozen) and now, and
    what is saved per year and this year. ``cohort``: ``grant_id``, the frozen terms and
    ``run_rate``; ``current``: the grants as they are now (one no longer there is closed).
    Saved this year is the year's cost at the frozen terms (running on unchanged) less the
    year's cost at today's terms; saved per year is the run rate's fall."""
    first, last = _year(as_of)
    frozen = cohort.with_columns(cost_expr(first, last).alias("cost_year_frozen"))
    now = current.filter(pl.col("grant_id").is_in(cohort["grant_id"].implode())).select(
        "grant_id",
        cost_expr(first, last).alias("cost_year_now"),
        run_rate_expr(as_of).alias("run_rate_now"),
        pl.col("price").alias("price_now"),
        pl.col("price_unit").alias("unit_now"),
        pl.col("quantity").alias("quantity_now"),
    )
    joined = frozen.join(now, on="grant_id", how="left").with_columns(
        pl.col("cost_year_now").fill_null(0.0), pl.col("run_rate_now").fill_null(0.0)
    )
    status = (
        pl.when(pl.col("run_rate_now") <= 0)
        .then(pl.lit(CLOSED))
        .when(
            (pl.col("unit_now") == "hour")
            & (pl.col("price_unit") == "hour")
            & (pl.col("quantity_now") < pl.col("quantity"))
        )
        .then(pl.lit(HOURS_REDUCED))
        .when(
            (pl.col("unit_now") != pl.col("price_unit")) | (pl.col("price_now") < pl.col("price"))
        )
        .then(pl.lit(CONVERTED))
        .otherwise(pl.lit(UNCHANGED))
    )
    return joined.with_columns(
        status.alias("status"),
        (pl.col("run_rate") - pl.col("run_rate_now")).alias("saved_per_year"),
        (pl.col("cost_year_frozen") - pl.col("cost_year_now")).alias("saved_this_year"),
    )


def outcome_saving(
    old: dict,
    outcome: str,
    effective: dt.date,
    as_of: dt.date,
    *,
    new_quantity: float | None = None,
    new_price: float | None = None,
    new_unit: str | None = None,
    wind_down: dt.date | None = None,
) -> tuple[float, float]:
    """(saved this year, saved per year) of a review outcome from the grant's old terms
    (``old``: price, price_unit, quantity, start, end) and its new ones from ``effective``
    (:func:`after_outcomes`, the same rule the forecast's decided column uses)."""
    first, last = _year(as_of)
    base = {k: [old.get(k)] for k in ("price", "price_unit", "quantity", "start", "end")}
    schema = {
        "price": pl.Float64,
        "price_unit": pl.String,
        "quantity": pl.Float64,
        "start": pl.Date,
        "end": pl.Date,
    }
    before = pl.DataFrame(base, schema=schema).with_columns(registered=pl.col("start"))
    after = after_outcomes(
        before.with_columns(
            pl.lit(outcome, pl.String).alias("outcome"),
            pl.lit(effective, pl.Date).alias("effective"),
            pl.lit(wind_down, pl.Date).alias("wind_down"),
            pl.lit(new_quantity, pl.Float64).alias("new_quantity"),
            pl.lit(new_price, pl.Float64).alias("new_price"),
            pl.lit(new_unit, pl.String).alias("new_unit"),
        )
    )
    year_before = before.select(cost_expr(first, last)).item()
    year_after = after.select(cost_expr(first, last).sum()).item()
    day = max(effective, as_of)
    rate_before = before.select(run_rate_expr(day)).item()
    rate_after = after.select(run_rate_expr(day).sum()).item()
    return float(year_before - year_after), float(rate_before - rate_after)


OUTCOME_SCHEMA = {
    "outcome": pl.String,
    "effective": pl.Date,
    "wind_down": pl.Date,
    "new_quantity": pl.Float64,
    "new_price": pl.Float64,
    "new_unit": pl.String,
}
"""The columns of an outcome beside a grant's terms (:func:`after_outcomes`)."""


def after_outcomes(frame: pl.DataFrame) -> pl.DataFrame:
    """Grant rows (their terms and an outcome's columns, :data:`OUTCOME_SCHEMA`) as they
    stand once each outcome has taken effect, one or two rows per grant, vectorised.

    Closed: the grant ends on the wind-down day (default the day before ``effective``).
    Hours reduced (with new hours) and converted: the grant ends the day before
    ``effective`` and a second row runs on the new terms from ``effective`` (a new price
    or unit left empty keeps the old one). Moved to the adults' area and unchanged: the
    grant as it is (the cost stays; where it lands is the case system's registration)."""
    outcome, effective = pl.col("outcome"), pl.col("effective")
    day_before = effective.dt.offset_by("-1d")
    new_unit = pl.col("new_unit").fill_null("")
    changes_terms = ((outcome == HOURS_REDUCED) & pl.col("new_quantity").is_not_null()) | (
        outcome == CONVERTED
    )
    stop = (
        pl.when(outcome == CLOSED)
        .then(pl.col("wind_down").fill_null(day_before))
        .when(changes_terms)
        .then(day_before)
    )
    old_part = frame.with_columns(
        pl.when(stop.is_not_null())
        .then(pl.min_horizontal(pl.col("end").fill_null(stop), stop))
        .otherwise(pl.col("end"))
        .alias("end")
    )
    new_part = frame.filter(changes_terms).with_columns(
        pl.max_horizontal(pl.col("start"), effective).alias("start"),
        pl.when(outcome == HOURS_REDUCED)
        .then(pl.col("new_quantity"))
        .otherwise(pl.col("quantity"))
        .alias("quantity"),
        pl.when(outcome == CONVERTED)
        .then(pl.col("new_price").fill_null(pl.col("price")))
        .otherwise(pl.col("price"))
        .alias("price"),
        pl.when((outcome == CONVERTED) & (new_unit != ""))
        .then(new_unit)
        .otherwise(pl.col("price_unit"))
        .alias("price_unit"),
    )
    if "registered" in frame.columns:
        new_part = new_part.with_columns(pl.col("start").alias("registered"))
    return pl.concat([old_part, new_part])


def review_plan(
    cases: pl.DataFrame, reviews: pl.DataFrame, months: int, alternation: list[dict], as_of: dt.date
) -> pl.DataFrame:
    """Due reviews: ``cases`` (``grant_id``, ``course_start``, …) with the last review
    (``reviews``: ``grant_id``, ``reviewed_on``) plus ``months``, or the course start plus
    ``months`` when there is none; overdue when the due day is before ``as_of``. With an
    ``alternation`` the next kind and reviewer role follow the number of reviews so far."""
    last = reviews.group_by("grant_id").agg(
        pl.col("reviewed_on").max().alias("last_review"), pl.len().alias("reviews")
    )
    plan = cases.join(last, on="grant_id", how="left").with_columns(pl.col("reviews").fill_null(0))
    base = pl.coalesce("last_review", "course_start")
    plan = plan.with_columns(base.dt.offset_by(f"{months}mo").alias("due"))
    plan = plan.with_columns(
        (pl.col("due") < pl.lit(as_of, dtype=pl.Date)).alias("overdue"),
        months_between(pl.col("due"), as_of).alias("months_overdue"),
    )
    if alternation:
        kinds = [a.get("kind", "") for a in alternation]
        roles = [a.get("role", "") for a in alternation]
        index = pl.col("reviews") % len(alternation)
        plan = plan.with_columns(
            index.replace_strict(dict(enumerate(kinds)), return_dtype=pl.String).alias("next_kind"),
            index.replace_strict(dict(enumerate(roles)), return_dtype=pl.String).alias("next_role"),
        )
    else:
        plan = plan.with_columns(next_kind=pl.lit(""), next_role=pl.lit(""))
    return plan.sort("due", "grant_id")


def monthly_cost(grants: pl.DataFrame, year: int) -> list[float]:
    """The grants' cost in each month of ``year`` by the cost rule (12 sums)."""
    months = []
    for month in range(1, 13):
        first = dt.date(year, month, 1)
        last = (dt.date(year + month // 12, month % 12 + 1, 1)) - dt.timedelta(days=1)
        months.append(first)
        months.append(last)
    if grants.height == 0:
        return [0.0] * 12
    sums = grants.select(
        cost_expr(months[2 * i], months[2 * i + 1]).sum().alias(str(i)) for i in range(12)
    )
    return [float(v) for v in sums.row(0)]

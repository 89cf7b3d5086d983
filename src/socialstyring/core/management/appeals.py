"""The reversal rate of appeals (omgørelsesprocent): (changed + annulled + returned) ÷
(changed + annulled + returned + upheld); rejected appeals are decided on no merits and left
out, pending ones (no decision yet) have no year and count only as pending."""

from __future__ import annotations

import polars as pl

from socialstyring.terms import APPEAL_OUTCOMES, AREAS, MERITS_OUTCOMES, REVERSED_OUTCOMES

OUTCOMES = APPEAL_OUTCOMES.values
GROUP_KEYS = ("year", "area", "paragraph", "team")
BY_FIELDS = ("area", "paragraph", "team")  # what --by may name besides the year and area


def reversal_rate() -> pl.Expr:
    """Unrounded reversal rate of columns holding the outcome counts; null with no case
    decided on the merits."""
    reversed_ = pl.sum_horizontal(*(pl.col(o) for o in REVERSED_OUTCOMES))
    merits = pl.sum_horizontal(*(pl.col(o) for o in MERITS_OUTCOMES))
    return pl.when(merits > 0).then(reversed_ / merits).alias("reversal_rate")


def _decided(appeals: pl.DataFrame, year: int | None) -> pl.DataFrame:
    decided = appeals.filter(pl.col("outcome").is_not_null()).with_columns(
        pl.col("outcome_date").dt.year().cast(pl.Int64).alias("year")
    )
    return decided if year is None else decided.filter(pl.col("year") == year)


def _counts(frame: pl.DataFrame, keys: list[str]) -> pl.DataFrame:
    counts = [(pl.col("outcome") == o).sum().cast(pl.Int64).alias(o) for o in OUTCOMES]
    if keys:
        return frame.group_by(keys).agg(counts)
    return frame.select(counts)


def appeal_groups(appeals: pl.DataFrame, by: str = "area", year: int | None = None) -> pl.DataFrame:
    """One row per year of Ankestyrelsen's decision and area, and per paragraph or team when
    ``by`` names it; the keys not grouped on are null. Sorted by year, area (in the registry's
    order: children, adults), then the paragraph or team (nulls last)."""
    if by not in BY_FIELDS:
        raise ValueError(by)
    keys = ["year", "area", *([by] if by != "area" else [])]
    grouped = _counts(_decided(appeals, year), keys)
    area_order = pl.col("area").replace_strict(
        {a: i for i, a in enumerate(AREAS.values)}, default=len(AREAS.values), return_dtype=pl.Int64
    )
    return (
        grouped.with_columns(
            *(pl.lit(None, pl.String).alias(k) for k in GROUP_KEYS if k not in keys),
            reversal_rate(),
            area_order.alias("_area_order"),
        )
        .sort(["year", "_area_order", *keys[2:]], nulls_last=True)
        .select(*GROUP_KEYS, *OUTCOMES, "reversal_rate")
    )


def appeal_total(appeals: pl.DataFrame, year: int | None = None) -> dict[str, object]:
    """The same counts and rate over every selected decided case, and every pending case."""
    row = _counts(_decided(appeals, year), []).with_columns(reversal_rate())
    total = row.to_dicts()[0]
    total["pending"] = appeals.filter(pl.col("outcome").is_null()).height
    return total


def yearly_rates(appeals: pl.DataFrame) -> pl.DataFrame:
    """The municipality's reversal rate per year, all areas together: the trend."""
    return _counts(_decided(appeals, None), ["year"]).with_columns(reversal_rate()).sort("year")

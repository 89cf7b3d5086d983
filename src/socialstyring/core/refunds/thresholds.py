"""The refund thresholds of a year: its own price level when it has all three tiers, else
the latest earlier level that has (docs/refunds.md)."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

TIERS = (1, 2, 3)


class NoThresholdLevel(ValueError):
    """No price level up to the year has all three tiers."""

    def __init__(self, year: int):
        super().__init__(year)
        self.year = year


@dataclass(frozen=True)
class Thresholds:
    year: int  # the year the refund is for
    level: int  # the price level whose thresholds are used
    limits: tuple[float, float, float]  # T1 < T2 < T3, kroner a year
    rates: tuple[float, float, float]  # the share refunded above each
    source: str = ""

    @property
    def is_fallback(self) -> bool:
        """The year has no level of its own, so an earlier one is used (and must be said)."""
        return self.level != self.year

    @property
    def monthly(self) -> tuple[float, float, float]:
        return tuple(t / 12.0 for t in self.limits)  # type: ignore[return-value]


def thresholds_for(table: pl.DataFrame, year: int) -> Thresholds:
    """``table`` has ``price_level``, ``tier``, ``threshold``, ``rate`` (``scheme`` and
    ``source`` optional). The scheme does not matter: where a level has a tier twice, the
    first row in scheme order counts."""
    rows = (
        table.filter(pl.col("price_level") <= year, pl.col("tier").is_in(TIERS))
        .sort("price_level", *(["scheme"] if "scheme" in table.columns else []))
        .unique(["price_level", "tier"], keep="first", maintain_order=True)
    )
    complete = (
        rows.group_by("price_level").agg(pl.len().alias("n")).filter(pl.col("n") == len(TIERS))
    )
    if complete.height == 0:
        raise NoThresholdLevel(year)
    level = int(complete["price_level"].max())  # type: ignore[arg-type]
    chosen = rows.filter(pl.col("price_level") == level).sort("tier")
    source = chosen["source"][0] if "source" in chosen.columns else ""
    return Thresholds(
        year=year,
        level=level,
        limits=tuple(float(v) for v in chosen["threshold"]),  # type: ignore[arg-type]
        rates=tuple(float(v) for v in chosen["rate"]),  # type: ignore[arg-type]
        source=source or "",
    )


def tier_refund(expense: pl.Expr, limits: tuple[float, ...], rates: tuple[float, ...]) -> pl.Expr:
    """``r1·max(0, min(m, t2) − t1) + r2·max(0, min(m, t3) − t2) + r3·max(0, m − t3)``;
    with annual limits it is the yearly-sum rule the monthly rule replaces."""
    t1, t2, t3 = limits
    r1, r2, r3 = rates

    def band(low: float, high: float | None) -> pl.Expr:
        top = expense if high is None else pl.min_horizontal(expense, pl.lit(high))
        return pl.max_horizontal(top - low, pl.lit(0.0))

    return r1 * band(t1, t2) + r2 * band(t2, t3) + r3 * band(t3, None)


def near_threshold(annual: pl.Expr, limits: tuple[float, ...]) -> pl.Expr:
    """The lowest tier ``i`` whose ``[0,9 × T_i, T_i)`` holds the annual expense, else null."""
    out = pl.lit(None, dtype=pl.Int64)
    for tier, limit in reversed(list(zip(TIERS, limits, strict=True))):
        out = pl.when((annual >= 0.9 * limit) & (annual < limit)).then(tier).otherwise(out)
    return out

"""The management start page: the year's expected deviation (and any further totals the
forecast carries, such as refunds or a projection), the key figures against the comparison
group, the reversal rate against the country's, and each action plan's status."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from socialstyring.terms import MEASURE_FIELDS, MEASURES_BY_FIELD


@dataclass(frozen=True)
class PlanSummary:
    pk: int
    title: str
    statuses: dict[str, int]  # status code → number of targets

    @property
    def counts(self) -> list[tuple[str, str, int]]:
        """(code, label, count) in the statuses' order."""
        from socialstyring.terms.management import TARGET_STATUSES

        return [
            (code, TARGET_STATUSES.label(code), self.statuses[code])
            for code in TARGET_STATUSES.values
            if code in self.statuses
        ]


@dataclass(frozen=True)
class StartPage:
    year: int
    as_of: dt.date
    totals: dict[str, Any]
    further_totals: list[tuple[str, str, Any]]  # (field, label, value) beyond the measures
    key_figures: list[dict[str, Any]]  # the latest year of each figure
    reversal: dict[str, Any] | None  # year, rate, national
    plans: list[PlanSummary] = field(default_factory=list)


def _latest(comparison: pl.DataFrame) -> list[dict[str, Any]]:
    own = comparison.filter(pl.col("own").is_not_null())
    if own.height == 0:
        return []
    from socialstyring.terms.management import KEY_FIGURES

    order = {k.code: i for i, k in enumerate(KEY_FIGURES)}
    latest = own.sort("year").group_by("code").last().to_dicts()
    return sorted(latest, key=lambda row: order.get(row["code"], len(order)))


def start_page(year: int, as_of: dt.date) -> StartPage:
    from socialstyring.core.management.appeals import yearly_rates
    from socialstyring.services import forecasting
    from socialstyring.services.management import appeals, key_figures, plans
    from socialstyring.services.management.figures import LiveFigures

    result = forecasting.compute(forecasting.inputs_from_database(year, as_of), year, as_of)
    further = [
        (name, str(MEASURES_BY_FIELD[name].label) if name in MEASURES_BY_FIELD else name, value)
        for name, value in result.totals.items()
        if name not in MEASURE_FIELDS
    ]
    figures = key_figures.key_figures(as_of)
    rates = yearly_rates(appeals.appeals_from_database())
    reversal = None
    if rates.height:
        last = rates.filter(pl.col("reversal_rate").is_not_null()).tail(1).to_dicts()
        if last:
            national = key_figures.national_reversal_rates()
            reversal = {**last[0], "national": national.get(last[0]["year"])}
    live = LiveFigures(as_of)
    summaries = []
    for action_plan in plans.plans():
        report = plans.status_report(action_plan, as_of, figures=live)
        counts = Counter(t.status for s in report.sections for t in s.targets)
        summaries.append(PlanSummary(action_plan.pk, action_plan.title, dict(counts)))
    return StartPage(
        year, as_of, result.totals, further, _latest(figures.comparison), reversal, summaries
    )

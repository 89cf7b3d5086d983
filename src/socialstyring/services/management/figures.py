"""The live figures an action plan's targets are tied to, as of a day. The measure is
pluggable: each kind in ``MEASURES`` turns a target's reference and a year into a number
(an account's or a paragraph's expected spending, the spending at external providers, a
key figure, a count of families, a focus rule's count or cost)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import polars as pl

from socialstyring.io.writers.status_report import TrendPoint
from socialstyring.terms import PROVIDER_TYPES, FileKind

TREND_YEARS = 5


class LiveFigures:
    """Figures as of ``as_of``, each year's forecast and the key figures computed once."""

    def __init__(self, as_of: dt.date):
        self.as_of = as_of
        self._forecasts: dict[tuple[int, str], pl.DataFrame] = {}
        self._key_figures: pl.DataFrame | None = None
        self._grants: pl.DataFrame | None = None
        self._rules: dict[tuple[str, dt.date], Any] = {}

    def forecast(self, year: int, by: str = "account") -> pl.DataFrame:
        if (year, by) not in self._forecasts:
            from socialstyring.services import forecasting

            inputs = forecasting.inputs_from_database(year, self.as_of, by)
            self._forecasts[year, by] = forecasting.compute(inputs, year, self.as_of, by).table
        return self._forecasts[year, by]

    def paragraph_expected(self, reference: str, year: int) -> float | None:
        """The expected spending of ``year`` on grants under the paragraphs named."""
        paragraphs = [p.strip() for p in reference.split(",") if p.strip()]
        rows = self.forecast(year, "paragraph").filter(pl.col("paragraph").is_in(paragraphs))
        return float(rows["expected"].sum()) if rows.height else None

    def external_expected(self, _reference: str, year: int) -> float | None:
        """The expected spending of ``year`` at providers other than the municipality's own."""
        table = self.forecast(year, "provider_type")
        if table.height == 0:
            return None
        external = pl.col("provider_type").is_in(list(PROVIDER_TYPES.values)) & (
            pl.col("provider_type") != "own"
        )
        return float(table.filter(external)["expected"].sum())

    def families_several_grants(self, reference: str, year: int) -> float | None:
        """Families with more than one active grant for a child aged ``reference`` (e.g.
        ``13-18``), counted on 31 December of ``year`` or on the as-of day."""
        from socialstyring.core.management.key_figures import count_day
        from socialstyring.core.management.measures import families_with_several_grants

        lo, _sep, hi = reference.partition("-")
        if not (lo.strip().isdigit() and hi.strip().isdigit()) or year > self.as_of.year:
            return None
        if self._grants is None:
            from socialstyring.storage import frames

            columns = ["citizen_id", "family_id", "birth_date", "area", "start", "end"]
            self._grants = frames.load_kind(FileKind.GRANTS, [*columns, "registered", "price_unit"])
        day = count_day(year, self.as_of)
        return float(families_with_several_grants(self._grants, day, (int(lo), int(hi))))

    def account_expected(self, reference: str, year: int) -> float | None:
        """The expected spending of ``year`` on the accounts named (comma-separated; a
        shorter number such as ``5.28`` takes every account under it)."""
        accounts = [a.strip() for a in reference.split(",") if a.strip()]
        table = self.forecast(year)
        if table.height == 0 or not accounts:
            return None
        under = pl.any_horizontal(
            *(
                (pl.col("account") == a) | pl.col("account").str.starts_with(a + ".")
                for a in accounts
            )
        )
        rows = table.filter(under)
        return float(rows["expected"].sum()) if rows.height else None

    def key_figure(self, reference: str, year: int) -> float | None:
        """The municipality's key figure ``reference`` (a code) of ``year``, as a whole."""
        if self._key_figures is None:
            from socialstyring.services.management.key_figures import key_figures

            self._key_figures = key_figures(self.as_of).figures
        rows = self._key_figures.filter(
            (pl.col("code") == reference.strip())
            & (pl.col("year") == year)
            & pl.col("dimension").is_null()
        )
        return float(rows["value"][0]) if rows.height else None

    def _rule_result(self, reference: str, year: int):
        """The focus rule ``reference`` (its code) evaluated on 31 December of ``year``, or on
        the as-of day in the current year (the case-steering rule language)."""
        from socialstyring.core.management.key_figures import count_day
        from socialstyring.services.casework import focus, rulebook

        rule = rulebook.rule(reference.strip())
        if rule is None or year > self.as_of.year:
            return None
        day = count_day(year, self.as_of)
        if (rule.code, day) not in self._rules:
            self._rules[rule.code, day] = focus.focus_from_database(day, [rule]).results[0]
        return self._rules[rule.code, day]

    def rule_count(self, reference: str, year: int) -> float | None:
        """How many the focus rule finds (its hits: citizens or households)."""
        result = self._rule_result(reference, year)
        return float(result.count) if result is not None else None

    def rule_cost(self, reference: str, year: int) -> float | None:
        """This year's cost of the grants the focus rule finds."""
        result = self._rule_result(reference, year)
        return result.cost_this_year if result is not None else None

    def value(self, measure: str, reference: str, year: int) -> float | None:
        return MEASURES[measure](self, reference, year)

    def trend(self, measure: str, reference: str, last_year: int) -> tuple[TrendPoint, ...]:
        """The figure of each of the five years up to ``last_year`` (and the as-of year)."""
        end = min(last_year, self.as_of.year)
        points = (
            TrendPoint(year, self.value(measure, reference, year))
            for year in range(end - TREND_YEARS + 1, end + 1)
        )
        return tuple(p for p in points if p.value is not None)


MEASURES: dict[str, Callable[[LiveFigures, str, int], float | None]] = {
    "account_expected": LiveFigures.account_expected,
    "key_figure": LiveFigures.key_figure,
    "paragraph_expected": LiveFigures.paragraph_expected,
    "external_expected": LiveFigures.external_expected,
    "families_several_grants": LiveFigures.families_several_grants,
    "rule_count": LiveFigures.rule_count,
    "rule_cost": LiveFigures.rule_cost,
}

"""The overview's projection columns (``?projection=1``): merged into its rows, the chart of
the year with the projected path and band, and the download with the five columns."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from socialstyring.services import projection
from socialstyring.services.followups import account_names
from socialstyring.terms import PROJECTION_FIELDS, PROJECTION_MEASURES, UNASSIGNED, Grouping


@dataclass
class ProjectedOverview:
    field: str  # the grant field the overview groups by
    by_value: dict[str, dict[str, float]]
    totals: dict[str, float | None]
    chart: str
    inflow_years: list[int]

    @property
    def headers(self) -> list[str]:
        """The five columns' headers, from the registry (the interval's bounds short)."""
        return [
            m.label if m.field in ("inflow", "early_endings", "projected") else m.short
            for m in PROJECTION_MEASURES
        ]

    @classmethod
    def build(cls, year: int, as_of: dt.date, group: Grouping) -> ProjectedOverview:
        result = projection.overview(year, as_of, group.field)
        values = {
            (row[group.field] if row[group.field] is not None else UNASSIGNED): {
                f: row[f] for f in PROJECTION_FIELDS
            }
            for row in result.table.iter_rows(named=True)
        }
        chart = ""
        if group.is_account:
            total = result.totals
            spread = float((total["projected_high"] or 0.0) - (total["projected"] or 0.0))
            chart = projection.year_chart(
                year, as_of, float(total["budget"] or 0.0), spread, total["inflow"]
            )
        return cls(group.field, values, result.totals, chart, result.inflow_years)

    def merged(self, rows: list[dict], chart: str) -> tuple[list[dict], str]:
        """The overview's rows with the five figures of their group; the projected chart."""
        merged = []
        for row in rows:
            value = row[self.field] if row[self.field] is not None else UNASSIGNED
            figures = self.by_value.get(value, {})
            link = row.get("link", "") + "&projection=1"  # the drill-down shows early endings
            merged.append(
                {**row, "link": link, **{f: figures.get(f, 0.0) for f in PROJECTION_FIELDS}}
            )
        return merged, self.chart or chart


def projected_download(year: int, as_of: dt.date, group: Grouping, fmt: str):
    result = projection.overview(year, as_of, group.field)
    return projection.overview_download(result, group.by, fmt, account_names())

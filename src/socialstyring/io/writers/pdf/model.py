"""The committee report as data: what ``committee_report`` renders."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from socialstyring.io.writers.chart import YearSeries


@dataclass(frozen=True)
class ReportLine:
    account: str
    name: str
    area: str  # the area's label, e.g. "Children and young people" in Danish
    budget: float
    spent_to_date: float
    committed_rest: float
    expected: float
    deviation: float
    comment: str = ""


@dataclass(frozen=True)
class BufferSummary:
    names: str
    amount: float
    released: bool
    released_amount: float
    deviation_without: float
    deviation_with: float
    rule: str = ""


@dataclass(frozen=True)
class CommitteeReport:
    title: str
    year: int
    as_of: dt.date
    created_by: str
    created_at: dt.datetime
    lines: tuple[ReportLine, ...]  # grouped by area, in the order the areas appear
    note: str = ""
    is_final: bool = False
    organisation: str = ""
    buffer: BufferSummary | None = None
    series: YearSeries | None = None
    projection: dict[str, Any] | None = None  # the snapshot's projection totals, when kept

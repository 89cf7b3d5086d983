"""Frames to files. A report is described once (its columns) and rendered by each writer."""

from __future__ import annotations

from dataclasses import dataclass

from socialstyring.translation import _


@dataclass(frozen=True)
class ReportColumn:
    field: str
    label: str  # the header users see (translated)
    kind: str = "text"  # text | kroner | date | number | count | share
    width: int = 16


@dataclass(frozen=True)
class Report:
    title: str
    columns: tuple[ReportColumn, ...]
    totals_label: str | None = _("Total")  # None: no totals row

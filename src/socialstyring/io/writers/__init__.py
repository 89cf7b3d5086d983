"""Frames to files. A report is described once (its columns) and rendered by each writer."""

from __future__ import annotations

from dataclasses import dataclass

from socialstyring.terms import CodeSet
from socialstyring.translation import _


@dataclass(frozen=True)
class ReportColumn:
    field: str
    label: str  # the header users see (translated)
    kind: str = "text"  # text | kroner | date | number | count | share
    width: int = 16
    codes: CodeSet | None = None  # the column holds codes: users see their labels
    # False: the totals row does not sum the column (an interval's bound is not the sum of
    # the lines' bounds); it shows the total given to the writer, or stays empty.
    summed: bool = True


@dataclass(frozen=True)
class Report:
    title: str
    columns: tuple[ReportColumn, ...]
    totals_label: str | None = _("Total")  # None: no totals row

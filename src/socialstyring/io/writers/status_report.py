"""The committee's status report of an action plan as data (seed 003's table *Fokus /
Handling / Status*), rendered by ``docx.status_report_docx`` and ``pdf.status_report``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class TrendPoint:
    year: int
    value: float | None


@dataclass(frozen=True)
class TargetLine:
    label: str
    goal: str  # "under 6.000.000 kr. by 31-12-2020", as the reader reads it
    figure: str  # the live figure as shown
    status: str  # the status code (met, on_track, not_met, unknown)
    status_label: str
    value: float
    trend: tuple[TrendPoint, ...] = ()
    comment: str = ""


@dataclass(frozen=True)
class ActionLine:
    text: str
    owner: str
    deadline: dt.date | None
    status_text: str


@dataclass(frozen=True)
class FocusSection:
    title: str
    actions: tuple[ActionLine, ...]
    targets: tuple[TargetLine, ...]
    comment: str = ""


@dataclass(frozen=True)
class StatusReport:
    title: str
    as_of: dt.date
    created_by: str
    sections: tuple[FocusSection, ...]
    organisation: str = ""

"""The grant list's filters: the groupings' (area, account, paragraph, provider type, team),
the caseworker, the status as of the as-of day and a period. Each filter's choices are the
values of the grants the viewer may see, so a team leader is offered only their team."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

import polars as pl

from socialstyring.core.grant_status import status_expr, touches_period
from socialstyring.services import followups
from socialstyring.terms import ACCOUNT, GROUPINGS, UNASSIGNED
from socialstyring.terms.grant_list import (
    CASEWORKER,
    CASEWORKER_LABEL,
    GRANT_STATUSES,
    PERIOD_FROM,
    PERIOD_FROM_LABEL,
    PERIOD_TO,
    PERIOD_TO_LABEL,
    STATUS,
    STATUS_LABEL,
)
from socialstyring.translation import _

# The select filters by their URL parameter, which is the grant frame's column
SELECTS = (*(g.field for g in GROUPINGS), CASEWORKER)
PARAMETERS = (*SELECTS, STATUS, PERIOD_FROM, PERIOD_TO)


class BadFilter(ValueError):
    """A filter value the list cannot use; the message (Danish) says which and why."""


@dataclass(frozen=True)
class Filter:
    name: str  # the URL parameter
    label: str
    kind: str  # select | date
    value: str
    choices: tuple[tuple[str, str], ...] = ()  # (value, label); selects only


@dataclass(frozen=True)
class GrantList:
    frame: pl.DataFrame  # the grants the filters and the search leave
    filters: dict[str, str]  # the filters in use, by parameter
    fields: tuple[Filter, ...]  # the form, in the page's order
    labels: list[tuple[str, str]]  # (label, value label) of each filter in use


def _date(name: str, label: str, raw: str) -> dt.date | None:
    if not raw:
        return None
    for parse in (dt.date.fromisoformat, lambda v: dt.datetime.strptime(v, "%d-%m-%Y").date()):
        try:
            return parse(raw)
        except ValueError:
            continue
    raise BadFilter(
        _("%(field)s must be a date, e.g. 14-05-2026 (got %(value)s).")
        % {"field": label, "value": raw[:20]}
    )


def read_filters(params: Mapping[str, str]) -> dict[str, str]:
    """The filters a request asks for (non-empty, known parameters), checked: an unknown
    status or a day that is not a date is a :class:`BadFilter`."""
    filters = {p: str(params.get(p, "")).strip()[:100] for p in PARAMETERS}
    filters = {p: v for p, v in filters.items() if v}
    status = filters.get(STATUS)
    if status is not None and status not in GRANT_STATUSES.values:
        raise BadFilter(
            _("The status must be one of: %(statuses)s.")
            % {"statuses": ", ".join(GRANT_STATUSES.labels.values())}
        )
    first = _date(PERIOD_FROM, PERIOD_FROM_LABEL, filters.get(PERIOD_FROM, ""))
    last = _date(PERIOD_TO, PERIOD_TO_LABEL, filters.get(PERIOD_TO, ""))
    if first is not None and last is not None and first > last:
        raise BadFilter(_("The period's start must not lie after its end."))
    for name, day in ((PERIOD_FROM, first), (PERIOD_TO, last)):
        if day is not None:
            filters[name] = day.isoformat()
    return filters


def filtered(frame: pl.DataFrame, filters: Mapping[str, str], as_of: dt.date) -> pl.DataFrame:
    """``frame`` (grants with ``start``, ``end`` and the select columns) by ``filters``."""
    condition = pl.lit(True)
    for name in SELECTS:
        if filters.get(name):
            condition &= pl.col(name).cast(pl.String).fill_null(UNASSIGNED) == filters[name]
    if filters.get(STATUS):
        condition &= status_expr(as_of) == filters[STATUS]
    first, last = filters.get(PERIOD_FROM), filters.get(PERIOD_TO)
    if first or last:
        condition &= touches_period(
            dt.date.fromisoformat(first) if first else None,
            dt.date.fromisoformat(last) if last else None,
        )
    return frame.filter(condition)


def _labels() -> dict[str, str]:
    return {**{g.field: g.label for g in GROUPINGS}, CASEWORKER: CASEWORKER_LABEL}


def _value_label(name: str, value: str, accounts: dict[str, str]) -> str:
    if value == UNASSIGNED:
        return value
    if name == ACCOUNT.field:
        return f"{value} {accounts.get(value, '')}".strip()
    grouping = next((g for g in GROUPINGS if g.field == name), None)
    return grouping.value_label(value) if grouping is not None else value


def _choices(visible: pl.DataFrame, name: str, accounts: dict[str, str], chosen: str):
    values = set(visible[name].cast(pl.String).fill_null(UNASSIGNED).unique().to_list())
    # A value asked for but not among them (a link into another team) stays selectable.
    choices = [(v, _value_label(name, v, accounts)) for v in values | ({chosen} - {""})]
    key = (lambda c: c[0]) if name == ACCOUNT.field else (lambda c: c[1].lower())
    return tuple(sorted(choices, key=key))


def form(visible: pl.DataFrame, filters: Mapping[str, str]) -> tuple[Filter, ...]:
    """The filter form: every select's choices from ``visible``, the grants the viewer may
    see (whatever the other filters say), then status and period."""
    accounts = followups.account_names()
    labels = _labels()
    fields = [
        Filter(
            name,
            labels[name],
            "select",
            filters.get(name, ""),
            _choices(visible, name, accounts, filters.get(name, "")),
        )
        for name in SELECTS
    ]
    fields.append(
        Filter(
            STATUS, STATUS_LABEL, "select", filters.get(STATUS, ""), tuple(GRANT_STATUSES.choices)
        )
    )
    fields += [
        Filter(PERIOD_FROM, PERIOD_FROM_LABEL, "date", filters.get(PERIOD_FROM, "")),
        Filter(PERIOD_TO, PERIOD_TO_LABEL, "date", filters.get(PERIOD_TO, "")),
    ]
    return tuple(fields)


def grouping_labels(filters: Mapping[str, str]) -> list[tuple[str, str]]:
    """(label, value label) of each grouping filter, for a page without the form (the
    postings behind a figure)."""
    accounts, labels = followups.account_names(), _labels()
    return [(labels[n], _value_label(n, v, accounts)) for n, v in filters.items() if n in labels]


def in_use(fields: tuple[Filter, ...]) -> list[tuple[str, str]]:
    """(label, value label) of each filter in use: ``Område: Voksne``, never ``adults``."""
    shown = []
    for f in fields:
        if not f.value:
            continue
        if f.kind == "date":
            day = dt.date.fromisoformat(f.value)
            shown.append((f.label, f"{day:%d-%m-%Y}"))
        else:
            shown.append((f.label, dict(f.choices).get(f.value, f.value)))
    return shown


def grant_list(
    year: int, as_of: dt.date, scope: pl.Expr, params: Mapping[str, str], query: str = ""
) -> GrantList:
    """The grants of the year within the viewer's ``scope``, by the request's filters and
    search; :class:`BadFilter` for a filter value that is not one."""
    filters = read_filters(params)
    visible = followups.grants_in_year(year, as_of, scope, {}, "")
    searched = followups.grants_in_year(year, as_of, scope, {}, query) if query else visible
    fields = form(visible, filters)
    return GrantList(filtered(searched, filters, as_of), filters, fields, in_use(fields))

"""Review outcomes as decisions the case system has still to register: their status
against the grants, marking them registered after an import, and the forecast's separate
column of their effect (``decided``, docs/casework.md and docs/forecast.md)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import polars as pl

from socialstyring.core.forecast import uses_ledger
from socialstyring.core.grants import with_provider_types
from socialstyring.core.rules import decisions as core
from socialstyring.services import audit
from socialstyring.storage import frames, versions
from socialstyring.storage.models import CaseReview
from socialstyring.terms import GROUPINGS_BY_FIELD

_FIELDS = {"review_id": "id", **{k: k for k in core.OUTCOMES_SCHEMA if k != "review_id"}}


def outcomes_frame(reviews: Iterable[CaseReview] | None = None) -> pl.DataFrame:
    """Recorded outcomes (all of the active municipalities', or ``reviews``) as the core's
    frame."""
    if reviews is None:
        rows = list(CaseReview.objects.values_list(*_FIELDS.values()))
    else:
        rows = [tuple(getattr(r, v) for v in _FIELDS.values()) for r in reviews]
    return outcomes_of(rows)


def outcome_rows(as_of: dt.date) -> list[tuple]:
    """The outcomes recorded by ``as_of`` that the case system has not registered, as plain
    rows in the order of the core's frame (cheap enough to be a cache key)."""
    pending = CaseReview.objects.filter(registered_on=None, reviewed_on__lte=as_of)
    return list(pending.order_by("id").values_list(*_FIELDS.values()))


def outcomes_of(rows: list[tuple]) -> pl.DataFrame:
    frame = pl.DataFrame(rows, schema=list(core.OUTCOMES_SCHEMA.items()), orient="row")
    return frame.with_columns(pl.col("new_unit").replace("", None))


def _grants(grant_ids: list[str], columns: Iterable[str] = ()) -> pl.DataFrame:
    return frames.load_grants_with_ids(
        grant_ids, list(dict.fromkeys([*core.GRANT_TERMS, *columns]))
    )


def statuses(reviews: list[CaseReview], today: dt.date) -> dict[int, str]:
    """Each review's status (registered, waiting, flagged) by its id."""
    outcomes = outcomes_frame(reviews)
    found = core.statuses(outcomes, _grants(outcomes["grant_id"].to_list()), today)
    return dict(zip(found["review_id"], found["status"], strict=True))


def register_from_import(today: dt.date, username: str = "") -> int:
    """Mark the outcomes the grants now show as registered in the case system (after an
    import: the day stays with them, whatever later imports say)."""
    waiting = list(CaseReview.objects.filter(registered_on=None).exclude(outcome="unchanged"))
    if not waiting:
        return 0
    outcomes = outcomes_frame(waiting)
    found = core.statuses(outcomes, _grants(outcomes["grant_id"].to_list()), today)
    shown = found.filter(pl.col("shown"))
    if shown.height == 0:
        return 0
    CaseReview.objects.filter(pk__in=shown["review_id"].to_list()).update(registered_on=today)
    versions.bump_edits()  # an update() sends no signal
    audit.record(
        username or "system",
        "reviews.registered",
        object_type="case_review",
        changes={"count": shown.height, "grants": sorted(set(shown["grant_id"].to_list()))},
    )
    return shown.height


def decided(
    year: int, as_of: dt.date, by: str = "account", *, postings: pl.DataFrame | None = None
) -> pl.DataFrame:
    """Per value of the grant field ``by``: the change the outcomes not yet registered
    make to the year's expected cost (``decided``). ``postings``: the forecast's, to tell
    whether spent to date is the ledger's (read when not given)."""
    return decided_of(pending(as_of), year, as_of, by, postings=postings)


def pending(as_of: dt.date) -> pl.DataFrame:
    """The outcomes recorded by ``as_of`` that the case system has not registered."""
    return outcomes_of(outcome_rows(as_of))


def decided_of(
    outcomes: pl.DataFrame,
    year: int,
    as_of: dt.date,
    by: str = "account",
    *,
    postings: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """:func:`decided` of the given :func:`pending` outcomes."""
    grouping = GROUPINGS_BY_FIELD.get(by)
    extra = list(grouping.grant_columns) if grouping else [by]
    grants = _grants(
        outcomes["grant_id"].to_list(), [*frames.FORECAST_COLUMNS, *extra, "start", "registered"]
    )
    if by == "provider_type":
        grants = with_provider_types(grants, frames.load_providers())
    if postings is None and outcomes.height:
        postings = frames.load_posting_totals(year, as_of)
    return core.decided(
        grants, outcomes, year=year, as_of=as_of, by=by, ledger=uses_ledger(postings, year)
    )


def with_decided(
    table: pl.DataFrame, totals: dict, decided: pl.DataFrame, by: str
) -> tuple[pl.DataFrame, dict]:
    """A forecast table (grouped by the field ``by``) with the ``decided`` column appended
    (0 where no decision stands) and its total."""
    joined = table.join(decided, on=by, how="left", maintain_order="left").with_columns(
        pl.col(core.DECIDED).fill_null(0.0)
    )
    return joined, {**totals, core.DECIDED: float(joined[core.DECIDED].sum())}

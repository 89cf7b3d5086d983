"""Figures that explain themselves: how the ledger and the grants behind a figure meet,
the postings behind it, what lies outside the viewer's access, and how fresh the data is
(docs/forecast.md, "Reconciliation"; docs/web.md)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import polars as pl
from django.db.models import Max, Subquery

from socialstyring.core import reconciliation as core
from socialstyring.core.periods import year_end_inclusive, year_start
from socialstyring.services import followups, frame_cache
from socialstyring.storage import frames
from socialstyring.storage.models import ImportRecord, Posting

ALL = pl.lit(True)


@dataclass
class Hidden:
    """Grants of a figure outside the viewer's access: how many and how much, never which."""

    count: int = 0
    spent_to_date: float = 0.0
    expected: float = 0.0
    postings: int = 0  # postings on those grants (the postings list leaves them out)
    posted: float = 0.0


@dataclass
class Reconciliation:
    lines: list[dict]
    totals: dict[str, float]
    hidden: Hidden = field(default_factory=Hidden)


@dataclass
class PostingPage:
    rows: list[dict]
    total_rows: int
    page: int
    pages: int
    amount: float
    hidden: Hidden
    uses_ledger: bool = True


@dataclass
class Freshness:
    last_posting: dt.date | None
    last_import: dt.datetime | None


def _ledger(year: int, as_of: dt.date) -> pl.DataFrame | None:
    """The year's postings up to ``as_of`` (None: the year has no ledger, and spent to
    date is the grants' cost)."""
    whole = frames.load_postings(year_start(year), year_end_inclusive(year))
    if whole.height == 0:
        return None
    return whole.filter(pl.col("posting_date") <= min(as_of, year_end_inclusive(year)))


def ledger(year: int, as_of: dt.date) -> pl.DataFrame | None:
    return frame_cache.cached("ledger_postings", (year, as_of), lambda: _ledger(year, as_of))


def _all_grants(year: int, as_of: dt.date) -> pl.DataFrame:
    return followups.grants_in_year(year, as_of, ALL, {})


def grouping_filters(filters: dict[str, str]) -> dict[str, str]:
    """The filters an overview figure stands for (its grouping's field)."""
    return {f: v for f, v in filters.items() if f in followups.FILTER_FIELDS and v}


def hidden_grants(
    year: int, as_of: dt.date, scope: pl.Expr, filters: dict[str, str], query: str = ""
) -> Hidden:
    frame = followups.grants_in_year(year, as_of, ~scope, filters, query)
    if frame.height == 0:
        return Hidden()
    return Hidden(
        count=frame.height,
        spent_to_date=float(frame["spent_to_date"].sum()),
        expected=float(frame["expected"].sum()),
    )


def reconcile(
    year: int, as_of: dt.date, scope: pl.Expr, filters: dict[str, str]
) -> Reconciliation | None:
    """Per account: the ledger's spent to date bridged to the grants' cost (None without a
    ledger: then the two are the same figure)."""
    postings = ledger(year, as_of)
    if postings is None:
        return None
    wanted = grouping_filters(filters)
    lines = core.reconcile(postings, _all_grants(year, as_of), wanted)
    return Reconciliation(
        lines.to_dicts(), core.line_totals(lines), hidden_grants(year, as_of, scope, wanted)
    )


LINKS = ("with", "without")  # ?bevilling= on the postings list: linked or not


def postings_page(
    year: int,
    as_of: dt.date,
    scope: pl.Expr,
    filters: dict[str, str],
    link: str = "",
    page: int = 1,
    per_page: int = 50,
    *,
    sees_all: bool = False,
) -> PostingPage:
    """The postings behind a figure, newest first, each with ``known`` (its grant has cost
    in the year). A viewer who does not see every grant is shown only the postings without
    a grant and those on grants within the viewer's access; the rest are counted."""
    postings = ledger(year, as_of)
    if postings is None:
        return PostingPage([], 0, 1, 1, 0.0, Hidden(), uses_ledger=False)
    grants = _all_grants(year, as_of)
    group = core.postings_of_group(postings, grants, grouping_filters(filters))
    if link in LINKS:
        group = group.filter(pl.col("linked") == (link == "with"))
    group = group.with_columns(
        pl.col("grant_id").is_in(grants["grant_id"].implode()).fill_null(False).alias("known")
    )
    visible = grants.filter(scope)["grant_id"].implode()
    is_hidden = (
        pl.lit(False)
        if sees_all
        else pl.col("grant_id").is_not_null() & ~pl.col("grant_id").is_in(visible).fill_null(False)
    )
    hidden_rows = group.filter(is_hidden)
    shown = group.filter(~is_hidden).sort("posting_date", "posting_id", descending=True)
    pages = max(1, -(-shown.height // per_page))
    page = min(max(page, 1), pages)
    hidden = Hidden(postings=hidden_rows.height, posted=float(hidden_rows["amount"].sum()))
    rows = shown.slice((page - 1) * per_page, per_page).to_dicts()
    return PostingPage(rows, shown.height, page, pages, float(shown["amount"].sum()), hidden)


def freshness() -> Freshness:
    """The newest posting day and the newest accepted import, from the stored data, in
    one query (every figure page shows it), kept while the data version stands: an
    accepted import always draws a new one."""

    def read() -> Freshness:
        newest_import = ImportRecord.objects.filter(accepted=True).order_by("-imported_at")
        found = Posting.objects.aggregate(
            last_posting=Max("posting_date"),
            last_import=Max(Subquery(newest_import.values("imported_at")[:1])),
        )
        return Freshness(found["last_posting"], found["last_import"])

    return frame_cache.cached("freshness", (), read)

"""Budget follow-up use cases: the overview and the grants behind a figure."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

import polars as pl

from socialstyring.core.forecast import grant_year_costs, monthly_profile
from socialstyring.core.grants import with_provider_types
from socialstyring.io.reports import labelled
from socialstyring.services import forecasting, frame_cache
from socialstyring.services.buffers import BufferStatus, PoolState, pool_state, status_of
from socialstyring.services.forecasting import BudgetState
from socialstyring.storage import frames
from socialstyring.storage.models import Account
from socialstyring.terms import (
    ACCOUNT,
    DECIDED_MEASURE,
    GROUPINGS,
    UNASSIGNED,
    Grouping,
    grouping,
)

# A figure of the overview links to its grants, filtered by the grouping's field.
FILTER_FIELDS = tuple(g.field for g in GROUPINGS)


@dataclass
class Overview:
    year: int
    as_of: dt.date
    by: str
    table: pl.DataFrame
    totals: dict[str, float | None]
    profile: pl.DataFrame
    buffer: BufferStatus | None
    budget: BudgetState | None = None
    uses_ledger: bool = False  # spent to date from the postings (docs/forecast.md)
    # What a face derives from these figures alone (the rendered table), kept with the
    # cached figures and dropped with them: a new data version, a recorded review outcome
    # or a renamed account gives a new, empty dict.
    derived: dict = dataclasses.field(default_factory=dict)

    @property
    def has_decided(self) -> bool:
        """Whether review outcomes the case system has not registered stand beside the
        figures (the ``decided`` column, docs/casework.md)."""
        return DECIDED_MEASURE.field in self.table.columns


def account_names() -> dict[str, str]:
    return dict(Account.objects.values_list("function", "name"))


def _figures(
    year: int, as_of: dt.date, by: str
) -> tuple[pl.DataFrame, dict, pl.DataFrame, BudgetState, bool]:
    group = grouping(by)
    inputs = forecasting.inputs_from_database(year, as_of, group.field)
    result = forecasting.compute(inputs, year, as_of, group.field)
    table, totals, state = forecasting.with_budgets(inputs, result)
    profile = (
        monthly_profile(inputs.grants, inputs.postings, year=year, as_of=as_of)
        if group.is_account
        else pl.DataFrame()
    )  # the chart of the year belongs to the account view
    ledger = inputs.postings is not None and inputs.postings.height > 0
    return table, totals, profile, state, ledger


def overview(year: int, as_of: dt.date, by: str = ACCOUNT.by) -> Overview:
    """The figures come from the process's frame cache while the data version stands, and
    what users edit beside them (account names, review outcomes, buffer pools, the final
    follow-up) while the version of the edits stands: one query checks both."""
    group = grouping(by)
    with frame_cache.one_version_read():
        table, totals, profile, state, ledger = frame_cache.cached(
            "overview", (year, as_of, by), lambda: _figures(year, as_of, by)
        )
        edited = frame_cache.cached(
            "overview_edits", (year, as_of), lambda: _edited(year, as_of), edits=True
        )
        table, totals, derived = _labelled_with_decided(table, totals, year, as_of, group, edited)
    buffer = (
        status_of(edited.pools, totals["deviation"] or 0.0)
        if group.is_account and state.loaded
        else None
    )
    return Overview(year, as_of, by, table, totals, profile, buffer, state, ledger, derived)


@dataclass(frozen=True)
class _Edited:
    """What the overview shows beside the imported figures that users edit on the pages."""

    names: dict[str, str]
    pending: list[tuple]  # review outcomes not yet registered (decisions.outcome_rows)
    pools: PoolState | None


def _edited(year: int, as_of: dt.date) -> _Edited:
    from socialstyring.services.casework import decisions

    return _Edited(account_names(), decisions.outcome_rows(as_of), pool_state(year))


def _labelled_with_decided(
    table: pl.DataFrame,
    totals: dict,
    year: int,
    as_of: dt.date,
    group: Grouping,
    edited: _Edited,
) -> tuple[pl.DataFrame, dict, dict]:
    """The table with its labels and, while any review outcome waits for the case system,
    the decided column. Recording a review or renaming an account draws no new data
    version but a new version of the edits, which keys this entry as it keys ``edited``:
    the labelling and the decided figure are computed again only when one has changed."""
    from socialstyring.services.casework import decisions

    names, pending = edited.names, edited.pending

    def build() -> tuple[pl.DataFrame, dict, dict]:
        labelled_table = labelled(table, group, names)
        decided = decisions.decided_of(decisions.outcomes_of(pending), year, as_of, group.field)
        if decided.height == 0:
            return labelled_table, dict(totals), {}
        return (*decisions.with_decided(labelled_table, dict(totals), decided, group.field), {})

    cached_table, cached_totals, derived = frame_cache.cached(
        "overview_labelled", (year, as_of, group.by), build, edits=True
    )
    return cached_table, dict(cached_totals), derived  # the cached figures stay as they were


SORTABLE = (
    "grant_id",
    "citizen_id",
    "account",
    "paragraph",
    "team",
    "start",
    "end",
    "price",
    "spent_to_date",
    "committed_rest",
    "expected",
    "early_endings",  # with the projection (docs/projection.md)
)


@dataclass
class GrantPage:
    rows: list[dict]
    total_rows: int
    page: int
    pages: int
    sums: dict[str, float]


def _priced_grants(year: int, as_of: dt.date) -> pl.DataFrame:
    """Every known grant of the year with its cost (a grant's cost is its own, so scope
    and filters can come after, on the cached frame)."""
    grants = with_provider_types(frames.load_grants_for_year(year, as_of), frames.load_providers())
    priced = grant_year_costs(grants, year, as_of)
    return priced.rename({"grant_spent": "spent_to_date"}).with_columns(
        (pl.col("spent_to_date") + pl.col("committed_rest")).alias("expected")
    )


def grants_in_year(
    year: int, as_of: dt.date, scope: pl.Expr, filters: dict[str, str], query: str = ""
) -> pl.DataFrame:
    """Known grants with their cost this year, within the viewer's scope and filters."""
    grants = frame_cache.cached(
        "priced_grants", (year, as_of), lambda: _priced_grants(year, as_of)
    ).filter(scope)
    for field, value in filters.items():
        if field in FILTER_FIELDS and value:
            grants = grants.filter(pl.col(field).cast(pl.String).fill_null(UNASSIGNED) == value)
    if query:
        needle = query.strip().lower()
        grants = grants.filter(
            pl.col("grant_id").str.to_lowercase().str.contains(needle, literal=True)
            | pl.col("citizen_id").str.to_lowercase().str.contains(needle, literal=True)
            | pl.col("service").fill_null("").str.to_lowercase().str.contains(needle, literal=True)
        )
    return grants


def grants_with_ids(year: int, as_of: dt.date, grant_ids: list[str]) -> pl.DataFrame:
    """The given grants (one citizen's, fetched through the access layer) with their cost."""
    return grants_in_year(year, as_of, pl.col("grant_id").is_in(grant_ids), {}, "")


def grant_page(frame: pl.DataFrame, sort: str, page: int, per_page: int = 50) -> GrantPage:
    descending = sort.startswith("-")
    field = sort.lstrip("-")
    if field not in SORTABLE:
        field, descending = "expected", True
    ordered = frame.sort(field, descending=descending, nulls_last=True)
    pages = max(1, -(-ordered.height // per_page))
    page = min(max(page, 1), pages)
    sums = {m: float(frame[m].sum()) for m in ("spent_to_date", "committed_rest", "expected")}
    rows = ordered.slice((page - 1) * per_page, per_page).to_dicts()
    return GrantPage(rows, ordered.height, page, pages, sums)

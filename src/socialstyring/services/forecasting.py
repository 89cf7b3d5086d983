"""The forecast from files (nothing stored) or from the database."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl

from socialstyring import clock
from socialstyring.core import forecast as core
from socialstyring.core.allocation import allocate, split_budgets
from socialstyring.core.grants import with_provider_types
from socialstyring.io.cpr import RunPseudonymiser
from socialstyring.io.problems import ImportRejected, file_problem
from socialstyring.io.schema import BUDGETS
from socialstyring.services.files import Source, check_uploads, rejection_of
from socialstyring.services.reference import shipped_reference
from socialstyring.terms import ACCOUNT, GROUPINGS_BY_FIELD, FileKind

# The forecast from files runs without Django (the CLI's file-only forecast), so this
# module translates with the standard library's gettext (the same catalogue).
from socialstyring.translation import _


@dataclass
class Inputs:
    grants: pl.DataFrame
    budgets: pl.DataFrame | None
    postings: pl.DataFrame | None
    providers: pl.DataFrame | None


@dataclass
class ForecastResult:
    year: int
    as_of: dt.date
    by: str
    table: pl.DataFrame
    totals: dict[str, float | None]


def compute(inputs: Inputs, year: int, as_of: dt.date, by: str = "account") -> ForecastResult:
    grants = with_provider_types(inputs.grants, inputs.providers)
    table = core.forecast(grants, inputs.budgets, inputs.postings, year=year, as_of=as_of, by=by)
    return ForecastResult(year, as_of, by, table, core.totals(table))


@dataclass(frozen=True)
class BudgetState:
    """Whether the year has a budget, and, in a grouping other than the account, which
    accounts' budgets could not be given to one group (docs/forecast.md)."""

    loaded: bool
    split_accounts: tuple[str, ...] = ()
    unallocated: float = 0.0
    distributed: float = 0.0  # budget the file gave to this grouping's groups
    # the budget file's column that distributes on this grouping (område, team), if any
    column: str | None = None


def with_budgets(
    inputs: Inputs, result: ForecastResult
) -> tuple[pl.DataFrame, dict[str, float | None], BudgetState]:
    """The forecast's budget and deviation as a reader may trust them: none at all in a
    year without budget (not a budget of 0 kr.), and in a grouping other than the account
    the budget the file distributed to each group plus the budgets of the accounts wholly
    a group's own (docs/forecast.md, "Budget per group")."""
    table, totals, year, as_of, by = (
        result.table,
        result.totals,
        result.year,
        result.as_of,
        result.by,
    )
    account_budgets = core.effective_budget(inputs.budgets, year)
    if account_budgets.height == 0:
        table = table.with_columns(
            pl.lit(None, dtype=pl.Float64).alias("budget"),
            pl.lit(None, dtype=pl.Float64).alias("deviation"),
        )
        return table, {**totals, "budget": None, "deviation": None}, BudgetState(loaded=False)
    if by == ACCOUNT.field:
        return table, totals, BudgetState(loaded=True)
    grants = with_provider_types(inputs.grants, inputs.providers)
    given, undistributed = split_budgets(inputs.budgets, year, by)
    split = allocate(table, grants, undistributed, by=by, year=year, as_of=as_of, distributed=given)
    budget_total, expected = split.budget_total, totals["expected"] or 0.0
    totals = {**totals, "budget": budget_total, "deviation": budget_total - expected}
    state = BudgetState(
        True,
        tuple(split.split_accounts),
        split.unallocated,
        split.distributed,
        _budget_column(by),
    )
    return split.table, totals, state


def _budget_column(field: str) -> str | None:
    fields = {c.field: c.name for c in BUDGETS.columns}
    return fields.get(field) if field in BUDGETS.kind.key else None


def profile(inputs: Inputs, year: int, as_of: dt.date) -> pl.DataFrame:
    """The monthly profile: spending month by month, then what is committed after ``as_of``."""
    grants = with_provider_types(inputs.grants, inputs.providers)
    return core.monthly_profile(grants, inputs.postings, year=year, as_of=as_of)


def inputs_from_uploads(uploads: Sequence[Source]) -> Inputs:
    """Validate files exactly as an import would; pseudonyms are numbered for this run
    only (nothing is stored)."""
    pseudonyms = RunPseudonymiser()
    checked = check_uploads(uploads, shipped_reference(), pseudonyms, today=clock.today())
    rejection = rejection_of(checked)
    if rejection is not None:
        raise rejection
    found: dict[FileKind, list[pl.DataFrame]] = {}
    for item in checked:
        assert item.result is not None
        found.setdefault(item.result.file_kind, []).append(item.result.frame)
    if FileKind.GRANTS not in found:
        raise ImportRejected(
            [
                file_problem(
                    ", ".join(u.name for u in uploads),
                    _("There is no grants file among the files."),
                )
            ]
        )
    merged = {kind: pl.concat(parts) for kind, parts in found.items()}
    return Inputs(
        merged[FileKind.GRANTS],
        merged.get(FileKind.BUDGETS),
        merged.get(FileKind.POSTINGS),
        merged.get(FileKind.PROVIDERS),
    )


def inputs_from_database(
    year: int,
    as_of: dt.date,
    by: str = "account",
    *,
    with_grant_ids: bool = False,
    also: Sequence[str] = (),
) -> Inputs:
    """What the forecast grouped ``by`` needs from the database: the year's known grants
    (only the columns it reads, plus ``grant_id`` when asked and the columns ``also``, so
    the refund beside it reads the grants with the forecast), budgets, ledger totals and
    providers."""
    from socialstyring.storage import frames

    known = GROUPINGS_BY_FIELD.get(by)
    extra = list(known.grant_columns) if known else [by]
    if with_grant_ids or by != "account":
        extra = ["grant_id", *extra]
    return Inputs(
        grants=frames.load_grants_for_year(
            year, as_of, list(dict.fromkeys([*frames.FORECAST_COLUMNS, *extra, *also]))
        ),
        budgets=frames.load_budgets(year),
        postings=frames.load_posting_totals(year, as_of, per_grant=by != "account"),
        providers=frames.load_providers(),
    )

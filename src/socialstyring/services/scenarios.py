"""What-if scenarios: computed from files (nothing stored) or from the database, and
rendered through the one exporter (``exports.render``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

import polars as pl

from socialstyring.core import rules
from socialstyring.core import scenarios as core
from socialstyring.core.costs import COST_INPUTS
from socialstyring.core.grants import with_provider_types
from socialstyring.io.reports import subtitle
from socialstyring.io.writers import Report, ReportColumn
from socialstyring.services import exports
from socialstyring.services.forecasting import Inputs
from socialstyring.services.scenario_files import ScenarioSpec, tariff_missing
from socialstyring.translation import _

FIGURES = core.FIGURES
PIECE_COLUMNS = (
    "_row",
    "account",
    *COST_INPUTS,
    "registered",
    "provider_type",
    "provider_id",
)


@dataclass
class ScenarioResult:
    name: str
    year: int
    as_of: dt.date
    table: pl.DataFrame  # account, budget, base_Y … difference_Y1
    totals: dict[str, float]


def bound(
    spec: ScenarioSpec, grants: pl.DataFrame, as_of: dt.date
) -> tuple[pl.DataFrame, list[core.Change]]:
    """``grants`` with a row number, and the changes with their filters evaluated on them
    on ``as_of`` by the rule language (once per change, on the grants as known)."""
    indexed = grants.with_row_index("_row")
    changes = []
    for item in spec.changes:
        if not item.conditions:
            changes.append(item.change)
            continue
        rows = rules.select_grants(indexed, item.conditions, as_of)["_row"]
        changes.append(replace(item.change, condition=pl.col("_row").is_in(rows.implode())))
    return indexed, changes


def with_tariffs(spec: ScenarioSpec, providers: pl.DataFrame | None) -> ScenarioSpec:
    """``bring_home`` changes that name an own provider and no price get the provider's
    tariff and tariff unit from the register."""
    items = []
    for item in spec.changes:
        change = item.change
        if change.kind == core.BRING_HOME and not change.unit:
            row = (
                providers.filter(pl.col("provider_id") == change.provider_id)
                if providers is not None
                else pl.DataFrame()
            )
            if row.height == 0 or row["tariff"][0] is None or not row["tariff_unit"][0]:
                raise tariff_missing(item)
            change = replace(change, price=float(row["tariff"][0]), unit=row["tariff_unit"][0])
        items.append(replace(item, change=change))
    return replace(spec, changes=items)


def compute(spec: ScenarioSpec, inputs: Inputs, year: int, as_of: dt.date) -> ScenarioResult:
    spec = with_tariffs(spec, inputs.providers)
    grants, changes = bound(spec, with_provider_types(inputs.grants, inputs.providers), as_of)
    # The filters are bound to row numbers: the pieces carry only what pricing needs.
    table = core.scenario(
        grants.select(c for c in PIECE_COLUMNS if c in grants.columns),
        changes,
        year=year,
        as_of=as_of,
        budgets=inputs.budgets,
        postings=inputs.postings,
    )
    return ScenarioResult(spec.name, year, as_of, table, core.scenario_totals(table))


def inputs_from_database(year: int, as_of: dt.date) -> Inputs:
    """Every known grant that can cost anything in ``year`` or the year after (all their
    fields: a filter may read any), the budgets, the ledger's totals and the providers."""
    from socialstyring.storage import frames

    both = pl.concat(
        [frames.load_grants_for_year(y, as_of) for y in (year, year + 1)], how="vertical_relaxed"
    ).unique("grant_id", keep="first", maintain_order=True)
    return Inputs(
        grants=both,
        budgets=frames.load_budgets(year),
        postings=frames.load_posting_totals(year, as_of),
        providers=frames.load_providers(),
    )


def document(result: ScenarioResult) -> dict[str, Any]:
    """The JSON of ``scenario --format json``: ``lines`` per ``konto`` and a ``total``."""
    keys = ("budget", *FIGURES)
    return {
        "name": result.name,
        "year": result.year,
        "as_of": result.as_of.isoformat(),
        "lines": [
            {"konto": row["account"], **{k: row[k] for k in keys}}
            for row in result.table.iter_rows(named=True)
        ],
        "total": {k: result.totals[k] for k in keys},
    }


def report(year: int) -> Report:
    """The scenario's columns, named by the two years."""
    this, following = {"year": year}, {"year": year + 1}
    return Report(
        _("Scenario"),
        (
            ReportColumn("account", _("Account"), "text", 10),
            ReportColumn("account_name", _("Function"), "text", 36),
            ReportColumn("base_Y", _("Base %(year)s") % this, "kroner", 16),
            ReportColumn("scenario_Y", _("Scenario %(year)s") % this, "kroner", 16),
            ReportColumn("difference_Y", _("Difference %(year)s") % this, "kroner", 16),
            ReportColumn("base_Y1", _("Base %(year)s") % following, "kroner", 16),
            ReportColumn("scenario_Y1", _("Scenario %(year)s") % following, "kroner", 16),
            ReportColumn("difference_Y1", _("Difference %(year)s") % following, "kroner", 16),
        ),
    )


def named(table: pl.DataFrame, account_names: dict[str, str]) -> pl.DataFrame:
    return table.with_columns(
        pl.col("account")
        .replace_strict(account_names, default="", return_dtype=pl.String)
        .alias("account_name")
    )


def render(result: ScenarioResult, fmt: str, account_names: dict[str, str]) -> bytes | str:
    """The scenario as table, json, xlsx or csv."""
    caption = subtitle(result.year, result.as_of)
    if result.name:
        caption = f"{result.name} · {caption}"
    return exports.render(
        report(result.year),
        named(result.table, account_names),
        fmt,
        caption=caption,
        totals=result.totals,
        document=document(result) if fmt == "json" else None,
    )

"""What the focus pages show: every rule with its totals, and one rule's hits, within the
viewer's reach (a hit is shown when one of its grants is; only those grants count).

Rules run over all the municipality's grants (a family's grants may lie in two teams);
the reach is applied to the hits afterwards. Every list of hits is audited.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl

from socialstyring.core import rules as core
from socialstyring.services import audit
from socialstyring.services.access import Viewer, require, scope_filter
from socialstyring.services.casework import focus, rulebook

VIEW = "focus.view"
SORTS = ("run_rate", "cost_this_year", "subject_id", "reason", "grants")


@dataclass(frozen=True)
class RuleRow:
    code: str
    name: str
    subject: str
    count: int
    cost_this_year: float
    run_rate: float
    skipped_without_birth_date: int
    stored: bool
    builtin: bool


def visible(result: core.RuleResult, viewer: Viewer) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The hits and matching grants the viewer may see, each hit's totals over them."""
    matches = result.matches.filter(scope_filter(viewer))
    per_hit = matches.group_by("subject_id").agg(
        pl.col("grant_id").sort().alias("grant_ids"),
        pl.col("cost_this_year").sum(),
        pl.col("run_rate").sum(),
        pl.col("citizen_id").unique().sort().alias("citizen_ids"),
    )
    hits = result.hits.select("subject_id", "reason").join(per_hit, on="subject_id", how="inner")
    return hits.sort(["run_rate", "subject_id"], descending=[True, False]), matches


def overview(viewer: Viewer, as_of: dt.date) -> list[RuleRow]:
    require(viewer, VIEW)
    chosen = rulebook.rules()
    result = focus.focus_from_database(as_of, chosen)
    rows = []
    for r in result.results:
        hits, matches = visible(r, viewer)
        rows.append(
            RuleRow(
                r.rule.code,
                r.rule.name,
                r.rule.subject,
                hits.height,
                float(matches["cost_this_year"].sum()),
                float(matches["run_rate"].sum()),
                r.skipped_without_birth_date,
                rulebook.is_stored(r.rule.code),
                rulebook.is_builtin(r.rule.code),
            )
        )
    return rows


@dataclass(frozen=True)
class RuleHits:
    rule: core.Rule
    as_of: dt.date
    hits: pl.DataFrame  # subject_id, reason, grant_ids, cost_this_year, run_rate, citizen_ids
    grants: pl.DataFrame  # the visible matching grants with their terms
    skipped_without_birth_date: int
    unknown_provider_type: int


def rule_hits(
    viewer: Viewer,
    code: str,
    as_of: dt.date,
    *,
    sort: str = "-run_rate",
    query: str = "",
    page: str = "",
) -> RuleHits | None:
    """One rule's hits (None for an unknown rule), sorted and filtered; audited."""
    require(viewer, VIEW)
    chosen = rulebook.rule(code)
    if chosen is None:
        return None
    grants, providers, thresholds = focus.database_inputs(as_of)
    (result,) = core.evaluate(grants, [chosen], as_of, providers=providers, thresholds=thresholds)
    hits, matches = visible(result, viewer)
    if query:
        needle = query.lower()
        hits = hits.filter(
            pl.col("subject_id").str.to_lowercase().str.contains(needle, literal=True)
            | pl.col("reason").str.to_lowercase().str.contains(needle, literal=True)
            | pl.col("grant_ids")
            .list.join(" ")
            .str.to_lowercase()
            .str.contains(needle, literal=True)
        )
    hits = _sorted(hits, sort)
    shown = hits["subject_id"].implode()
    terms = matches.filter(pl.col("subject_id").is_in(shown)).join(
        grants.select("grant_id", "paragraph", "price", "price_unit", "quantity", "start", "end"),
        on="grant_id",
        how="left",
    )
    audit.citizens_shown(
        viewer.username,
        "focus.hits.viewed",
        terms["citizen_id"].drop_nulls().to_list(),
        page=page,
        changes={"rule": code, "as_of": as_of.isoformat(), "q": query, "sort": sort},
    )
    return RuleHits(
        chosen,
        as_of,
        hits,
        terms.sort("subject_id", "grant_id"),
        result.skipped_without_birth_date,
        result.unknown_provider_type,
    )


def _sorted(hits: pl.DataFrame, sort: str) -> pl.DataFrame:
    descending = sort.startswith("-")
    key = sort.lstrip("-")
    if key not in SORTS:
        key, descending = "run_rate", True
    column = pl.col("grant_ids").list.len() if key == "grants" else pl.col(key)
    return hits.sort([column, pl.col("subject_id")], descending=[descending, False])

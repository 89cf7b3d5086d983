"""The evaluator: a set of rules over one grant frame, all vectorised.

For each rule: the grants that meet its ``conditions`` are grouped by subject; the
subjects whose measures meet ``having`` (and, with ``top``, the N largest) are the hits;
each hit's matching grants are its selected grants that also meet ``matching``. A hit's
cost this year and run rate are sums over its matching grants.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import polars as pl

from socialstyring.core.grants import with_provider_types
from socialstyring.core.people import refund_subject
from socialstyring.core.rules import language as lang
from socialstyring.core.rules.conditions import all_of
from socialstyring.core.rules.courses import course_start
from socialstyring.core.rules.fields import field_names, with_derived
from socialstyring.core.rules.reasons import with_reason
from socialstyring.core.rules.thresholds import first_threshold
from socialstyring.terms import FileKind

# Fields every hit's grants need: added to the selected grants only (costs are dear).
_ALWAYS = ("known", "active", "age", "cost_this_year", "run_rate")
_COURSE_FIELDS = frozenset({"course_start", "course_months"})
# Reason kinds that read the course.
_COURSE_REASONS = ("course_duration", "hours_and_duration")
# Fields whose missing value is counted apart: the birth date for age conditions, the
# provider type for conditions on it (a provider missing from the register is unknown).
_APART = {
    "skipped_without_birth_date": (lang.AGE_FIELDS, "birth_date"),
    "unknown_provider_type": (frozenset({"provider_type"}), "provider_type"),
}

HIT_SCHEMA = {
    "subject_id": pl.String,
    "grant_ids": pl.List(pl.String),
    "reason": pl.String,
    "cost_this_year": pl.Float64,
    "run_rate": pl.Float64,
}


@dataclass(frozen=True)
class RuleResult:
    """A rule's hits (sorted: run rate, then cost this year, both descending, then
    subject id) and its matching grants (``subject_id``, ``grant_id``, ``cost_this_year``,
    ``run_rate``), with the grants counted apart."""

    rule: lang.Rule
    hits: pl.DataFrame
    matches: pl.DataFrame
    skipped_without_birth_date: int
    unknown_provider_type: int

    @property
    def count(self) -> int:
        return self.hits.height

    @property
    def cost_this_year(self) -> float:
        return float(self.matches["cost_this_year"].sum())

    @property
    def run_rate(self) -> float:
        return float(self.matches["run_rate"].sum())


def prepare(
    grants: pl.DataFrame,
    rules: Sequence[lang.Rule],
    as_of: dt.date,
    providers: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """The grant frame with provider types filled and the derived fields the rules'
    conditions name. Courses are found only for the citizens and paragraphs a course rule
    can hit (its other conditions' grants): a sort of the whole frame costs more than the
    rest of the evaluation. The measures every hit needs are added to its grants later."""
    names: set[str] = set()
    course_rules = []
    for rule in rules:
        named = field_names(rule.conditions) | field_names(rule.matching)
        named |= {c for c in field_names(rule.having) if c in lang.GRANT_FIELDS}
        if rule.reason.get("kind") in _COURSE_REASONS or named & _COURSE_FIELDS:
            course_rules.append(rule)
        names |= named
    frame = with_provider_types(with_record_fields(grants), providers)
    frame = with_derived(frame, names - _COURSE_FIELDS, as_of)
    if not course_rules:
        return frame
    keys = pl.concat(
        [
            frame.filter(
                all_of(
                    [c for c in r.conditions if not field_names([c]) & _COURSE_FIELDS],
                    lang.GRANT_FIELDS,
                    r.parameters,
                    as_of,
                )
            ).select("citizen_id", "paragraph")
            for r in course_rules
        ]
    ).unique()
    frame = frame.with_columns(course_start(frame, as_of, keys))
    return with_derived(frame, names | {"course_months"}, as_of)


def with_record_fields(grants: pl.DataFrame) -> pl.DataFrame:
    """``grants`` with every grant record field present (a missing one as nulls)."""
    dtypes = {"date": pl.Date, "amount": pl.Float64, "number": pl.Float64, "integer": pl.Int64}
    missing = [
        pl.lit(None, dtype=dtypes.get(f.type, pl.String)).alias(f.name)
        for f in FileKind.GRANTS.fields
        if f.name not in grants.columns
    ]
    return grants.with_columns(missing) if missing else grants


def evaluate(
    grants: pl.DataFrame,
    rules: Sequence[lang.Rule],
    as_of: dt.date,
    *,
    providers: pl.DataFrame | None = None,
    thresholds: pl.DataFrame | None = None,
) -> list[RuleResult]:
    """Every rule over ``grants`` on ``as_of``, in the order given."""
    frame = prepare(grants, rules, as_of, providers)
    threshold = None if thresholds is None else first_threshold(thresholds, as_of.year)
    return [evaluate_one(frame, rule, as_of, threshold) for rule in rules]


def subject_key(subject: str) -> pl.Expr:
    key = {
        lang.GRANT: pl.col("grant_id"),
        lang.CITIZEN: pl.col("citizen_id"),
        lang.FAMILY: pl.col("family_id").fill_null(pl.col("citizen_id")),
        lang.REFUND_SUBJECT: refund_subject(),
    }[subject]
    return key.cast(pl.String).alias("subject_id")


def evaluate_one(
    frame: pl.DataFrame, rule: lang.Rule, as_of: dt.date, threshold: float | None
) -> RuleResult:
    """One rule over a frame :func:`prepare` made."""
    params = rule.parameters
    selected = frame.filter(all_of(rule.conditions, lang.GRANT_FIELDS, params, as_of))
    apart = _counted_apart(frame, rule, as_of)
    selected = with_derived(selected, _ALWAYS, as_of).with_columns(subject_key(rule.subject))
    subjects = _measures(selected, threshold, rule)
    subjects = subjects.filter(all_of(rule.having, lang.SUBJECT_FIELDS, params, as_of))
    if rule.top:
        measure = str(rule.top["measure"])
        subjects = subjects.sort([measure, "subject_id"], descending=[True, False]).head(
            int(rule.top["n"])
        )
    subjects = with_reason(subjects, str(rule.reason["kind"]), rule.reason)
    matches = (
        selected.join(subjects.select("subject_id"), on="subject_id", how="semi")
        .filter(all_of(rule.matching, lang.GRANT_FIELDS, params, as_of))
        .select(
            "subject_id",
            pl.col("grant_id").cast(pl.String),
            pl.col("cost_this_year").cast(pl.Float64),
            pl.col("run_rate").cast(pl.Float64),
            pl.col("citizen_id").cast(pl.String),
            pl.col("team").cast(pl.String),
            pl.col("caseworker").cast(pl.String),
        )
    )
    per_hit = matches.group_by("subject_id").agg(
        pl.col("grant_id").sort().alias("grant_ids"),
        pl.col("cost_this_year").sum(),
        pl.col("run_rate").sum(),
    )
    hits = (
        subjects.select(
            "subject_id",
            "reason",
            pl.exclude("subject_id", "reason", "cost_this_year", "run_rate").name.prefix(
                "measure_"
            ),
        )
        .join(per_hit, on="subject_id", how="left")
        .with_columns(
            pl.col("grant_ids").fill_null(pl.lit([], dtype=pl.List(pl.String))),
            pl.col("cost_this_year").fill_null(0.0),
            pl.col("run_rate").fill_null(0.0),
        )
        .sort(["run_rate", "cost_this_year", "subject_id"], descending=[True, True, False])
    )
    ordered = [*HIT_SCHEMA, *(c for c in hits.columns if c not in HIT_SCHEMA)]
    return RuleResult(
        rule,
        hits.select(ordered),
        matches.sort("subject_id", "grant_id"),
        apart["skipped_without_birth_date"],
        apart["unknown_provider_type"],
    )


# What each reason kind reads from a subject's grants, besides the counts and sums.
_REASON_READS = {
    "course_duration": ("paragraph", "course_months"),
    "hours_per_week": ("paragraph", "hours_per_week"),
    "hours_and_duration": ("hours_per_week", "course_months"),
    "aftercare": ("paragraph", "age"),
    "external_provider": ("provider_type",),
}


def _measures(selected: pl.DataFrame, threshold: float | None, rule: lang.Rule) -> pl.DataFrame:
    """One row per subject: the measures ``having``, ``top`` and the reason read (only
    those: a minimum of a text column over a million grants is not free)."""
    wanted = set(field_names(rule.having)) | set(_REASON_READS.get(str(rule.reason["kind"]), ()))
    if rule.top:
        wanted.add(str(rule.top["measure"]))
    hour = (pl.col("price_unit") == "hour") & pl.col("active")
    optional = {
        "hours_per_week": pl.when(hour).then(pl.col("quantity")).otherwise(0.0).sum(),
        "paragraph": pl.col("paragraph").min(),
        "provider_type": pl.col("provider_type").min(),
        "age": pl.col("age").max(),
        "course_start": pl.col("course_start").min(),
        "course_months": pl.col("course_months").max(),
        "months_since_review": pl.col("months_since_review").min(),
    }
    subjects = selected.group_by("subject_id").agg(
        pl.len().cast(pl.Int64).alias("grants"),
        pl.col("cost_this_year").sum(),
        pl.col("run_rate").sum(),
        *(
            expr.alias(name)
            for name, expr in optional.items()
            if name in wanted and (name in selected.columns or name == "hours_per_week")
        ),
    )
    defaults = {
        "hours_per_week": pl.Float64,
        "paragraph": pl.String,
        "provider_type": pl.String,
        "age": pl.Int32,
        "course_start": pl.Date,
        "course_months": pl.Int32,
        "months_since_review": pl.Int32,
    }
    subjects = subjects.with_columns(
        pl.lit(None, dtype=dtype).alias(name)
        for name, dtype in defaults.items()
        if name not in subjects.columns
    )
    share = pl.col("cost_this_year") / threshold if threshold else pl.lit(None, dtype=pl.Float64)
    return subjects.with_columns(
        pl.col("hours_per_week").cast(pl.Float64), share.alias("threshold_share")
    )


def _counted_apart(frame: pl.DataFrame, rule: lang.Rule, as_of: dt.date) -> dict[str, int]:
    """Grants that meet every other top-level condition but lack the value a condition
    on these fields needs."""
    counts = {}
    for key, (fields, column) in _APART.items():
        named = [c for c in rule.conditions if field_names([c]) & fields]
        if not named or column not in frame.columns:
            counts[key] = 0
            continue
        others = [c for c in rule.conditions if not field_names([c]) & fields]
        mask = all_of(others, lang.GRANT_FIELDS, rule.parameters, as_of) & pl.col(column).is_null()
        counts[key] = int(frame.select(mask.sum()).item())
    return counts


def results_as_json(results: Sequence[RuleResult], as_of: dt.date) -> dict[str, Any]:
    """The ``focus --format json`` document (docs/casework.md)."""
    return {
        "as_of": as_of.isoformat(),
        "rules": [result_as_json(r) for r in results],
    }


def result_as_json(result: RuleResult) -> dict[str, Any]:
    rule = result.rule
    hits: list[dict[str, Any]] = result.hits.select(list(HIT_SCHEMA)).to_dicts()
    return {
        "code": rule.code,
        "name": rule.name,
        "subject": rule.subject,
        "count": result.count,
        "cost_this_year": result.cost_this_year,
        "run_rate": result.run_rate,
        "skipped_without_birth_date": result.skipped_without_birth_date,
        "unknown_provider_type": result.unknown_provider_type,
        "hits": hits,
    }

"""Focus areas: start one (its cohort frozen from the rules' matching grants on the start
day, within the area's team), and its progress on any later day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl
from django.db import transaction
from django.http import Http404

from socialstyring import clock
from socialstyring.core import rules as core
from socialstyring.core.rules import steering
from socialstyring.services import audit
from socialstyring.services.access import Viewer, require, scope_filter
from socialstyring.services.casework import focus, rulebook
from socialstyring.storage.models import CaseReview, CohortGrant, FocusArea

MANAGE, VIEW = "focus.areas.manage", "focus.view"


def visible_areas(viewer: Viewer):
    require(viewer, VIEW)
    areas = FocusArea.objects.all()
    if viewer.scope in ("team", "caseload"):
        # The team's own areas and the municipality-wide ones (their cases are shown
        # within the viewer's reach only).
        areas = areas.filter(team__in=[viewer.team or "", ""])
    return areas


def area_for(viewer: Viewer, pk: int) -> FocusArea:
    area = visible_areas(viewer).filter(pk=pk).first()
    if area is None:
        raise Http404
    return area


@transaction.atomic
def start_area(
    viewer: Viewer, name: str, start: dt.date, end: dt.date | None, codes: Sequence[str]
) -> FocusArea:
    """Freeze the cohort: every matching grant of the rules on ``start``, in the leader's
    team (all teams for a leader without one)."""
    require(viewer, MANAGE)
    chosen = focus.choose(rulebook.rules(), codes)
    result = focus.focus_from_database(start, chosen)
    grants, _providers, _thresholds = focus.database_inputs(start)
    area = FocusArea.objects.create(
        name=name,
        owner=viewer.username,
        team=viewer.team or "",
        start=start,
        end=end,
        rule_codes=list(codes),
        created_at=clock.now(),
    )
    rows = cohort_rows(result.results, grants, viewer.team)
    CohortGrant.objects.bulk_create(CohortGrant(area_id=area.pk, **row) for row in rows.to_dicts())
    audit.record(
        viewer.username,
        "focus.area.started",
        object_type="focus_area",
        object_id=str(area.pk),
        changes={"name": name, "rules": list(codes), "cohort": rows.height},
    )
    return area


def cohort_rows(
    results: Sequence[core.RuleResult], grants: pl.DataFrame, team: str | None
) -> pl.DataFrame:
    """The matching grants with their terms on the start day, each grant once."""
    parts = [
        r.matches.select("subject_id", "grant_id", "run_rate")
        .with_columns(rule_code=pl.lit(r.rule.code))
        .join(r.hits.select("subject_id", "reason"), on="subject_id", how="left")
        for r in results
    ]
    if not parts:
        return pl.DataFrame()
    matched = pl.concat(parts).unique("grant_id", keep="first", maintain_order=True)
    terms = grants.select(
        "grant_id",
        "citizen_id",
        "team",
        "caseworker",
        "price",
        "price_unit",
        "quantity",
        "start",
        "end",
    )
    rows = matched.join(terms, on="grant_id", how="left")
    if team:
        rows = rows.filter(pl.col("team") == team)
    return rows.with_columns(
        pl.col("team").fill_null(""),
        pl.col("caseworker").fill_null(""),
        pl.col("reason").fill_null(""),
    )


@dataclass(frozen=True)
class Progress:
    area: FocusArea
    as_of: dt.date
    grants: pl.DataFrame
    cases: int
    closed: int
    hours_reduced: int
    converted: int
    run_rate_start: float
    saved_per_year: float
    saved_this_year: float
    decided_not_registered: int
    monthly_now: list[float]  # the cohort's grants as they are now, month by month
    monthly_start: float  # the cohort's run rate at the start, a month of it


def progress(viewer: Viewer, pk: int, as_of: dt.date) -> Progress:
    """The cohort against the grants as they are now, and the reviews' recorded outcomes
    not yet seen in the grants."""
    area = area_for(viewer, pk)
    cohort = pl.DataFrame(
        list(
            CohortGrant.objects.filter(area_id=area.pk).values(
                "grant_id",
                "subject_id",
                "citizen_id",
                "team",
                "caseworker",
                "price",
                "price_unit",
                "quantity",
                "start",
                "end",
                "run_rate",
                "reason",
                "rule_code",
            )
        ),
        schema={
            "grant_id": pl.String,
            "subject_id": pl.String,
            "citizen_id": pl.String,
            "team": pl.String,
            "caseworker": pl.String,
            "price": pl.Float64,
            "price_unit": pl.String,
            "quantity": pl.Float64,
            "start": pl.Date,
            "end": pl.Date,
            "run_rate": pl.Float64,
            "reason": pl.String,
            "rule_code": pl.String,
        },
    ).with_columns(registered=pl.col("start"))
    cohort = cohort.filter(scope_filter(viewer))
    current, _providers, _thresholds = focus.database_inputs(as_of)
    table = steering.progress(cohort, current, as_of)
    pending = CaseReview.objects.filter(
        grant_id__in=table.filter(pl.col("status") == steering.UNCHANGED)["grant_id"].to_list()
    ).exclude(outcome=steering.UNCHANGED)
    audit.citizens_shown(
        viewer.username,
        "focus.area.viewed",
        table["citizen_id"].to_list(),
        page=f"focus_area/{area.pk}",
        changes={"as_of": as_of.isoformat()},
    )
    count = lambda status: table.filter(pl.col("status") == status).height  # noqa: E731
    in_cohort = current.filter(pl.col("grant_id").is_in(cohort["grant_id"].implode()))
    monthly_now = steering.monthly_cost(in_cohort, as_of.year)
    return Progress(
        area,
        as_of,
        table.sort("status", "grant_id"),
        cohort["subject_id"].n_unique(),
        count(steering.CLOSED),
        count(steering.HOURS_REDUCED),
        count(steering.CONVERTED),
        float(table["run_rate"].sum()),
        float(table["saved_per_year"].sum()),
        float(table["saved_this_year"].sum()),
        pending.count(),
        monthly_now,
        float(table["run_rate"].sum()) / 12,
    )


def chart(p: Progress, width: int = 600, height: int = 200) -> dict[str, object]:
    """Points of the cohort's monthly cost now against its start level, for an SVG."""
    peak = max([p.monthly_start, *p.monthly_now, 1.0])
    step = width / 11

    def y(value: float) -> float:
        return round(height - value / peak * (height - 10), 1)

    points = " ".join(f"{round(i * step, 1)},{y(v)}" for i, v in enumerate(p.monthly_now))
    return {"width": width, "height": height, "points": points, "start_y": y(p.monthly_start)}

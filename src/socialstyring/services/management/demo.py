"""The demo municipality's management data (``demo/management.py``) through the ordinary
import, its comparison group, and seed 003's action plan tied to its live figures."""

from __future__ import annotations

import datetime as dt

import polars as pl

from socialstyring.demo import management as drawn
from socialstyring.services.files import Upload
from socialstyring.services.imports import ImportOutcome, import_uploads
from socialstyring.terms import FileKind


def load_management_demo(*, seed: int, as_of: dt.date, now: dt.datetime) -> list[ImportOutcome]:
    from socialstyring.services.management import key_figures
    from socialstyring.services.management.figures import LiveFigures
    from socialstyring.storage import tenancy
    from socialstyring.storage.models import ActionPlan, ComparisonGroup, Grant, Municipality

    code, year = tenancy.current_code(), as_of.year
    citizens = sorted(set(Grant.objects.values_list("citizen_id", flat=True)[:2000]))
    teams = sorted({t for t in Grant.objects.values_list("team", flat=True) if t})
    outcomes = import_uploads(
        [
            Upload(
                f"{FileKind.POPULATION.label}.csv",
                drawn.population_csv(code, year, seed=seed).encode(),
            ),
            Upload(
                f"{FileKind.APPEALS.label}.csv",
                drawn.appeals_csv(year, as_of, citizens, teams, seed=seed).encode(),
            ),
        ],
        now=now,
        username="demo",
    )
    own = key_figures.key_figures(as_of).figures.filter(pl.col("dimension").is_null())
    region = (
        Municipality.objects.filter(code=code).values_list("region_code", flat=True).first() or ""
    )
    references = drawn.references_csv(own, year, region, seed=seed)
    outcomes += import_uploads(
        [Upload(f"{FileKind.KEY_FIGURES.label}.csv", references.encode())], now=now, username="demo"
    )
    name, codes = drawn.COMPARISON_GROUP
    ComparisonGroup.objects.update_or_create(name=name, defaults={"codes": ",".join(codes)})

    live = LiveFigures(as_of)
    spec = drawn.action_plan(
        year,
        {
            "aftercare": live.value("paragraph_expected", "BL § 114, SEL § 76", year - 1),
            "external": live.value("external_expected", "", year - 1),
            "families": live.value("rule_count", "families_multiple_measures_13_18", year - 1),
        },
    )
    if not ActionPlan.objects.filter(title=spec["title"]).exists():
        _save_plan(spec, now)
    return outcomes


def _save_plan(spec: dict, now: dt.datetime) -> None:
    from socialstyring.services.management import plans

    def save(part: str, values: dict, parent_id: int | None = None):
        return plans.save(part, values, username="demo", now=now, parent_id=parent_id)

    plan = save("plan", {"title": spec["title"]})
    for position, point in enumerate(spec["focus_points"]):
        focus = save(
            "focus_point",
            {"title": point["title"], "comment": point["comment"], "position": position},
            parent_id=plan.pk,
        )
        for text, owner, deadline, status_text in point["actions"]:
            save(
                "action",
                {"text": text, "owner": owner, "deadline": deadline, "status_text": status_text},
                parent_id=focus.pk,
            )
        for label, measure, reference, direction, value, due, baseline, base_year in point[
            "targets"
        ]:
            save(
                "target",
                {
                    "label": label,
                    "measure": measure,
                    "reference": reference,
                    "direction": direction,
                    "value": value,
                    "due": due,
                    "baseline": baseline,
                    "baseline_year": base_year,
                },
                parent_id=focus.pk,
            )

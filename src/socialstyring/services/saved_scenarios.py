"""Saved what-if scenarios: stored with the figures of their last computation, computed
again on request, and compared side by side."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import polars as pl
from django.http import Http404

from socialstyring import clock
from socialstyring.io.reports import subtitle
from socialstyring.io.writers import Report, ReportColumn
from socialstyring.io.writers.pdf import TableDocument
from socialstyring.services import exports
from socialstyring.services.access import Viewer, require
from socialstyring.services.scenario_files import ScenarioSpec, read_scenario
from socialstyring.services.scenarios import (
    FIGURES,
    ScenarioResult,
    compute,
    document,
    inputs_from_database,
    named,
    report,
)
from socialstyring.storage.models import Scenario
from socialstyring.translation import _, pgettext


def compute_from_database(spec: ScenarioSpec, year: int, as_of: dt.date) -> ScenarioResult:
    return compute(spec, inputs_from_database(year, as_of), year, as_of)


def save_scenario(
    name: str, year: int, as_of: dt.date, changes: list[Any], username: str
) -> Scenario:
    """Read, compute and store a scenario; :class:`ScenarioError` when it cannot be read."""
    from django.db import transaction

    from socialstyring.services import audit

    spec = read_scenario({"name": name, "changes": changes})
    result = compute_from_database(spec, year, as_of)
    with transaction.atomic():
        scenario = Scenario.objects.create(
            name=name,
            year=year,
            as_of=as_of,
            document=spec.document,
            result=document(result),
            computed_at=clock.now(),
            created_at=clock.now(),
            created_by=username,
        )
        audit.record(
            username,
            "economics.scenario.saved",
            object_type="scenario",
            object_id=str(scenario.pk),
            changes={"name": name, "year": year, "as_of": as_of.isoformat()},
        )
    return scenario


def recompute(scenario: Scenario, as_of: dt.date | None = None) -> Scenario:
    """The saved scenario's figures computed again from today's grants (as of ``as_of``)."""
    if as_of is not None:
        scenario.as_of = as_of
    spec = read_scenario(scenario.document)
    scenario.result = document(compute_from_database(spec, scenario.year, scenario.as_of))
    scenario.computed_at = clock.now()
    scenario.save(update_fields=["as_of", "result", "computed_at"])
    return scenario


def scenario_for(viewer: Viewer, pk: int, action: str = "economics.view") -> Scenario:
    require(viewer, action)
    try:
        return Scenario.objects.get(pk=pk)
    except Scenario.DoesNotExist:
        raise Http404 from None


def saved_scenarios() -> list[Scenario]:
    return list(Scenario.objects.all()[:200])


@dataclass(frozen=True)
class SideBySide:
    scenarios: list[Scenario]
    year: int
    rows: list[dict[str, Any]]  # account, base_Y, base_Y1, per scenario its figures
    total: dict[str, Any]


def side_by_side(scenarios: list[Scenario]) -> SideBySide:
    """Saved scenarios' figures next to each other per account (their stored results);
    the base is the first scenario's."""
    accounts = sorted({line["konto"] for s in scenarios for line in s.result.get("lines", [])})
    lines = [{ln["konto"]: ln for ln in s.result.get("lines", [])} for s in scenarios]
    empty = dict.fromkeys(FIGURES, 0.0)

    def row(account: str | None) -> dict[str, Any]:
        parts = [
            (s.result.get("total", empty) if account is None else line.get(account, empty))
            for s, line in zip(scenarios, lines, strict=True)
        ]
        first = parts[0] if parts else empty
        return {
            "account": account,
            "base_Y": first["base_Y"],
            "base_Y1": first["base_Y1"],
            "scenarios": [{f: p[f] for f in FIGURES} for p in parts],
        }

    return SideBySide(
        scenarios,
        scenarios[0].year if scenarios else 0,
        [row(a) for a in accounts],
        row(None),
    )


def comparison_frame(comparison: SideBySide) -> tuple[Report, pl.DataFrame]:
    """The side-by-side table as a report: the base, then each scenario's two years."""
    year = comparison.year
    columns = [
        ReportColumn("account", _("Account"), "text", 10),
        ReportColumn("base_Y", _("Base %(year)s") % {"year": year}, "kroner", 16),
        ReportColumn("base_Y1", _("Base %(year)s") % {"year": year + 1}, "kroner", 16),
    ]
    data: dict[str, list[Any]] = {
        "account": [r["account"] for r in comparison.rows],
        "base_Y": [r["base_Y"] for r in comparison.rows],
        "base_Y1": [r["base_Y1"] for r in comparison.rows],
    }
    for i, scenario in enumerate(comparison.scenarios):
        for key, y in (("scenario_Y", year), ("scenario_Y1", year + 1)):
            field = f"{key}_{i}"
            label = f"{scenario.name} {y}"
            columns.append(ReportColumn(field, label, "kroner", 18))
            data[field] = [r["scenarios"][i][key] for r in comparison.rows]
    frame = pl.DataFrame(data, schema_overrides={"account": pl.String})
    return Report(_("Scenarios side by side"), tuple(columns)), frame


def comparison_download(comparison: SideBySide, fmt: str) -> exports.Download:
    report, frame = comparison_frame(comparison)
    title = _("Scenarios side by side")
    return exports.download(
        report,
        frame,
        fmt,
        pgettext("file name", "scenarios-%(year)s") % {"year": comparison.year},
        formats=exports.WITH_PDF,
        document=TableDocument(title, notes=tuple(s.name for s in comparison.scenarios)),
        totals=_comparison_totals(comparison),
    )


def _comparison_totals(comparison: SideBySide) -> dict[str, float]:
    total = comparison.total
    sums = {"base_Y": total["base_Y"], "base_Y1": total["base_Y1"]}
    for i, figures in enumerate(total["scenarios"]):
        sums[f"scenario_Y_{i}"] = figures["scenario_Y"]
        sums[f"scenario_Y1_{i}"] = figures["scenario_Y1"]
    return sums


def scenario_download(
    scenario: Scenario, fmt: str, account_names: dict[str, str]
) -> exports.Download:
    result = result_of(scenario)
    return exports.download(
        report(result.year),
        named(result.table, account_names),
        fmt,
        exports.file_name(pgettext("file name", "scenario"), result.year, result.as_of),
        formats=exports.WITH_PDF,
        document=TableDocument(scenario.name or _("Scenario")),
        caption=subtitle(result.year, result.as_of),
        totals=result.totals,
    )


def result_of(scenario: Scenario) -> ScenarioResult:
    """A saved scenario's stored figures as a result."""
    keys = ("budget", *FIGURES)
    lines = scenario.result.get("lines", [])
    table = pl.DataFrame(
        {
            "account": [ln["konto"] for ln in lines],
            **{k: [float(ln[k]) for ln in lines] for k in keys},
        },
        schema={"account": pl.String, **dict.fromkeys(keys, pl.Float64)},
    )
    totals = {k: float(scenario.result.get("total", {}).get(k, 0.0)) for k in keys}
    return ScenarioResult(scenario.name, scenario.year, scenario.as_of, table, totals)

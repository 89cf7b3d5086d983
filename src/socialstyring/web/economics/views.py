"""The economics pages: the index, saved what-if scenarios and their comparison.
Each view: check access, validate, call a service, render."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from socialstyring import clock
from socialstyring.services import investments, saved_scenarios
from socialstyring.services.followups import account_names
from socialstyring.services.scenario_files import ScenarioError
from socialstyring.web.downloads import attachment
from socialstyring.web.economics.forms import ScenarioForm
from socialstyring.web.views import requires


@requires("economics.view")
def index(request, viewer):
    return render(
        request,
        "economics/index.html",
        {
            "scenarios": saved_scenarios.saved_scenarios(),
            "cases": investments.cases(),
            "investments": investments.investments(),
            "can_edit": viewer.can("economics.edit"),
        },
    )


@requires("economics.edit")
def scenario_new(request, viewer):
    today = clock.today()
    if request.method == "POST":
        form = ScenarioForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                scenario = saved_scenarios.save_scenario(
                    data["name"], data["year"], data["as_of"], data["changes"], viewer.username
                )
            except ScenarioError as bad:
                form.add_error("changes", str(bad))
            else:
                messages.success(
                    request, _("The scenario »%(name)s« has been saved.") % {"name": scenario.name}
                )
                return redirect("scenario_detail", pk=scenario.pk)
        return render(request, "economics/scenario_form.html", {"form": form}, status=400)
    form = ScenarioForm(initial={"year": today.year, "as_of": today})
    return render(request, "economics/scenario_form.html", {"form": form})


@requires("economics.view")
def scenario_detail(request, viewer, pk: int):
    scenario = saved_scenarios.scenario_for(viewer, pk)
    return render(
        request,
        "economics/scenario_detail.html",
        {
            "scenario": scenario,
            "lines": _named_lines(scenario.result.get("lines", [])),
            "total": scenario.result.get("total", {}),
            "changes": scenario.document.get("changes", []),
            "can_edit": viewer.can("economics.edit"),
        },
    )


def _named_lines(lines):
    names = account_names()
    return [{**line, "name": names.get(line["konto"], "")} for line in lines]


@require_POST
@requires("economics.edit")
def scenario_recompute(request, viewer, pk: int):
    scenario = saved_scenarios.scenario_for(viewer, pk, "economics.edit")
    try:
        saved_scenarios.recompute(scenario)
    except ScenarioError as bad:
        messages.error(request, str(bad))
    else:
        messages.success(request, _("The scenario has been computed again."))
    return redirect("scenario_detail", pk=scenario.pk)


@requires("economics.view")
def scenario_export(request, viewer, pk: int, fmt: str):
    scenario = saved_scenarios.scenario_for(viewer, pk)
    return attachment(lambda: saved_scenarios.scenario_download(scenario, fmt, account_names()))


def _chosen(request, viewer):
    chosen = []
    for raw in request.GET.getlist("s")[:6]:
        if raw.isdigit():
            chosen.append(saved_scenarios.scenario_for(viewer, int(raw)))
    return chosen


@requires("economics.view")
def scenario_compare(request, viewer):
    chosen = _chosen(request, viewer)
    comparison = saved_scenarios.side_by_side(chosen) if chosen else None
    names = account_names()
    return render(
        request,
        "economics/scenario_compare.html",
        {
            "choices": saved_scenarios.saved_scenarios(),
            "chosen": [s.pk for s in chosen],
            "comparison": comparison,
            "rows": [
                {**row, "name": names.get(row["account"], "")}
                for row in (comparison.rows if comparison else [])
            ],
            "query": "&".join(f"s={s.pk}" for s in chosen),
        },
    )


@requires("economics.view")
def scenario_compare_export(request, viewer, fmt: str):
    chosen = _chosen(request, viewer)
    return attachment(
        lambda: saved_scenarios.comparison_download(saved_scenarios.side_by_side(chosen), fmt)
    )

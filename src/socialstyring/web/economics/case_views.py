"""Business cases and investments: the form, the figures, promised against measured."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from socialstyring.services import exports, investments
from socialstyring.services.investments import RuleError
from socialstyring.services.notation import number_dk
from socialstyring.web.downloads import attachment
from socialstyring.web.economics.forms import BusinessCaseForm, InvestmentForm
from socialstyring.web.views import requires


@requires("economics.edit")
def case_new(request, viewer):
    if request.method == "POST":
        form = BusinessCaseForm(request.POST)
        if form.is_valid():
            values = dict(form.cleaned_data)
            try:
                if not values["savings"]:
                    values["savings"] = investments.cohort_savings(
                        values["cohort_rule"],
                        values["cohort_day"],
                        share_closed=values["share_closed"] or 0.0,
                        hours_reduced_pct=(values["hours_reduced"] or 0.0) * 100,
                        horizon=max(len(values["costs"]), 1),
                    )
                    values["note"] = values["note"] or investments.derived_note(values)
            except RuleError as bad:
                form.add_error("cohort_rule", str(bad))
            else:
                case = investments.save_case(values, viewer.username)
                messages.success(
                    request,
                    _("The business case »%(name)s« has been saved.") % {"name": case.name},
                )
                return redirect("case_detail", pk=case.pk)
        return render(request, "economics/case_form.html", {"form": form}, status=400)
    return render(request, "economics/case_form.html", {"form": BusinessCaseForm()})


@requires("economics.view")
def case_detail(request, viewer, pk: int):
    case = investments.case_for(viewer, pk)
    result = investments.evaluate_case(case)
    return render(
        request,
        "economics/case_detail.html",
        {
            "case": case,
            "result": result,
            "years": result.years.to_dicts(),
            "rate": number_dk(case.rate * 100, 1),
            "per_krone": None
            if result.return_per_krone is None
            else number_dk(result.return_per_krone, 2),
            "can_edit": viewer.can("economics.edit"),
        },
    )


@requires("economics.view")
def case_export(request, viewer, pk: int, fmt: str):
    case = investments.case_for(viewer, pk)
    return attachment(lambda: investments.case_download(case, fmt))


@requires("economics.edit")
def investment_new(request, viewer):
    case = None
    raw_case = request.GET.get("case") or request.POST.get("case")
    if raw_case and raw_case.isdigit():
        case = investments.case_for(viewer, int(raw_case), "economics.edit")
    if request.method == "POST":
        form = InvestmentForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                investment = investments.create_investment(
                    name=data["name"],
                    start_day=data["start_day"],
                    costs=data["costs"],
                    conditions=data["cohort_rule"],
                    price_index=data["price_index"] or 0.0,
                    business_case=case,
                    username=viewer.username,
                )
            except RuleError as bad:
                form.add_error("cohort_rule", str(bad))
            else:
                messages.success(
                    request,
                    _("The investment »%(name)s« has been created.") % {"name": investment.name},
                )
                return redirect("investment_detail", pk=investment.pk)
        return render(
            request, "economics/investment_form.html", {"form": form, "case": case}, status=400
        )
    initial = {}
    if case is not None:
        initial = {
            "name": case.name,
            "costs": "; ".join(number_dk(c, 0) for c in case.costs),
        }
    form = InvestmentForm(initial=initial)
    return render(request, "economics/investment_form.html", {"form": form, "case": case})


@requires("economics.view")
def investment_detail(request, viewer, pk: int):
    investment = investments.investment_for(viewer, pk)
    view = investments.follow_up(investment)
    rows = investments.investment_frame(view).to_dicts()
    chart = exports.bars_chart(
        [int(r["year"]) for r in rows],
        [
            (_("Invested"), [r["invested"] for r in rows]),
            (_("Saving"), [r["saving"] for r in rows]),
            *([(_("Promised saving"), view.promised)] if investment.business_case else []),
        ],
        title=_("Invested and saved per year"),
    )
    return render(
        request,
        "economics/investment_detail.html",
        {"investment": investment, "view": view, "rows": rows, "chart": chart},
    )


@requires("economics.view")
def investment_export(request, viewer, pk: int, fmt: str):
    investment = investments.investment_for(viewer, pk)
    return attachment(
        lambda: investments.investment_download(investments.follow_up(investment), fmt)
    )

"""The regional market's pages: offers and their tariffs, the sales matrix, offers at
risk, supply and demand, a municipality's own purchases and the bring-home list."""

from __future__ import annotations

import datetime as dt

from django.http import Http404
from django.shortcuts import redirect
from django.shortcuts import render as django_render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from socialstyring.services.regional import home, objective, pages
from socialstyring.web.downloads import attachment
from socialstyring.web.views import requires, year_and_as_of

LINKS = (  # the regional pages' own menu: (url name, label, action that shows it)
    ("regional_offers", _("Offers and tariffs"), "regional.view"),
    ("regional_at_risk", _("Offers at risk"), "regional.view"),
    ("regional_supply", _("Supply and demand"), "regional.view"),
    ("regional_financing", _("Objective financing"), "regional.view"),
    ("regional_matrix", _("Sales and purchases"), "regional.matrix"),
    ("regional_trade", _("Our purchases and sales"), "regional.trade"),
    ("regional_home", _("Bringing citizens home"), "regional.bring_home"),
)


def render(request, template: str, context: dict, status: int = 200):
    viewer = request._viewer
    links = [(name, label) for name, label, action in LINKS if viewer.can(action)]
    return django_render(request, template, {**context, "links": links}, status=status)


@requires("regional.view")
def offers(request, viewer):
    year, as_of = year_and_as_of(request)
    context = pages.offers(viewer, year, as_of)
    return render(request, "regional/offers.html", {**context, "year": year, "as_of": as_of})


@requires("regional.view")
def offer(request, viewer, offer_id: str):
    year, _as_of = year_and_as_of(request)
    context = pages.offer(viewer, offer_id, year)
    if context is None:
        raise Http404
    return render(request, "regional/offer.html", {**context, "year": year})


@requires("regional.matrix")
def matrix(request, viewer):
    year, _as_of = year_and_as_of(request)
    return render(request, "regional/matrix.html", {**pages.matrix(viewer, year), "year": year})


@requires("regional.view")
def at_risk(request, viewer):
    year, as_of = year_and_as_of(request)
    context = pages.at_risk(viewer, as_of)
    return render(request, "regional/at_risk.html", {**context, "year": year, "as_of": as_of})


@requires("regional.view")
def supply(request, viewer):
    year, _as_of = year_and_as_of(request)
    return render(request, "regional/supply.html", {**pages.supply(viewer, year), "year": year})


@requires("regional.trade")
def trade(request, viewer):
    year, _as_of = year_and_as_of(request)
    return render(request, "regional/trade.html", {**pages.trade(viewer, year), "year": year})


@requires("regional.bring_home")
def bring_home(request, viewer, error: str = "", status: int = 200):
    year, as_of = year_and_as_of(request)
    rows = home.candidates(viewer, as_of, page=request.get_full_path())
    context = {
        "rows": list(rows.iter_rows(named=True)),
        "year": year,
        "as_of": as_of,
        "can_scenario": viewer.can("economics.edit"),
        "start": request.POST.get("from") or home.first_of_next_month(as_of).isoformat(),
        "chosen": set(request.POST.getlist("grant")),
        "error": error,
    }
    return render(request, "regional/bring_home.html", context, status=status)


@require_POST
@requires("regional.bring_home")
def bring_home_scenario(request, viewer):
    """The chosen candidates as a saved scenario; its page shows the saving Y and Y+1."""
    year, as_of = year_and_as_of(request)
    try:
        start = dt.date.fromisoformat(request.POST.get("from", ""))
    except ValueError:
        return bring_home(request, error=_("Give the day they come home as a date."), status=400)
    try:
        scenario = home.send_to_scenario(
            viewer,
            request.POST.getlist("grant"),
            year=year,
            as_of=as_of,
            start=start,
            name=request.POST.get("name", ""),
            page=request.get_full_path(),
        )
    except home.BringHomeError as bad:
        return bring_home(request, error=str(bad), status=400)
    return redirect("scenario_detail", pk=scenario.pk)


@requires("regional.view")
def financing(request, viewer):
    year, _as_of = year_and_as_of(request)
    page = objective.financing(viewer, year)
    return render(request, "regional/financing.html", {"page": page, "year": year})


@requires("regional.view")
def financing_export(request, viewer, fmt: str):
    year, _as_of = year_and_as_of(request)
    return attachment(lambda: objective.financing_download(viewer, year, fmt))

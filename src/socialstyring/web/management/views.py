"""Management pages: the start page, the key figures and the appeals."""

from __future__ import annotations

from django.shortcuts import render
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from socialstyring import clock
from socialstyring.services.exports import UnknownFormat
from socialstyring.services.management import appeals as appeal_service
from socialstyring.services.management import key_figures as figure_service
from socialstyring.services.management.start import start_page
from socialstyring.services.notation import kroner, percent
from socialstyring.terms import AREAS
from socialstyring.terms.management import APPEALS_BY, APPEALS_DEFAULT_BY, KEY_FIGURES
from socialstyring.web.downloads import attachment
from socialstyring.web.edges import InvalidInput
from socialstyring.web.views import requires, year_and_as_of


@requires("management.view")
def start(request, viewer):
    year, as_of = year_and_as_of(request)
    page = start_page(year, as_of)
    query = urlencode({"year": str(year), "as_of": as_of.isoformat()})
    figures = [
        {
            **row,
            "label": next((k.label for k in KEY_FIGURES if k.code == row["code"]), row["code"]),
            "own_text": figure_service.show(row["code"], row["own"]),
            "comparison_text": figure_service.show(row["code"], row["comparison"]),
            "country_text": figure_service.show(row["code"], row["country"]),
        }
        for row in page.key_figures
    ]
    reversal = page.reversal and {
        **page.reversal,
        "rate_text": percent(page.reversal["reversal_rate"]),
        "national_text": percent(page.reversal["national"]) or "–",
    }
    return render(
        request,
        "management/start.html",
        {
            "page": page,
            "query": query,
            "deviation": kroner(page.totals.get("deviation")),
            "expected": kroner(page.totals.get("expected")),
            "further": [(label, kroner(v)) for _f, label, v in page.further_totals],
            "figures": figures,
            "reversal": reversal,
            "can_edit": viewer.can("plans.edit"),
        },
    )


@requires("management.view")
def key_figures(request, viewer):
    _year, as_of = year_and_as_of(request)
    result = figure_service.key_figures(as_of)
    sections = []
    for figure in KEY_FIGURES:
        series = result.series(figure.code).to_dicts()
        if not series:
            continue
        rows = [
            {
                "year": r["year"],
                **{
                    k: figure_service.show(figure.code, r[k])
                    for k in ("own", "country", "region", "comparison")
                },
            }
            for r in series
        ]
        parts = [
            {**d, "text": figure_service.show(figure.code, d["value"])}
            for d in figure_service.dimensions(result, figure.code)
        ]
        sections.append(
            {
                "figure": figure,
                "rows": rows,
                "chart": figure_service.chart(result, figure.code),
                "parts": parts,
            }
        )
    return render(
        request,
        "management/key_figures.html",
        {
            "sections": sections,
            "result": result,
            "query": urlencode({"as_of": as_of.isoformat(), "year": str(as_of.year)}),
        },
    )


@requires("management.view")
def key_figures_export(request, viewer, fmt: str):
    _year, as_of = year_and_as_of(request)
    result = figure_service.key_figures(as_of)
    if fmt != "xlsx":
        return attachment(_unknown)
    return attachment(lambda: figure_service.download(result))


def _unknown():
    raise UnknownFormat


def _appeal_choice(request) -> tuple[str, int | None]:
    by = request.GET.get("by", APPEALS_DEFAULT_BY)
    if by not in APPEALS_BY:
        by = APPEALS_DEFAULT_BY
    raw = request.GET.get("aar", "").strip()
    if not raw:
        return by, None
    if not raw.isdigit():
        raise InvalidInput(_("The year must be a number, e.g. 2026."))
    return by, int(raw)


@requires("management.view")
def appeals(request, viewer):
    by, year = _appeal_choice(request)
    frame = appeal_service.appeals_from_database()
    result = appeal_service.rates(frame, by, year)
    national = figure_service.national_reversal_rates()
    trend = appeal_service.trend(frame, national)
    groups = [
        {
            **g,
            "area_label": AREAS.label(g["area"]),
            "rate_text": percent(g["reversal_rate"]) or "–",
            "national_text": percent(national.get(g["year"])) or "–",
        }
        for g in result.groups.iter_rows(named=True)
    ]
    years = [
        {
            **t,
            "rate_text": percent(t["reversal_rate"]) or "–",
            "national_text": percent(t["national"]) or "–",
        }
        for t in trend
    ]
    return render(
        request,
        "management/appeals.html",
        {
            "groups": groups,
            "total": {**result.total, "rate_text": percent(result.total["reversal_rate"]) or "–"},
            "years": years,
            "chart": appeal_service.trend_chart(trend),
            "by": by,
            "by_choices": list(APPEALS_BY),
            "year": year,
            "query": urlencode({"by": by, **({"aar": str(year)} if year else {})}),
        },
    )


@requires("management.view")
def appeals_export(request, viewer, fmt: str):
    by, year = _appeal_choice(request)
    frame = appeal_service.appeals_from_database()
    if fmt == "pdf":  # the council's yearly pack: the chosen year, else the latest decided
        years = appeal_service.decided_years(frame)
        pack_year = year or (years[-1] if years else clock.today().year)
        national = figure_service.national_reversal_rates()
        return attachment(lambda: appeal_service.council_pack(frame, pack_year, national))
    if fmt != "xlsx":
        return attachment(_unknown)
    result = appeal_service.rates(frame, by, year)
    return attachment(lambda: appeal_service.xlsx_download(result))

"""The backtest page: how well the projection did in past years, with a chart and a download."""

from __future__ import annotations

from django.shortcuts import render
from django.utils.http import urlencode

from socialstyring import clock
from socialstyring.services import backtests
from socialstyring.web.downloads import attachment
from socialstyring.web.edges import InvalidInput
from socialstyring.web.views import requires


def _years(request) -> list[int] | None:
    raw = request.GET.get("years", "").strip()
    if not raw:
        return None
    try:
        return backtests.parse_years(raw)
    except backtests.BadYears as exc:
        raise InvalidInput(str(exc)) from None


@requires("figures.view")
def backtest(request, viewer):
    result, years = backtests.from_database(_years(request), clock.today())
    table = backtests.month_table(result) if result.months.height else None
    span = f"{years[0]}-{years[-1]}" if years else ""
    return render(
        request,
        "projection/backtest.html",
        {
            "years": span,
            "rows": table.to_dicts() if table is not None else [],
            "chart": backtests.chart(result),
            "sources": sorted(result.sources.items()),
            "query": urlencode({"years": span}) if span else "",
        },
    )


@requires("figures.view")
def backtest_export(request, viewer, fmt: str):
    result, years = backtests.from_database(_years(request), clock.today())
    return attachment(lambda: backtests.download(result, years, fmt))

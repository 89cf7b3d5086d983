"""The overview page: figures equal the forecast, queries do not grow with the data."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from socialstyring.services import forecasting
from tests.helpers.demo import stored_demo
from tests.web.factories import make_user

pytestmark = pytest.mark.django_db
AS_OF = dt.date(2026, 5, 31)
URL = reverse("overview") + "?year=2026&as_of=2026-05-31"


def _load(grants: int) -> None:
    stored_demo(grants, AS_OF)


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_query_count_is_bounded_and_does_not_grow_with_grants():
    client = Client()
    client.force_login(make_user("oekonomi", "finance"))
    _load(300)
    small = _queries(client, URL)
    _load(3000)  # more grants, postings and providers
    large = _queries(client, URL)
    assert small == large
    assert large <= 13  # the figures, the page's frame and the data's freshness line
    for by in ("område", "paragraf", "leverandørtype", "team"):
        assert _queries(client, URL + f"&by={by}") <= 13


def _kroner(text: str) -> float:
    return float(text.replace("kr.", "").replace(".", "").replace("−", "-").strip())


def test_the_page_shows_the_forecast_in_danish_notation():
    _load(500)
    client = Client()
    client.force_login(make_user("oekonomi", "finance"))
    html = client.get(URL).content.decode()
    result = forecasting.compute(forecasting.inputs_from_database(2026, AS_OF), 2026, AS_OF)
    footer = html[html.index("<tfoot>") : html.index("</tfoot>")]
    shown = [_kroner(v) for v in re.findall(r'class="num[^"]*">(-?[\d.]+ kr\.)<', footer)]
    expected = [
        result.totals[m]
        for m in ("budget", "spent_to_date", "committed_rest", "expected", "deviation")
    ]
    assert shown == pytest.approx(expected, abs=1.0)
    assert "31-05-2026" in html
    assert "<svg" in html and "Budgettempo" in html


def test_a_renamed_account_shows_at_once_although_the_page_is_cached():
    from socialstyring.storage.models import Account, Grant

    _load(300)
    client = Client()
    client.force_login(make_user("oekonomi", "finance"))
    client.get(URL)  # fills the cache
    account = Account.objects.get(function=Grant.objects.order_by("grant_id")[0].account)
    account.name = "Et helt nyt kontonavn"
    account.save()  # draws no new data version
    assert "Et helt nyt kontonavn" in client.get(URL).content.decode()
    cached = _queries(client, URL)
    assert cached <= 13  # served from the cache again


def test_the_cached_table_keeps_drill_down_links_to_those_who_may_drill():
    _load(300)
    finance, reader = Client(), Client()
    finance.force_login(make_user("oekonomi", "finance"))
    reader.force_login(make_user("laeser", "reader"))
    grants_link = 'href="' + reverse("grants") + "?"

    def table(client: Client) -> str:
        html = client.get(URL).content.decode()
        return html[html.index('id="overview-table"') : html.index("</table>")]

    assert grants_link in table(finance)
    assert grants_link not in table(reader)  # the same cached figures, no links
    assert grants_link in table(finance)

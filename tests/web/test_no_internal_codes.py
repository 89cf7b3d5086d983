"""No page or export shows a user an internal code: areas, provider types and price
units reach users as their Danish labels, audit actions as their names."""

from __future__ import annotations

import csv
import io
import re
from html.parser import HTMLParser

import fastexcel
import pytest
from django.test import Client
from django.urls import reverse

from socialstyring.services import audit
from socialstyring.storage.models import Grant
from tests.web.factories import make_grant, make_municipality, make_user

pytestmark = pytest.mark.django_db

CODES = ("adults", "children", "other_municipality", "private", "day", "hour", "month", "once")
DOTTED = re.compile(r"\b[a-z]+\.[a-z_]+\.[a-z_]+\b")  # grants.citizen.viewed
YEAR = "?year=2026&as_of=2026-05-31"


class _Text(HTMLParser):
    """The text a reader sees: no tags, attributes, scripts or styles."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        self._hidden += tag in ("script", "style")

    def handle_endtag(self, tag):
        self._hidden -= tag in ("script", "style")

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)


def _visible(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(parser.parts)


def _codes_in(text: str) -> set[str]:
    words = set(re.findall(r"[\w.]+", text))
    return {c for c in CODES if c in words} | set(DOTTED.findall(text))


@pytest.fixture
def finance():
    make_municipality()
    grant = make_grant("G-9", "PS-ADULT", account="5.38.50", unit="hour", team="Voksne")
    Grant.objects.filter(pk=grant.pk).update(area="adults", provider_type="other_municipality")
    make_grant("G-10", "PS-ONCE", unit="once", team="Voksne")
    audit.record("leder", "grants.citizen.viewed", citizen_id="PS-ADULT")
    client = Client()
    client.force_login(make_user("oekonomi", "finance"))
    return client


@pytest.mark.parametrize(
    "url",
    [
        reverse("overview") + YEAR,
        reverse("overview") + YEAR + "&by=område",
        reverse("overview") + YEAR + "&by=leverandørtype",
        reverse("grants") + YEAR,
        reverse("grants") + YEAR + "&area=adults",
        reverse("grants") + YEAR + "&provider_type=other_municipality",
        reverse("postings") + YEAR + "&area=adults",
        reverse("postings") + YEAR + "&provider_type=other_municipality&bevilling=without",
    ],
)
def test_pages_show_labels_not_codes(finance, url):
    response = finance.get(url)
    assert response.status_code == 200
    assert _codes_in(_visible(response.content.decode())) == set()


def test_the_grant_exports_show_labels_not_codes(finance):
    text = finance.get(reverse("grants_export", kwargs={"fmt": "csv"}) + YEAR).content
    rows = list(csv.reader(io.StringIO(text.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) > 2 and _codes_in(" ".join(" ".join(r) for r in rows)) == set()
    data = finance.get(reverse("grants_export", kwargs={"fmt": "xlsx"}) + YEAR).content
    sheet = fastexcel.read_excel(data).load_sheet(0).to_polars()
    cells = " ".join(str(v) for col in sheet.iter_columns() for v in col.to_list())
    assert "Time" in cells or "time" in cells  # the hour unit, in Danish
    assert _codes_in(cells) == set()


def test_the_audit_log_shows_action_names_not_codes(finance):
    admin = Client()
    admin.force_login(make_user("admin", "admin"))
    assert _codes_in(_visible(admin.get(reverse("audit")).content.decode())) == set()

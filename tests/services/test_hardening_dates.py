"""Dates at the ends of the calendar in import files (issue 8, "Robust edges"): a grant
that ends 31-12-9999 (the "no end" of many case systems) or starts in year 1 is stored
and every page and the forecast still answer, never an OverflowError."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from socialstyring.services.files import Upload
from socialstyring.services.imports import import_uploads
from socialstyring.storage.models import Grant
from tests.web.factories import make_user

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC)
HEADER = "bevilling_id;borger_id;område;paragraf;konto;startdato;slutdato;pris;prisenhed;team"
PERIOD = "?year=2026&as_of=2026-05-31"


def test_grants_at_the_ends_of_the_calendar_keep_every_page_working():
    rows = [
        "B-1;P-1;børn;BL § 32;5.28.21;01-01-2026;31-12-9999;100,00;dag;Børn Syd",
        "B-2;P-2;børn;BL § 32;5.28.21;01-01-0001;31-12-9999;100,00;uge;Børn Syd",
        "B-3;P-3;børn;BL § 32;5.28.21;01-01-2026;;5.000,00;år;Børn Syd",
        "B-4;P-4;børn;BL § 32;5.28.21;31-12-9999;31-12-9999;100,00;engang;Børn Syd",
    ]
    data = "\n".join([HEADER, *rows, ""]).encode()
    import_uploads([Upload("bevillinger.csv", data)], now=NOW, username="test")
    assert Grant.objects.count() == 4
    finance, leader = Client(), Client()
    finance.force_login(make_user("oekonomi", "finance"))
    leader.force_login(make_user("leder", "team_leader", team="Børn Syd"))
    for client, url in (
        (finance, reverse("overview") + PERIOD),
        (finance, reverse("grants") + PERIOD),
        (finance, reverse("grants_export", kwargs={"fmt": "xlsx"}) + PERIOD),
        (finance, reverse("overview_export", kwargs={"fmt": "csv"}) + PERIOD),
        (finance, reverse("snapshot_new") + PERIOD),
        (leader, reverse("citizen", kwargs={"citizen_id": "P-2"}) + PERIOD),
    ):
        assert client.get(url).status_code == 200, url

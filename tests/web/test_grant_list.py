"""The grant list's filters: each one narrows the list, the choices stay within the
viewer's access, a clear-filter link, Danish plurals and messages, the audit kept."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse

from socialstyring.storage.models import AuditEntry, Grant
from tests.web.factories import make_grant, make_municipality, make_user

URL = reverse("grants") + "?year=2026&as_of=2026-05-31"
D = dt.date


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def clients(db):
    make_municipality()  # G-1 Børn Syd/ABC, G-2 Børn Nord
    make_grant("B-0003232", "PS-ENDED", team="Børn Syd", caseworker="QRS", end=D(2026, 3, 31))
    make_grant("B-0009000", "PS-FUTURE", team="Børn Syd", start=D(2026, 9, 1))
    Grant.objects.filter(grant_id="B-0009000").update(
        area="adults", paragraph="SEL § 107", registered=D(2026, 5, 1)
    )
    finance, leader = Client(), Client()
    finance.force_login(make_user("oekonomi", "finance"))
    leader.force_login(make_user("leder", "team_leader", team="Børn Syd"))
    return {"finance": finance, "leader": leader}


def _ids(html: str) -> list[str]:
    return sorted(set(re.findall(r'<td class="nowrap">((?:G|B)-[\w-]+)</td>', html)))


def _get(client: Client, query: str = "") -> str:
    response = client.get(URL + query)
    assert response.status_code == 200, response.content.decode()[:500]
    return response.content.decode()


def test_every_filter_narrows_the_list(clients):
    finance = clients["finance"]
    assert _ids(_get(finance)) == ["B-0003232", "B-0009000", "G-1", "G-2"]
    cases = {
        "&team=Børn+Nord": ["G-2"],
        "&status=ended": ["B-0003232"],
        "&status=future": ["B-0009000"],
        "&status=active": ["G-1", "G-2"],
        "&caseworker=QRS": ["B-0003232"],
        "&area=adults": ["B-0009000"],
        "&paragraph=SEL+§+107": ["B-0009000"],
        "&account=5.28.21": ["B-0003232", "B-0009000", "G-1", "G-2"],
        "&period_from=2026-04-01&period_to=2026-08-31": ["G-1", "G-2"],
        "&period_from=01-09-2026": ["B-0009000", "G-1", "G-2"],
        "&team=Børn+Syd&status=active": ["G-1"],
    }
    for query, expected in cases.items():
        assert _ids(_get(finance, query)) == expected, query


def test_the_filters_are_named_in_danish_and_the_count_has_its_plural(clients):
    html = _get(clients["finance"], "&area=adults&status=future")
    lead = re.search(r'<p class="lead">(.*?)</p>', html, re.S)
    assert lead is not None and "filtreret på område Voksne, status Fremtidig" in lead.group(1)
    assert "1 bevilling · til dato" in html
    assert "2 bevillinger · til dato" in _get(clients["finance"], "&status=active")
    assert '<option value="future" selected>Fremtidig</option>' in html
    assert '<option value="adults" selected>Voksne</option>' in html


def test_the_choices_are_those_the_viewer_may_see(clients):
    leader = _get(clients["leader"])
    teams = re.search(r'<select name="team"[^>]*>(.*?)</select>', leader, re.S)
    assert teams is not None and "Børn Syd" in teams.group(1)
    assert "Børn Nord" not in leader
    assert _ids(leader) == ["B-0003232", "B-0009000", "G-1"]
    finance = _get(clients["finance"])
    assert "Børn Nord" in re.search(
        r'<select name="team"[^>]*>(.*?)</select>', finance, re.S
    ).group(1)


def test_a_clear_filter_link_goes_back_to_the_whole_list(clients):
    assert 'id="clear-filters"' not in _get(clients["finance"])
    html = _get(clients["finance"], "&team=Børn+Nord&q=G")
    link = re.search(r'<a href="\?([^"]+)" id="clear-filters">Ryd filter</a>', html)
    assert link is not None and link.group(1) == "year=2026&amp;as_of=2026-05-31"
    assert _ids(_get(clients["finance"], "&" + link.group(1).replace("&amp;", "&"))) == [
        "B-0003232",
        "B-0009000",
        "G-1",
        "G-2",
    ]


def test_ids_and_dates_do_not_wrap(clients):
    html = _get(clients["finance"], "&status=ended")
    assert '<td class="nowrap">B-0003232</td>' in html
    assert '<td class="nowrap">31-03-2026</td>' in html
    css = clients["finance"].get("/static/socialstyring/site.css")
    body = b"".join(css.streaming_content if css.streaming else [css.content]).decode()
    assert re.search(r"\.nowrap\s*\{\s*white-space:\s*nowrap", body)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("&status=closed", "Status skal være en af: Aktiv, Ophørt, Fremtidig."),
        ("&period_from=31-13-2026", "Periode fra skal være en dato"),
        ("&period_from=2026-06-01&period_to=2026-05-01", "Periodens start må ikke ligge"),
    ],
)
def test_a_bad_filter_is_a_danish_400(clients, query, message):
    response = clients["finance"].get(URL + query)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_the_filtered_list_and_its_export_are_audited_with_their_filters(clients):
    _get(clients["leader"], "&status=ended")
    entry = AuditEntry.objects.filter(action="grants.list.viewed").latest("pk")
    assert entry.changes["filters"] == {"status": "ended"}
    assert entry.changes["citizens"] == ["PS-ENDED"]
    export = clients["leader"].get(
        reverse("grants_export", args=["csv"]) + URL[URL.index("?") :] + "&status=ended"
    )
    assert export.status_code == 200 and "B-0003232" in export.content.decode("utf-8-sig")
    assert "G-1" not in export.content.decode("utf-8-sig")
    exported = AuditEntry.objects.filter(action="grants.list.exported").latest("pk")
    assert exported.changes["filters"] == {"status": "ended"}

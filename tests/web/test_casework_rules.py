"""The focus-rule pages on a real database: totals within the viewer's reach, one rule's
hits sorted, filtered, audited and exported, the rule form and rules files."""

from __future__ import annotations

import datetime as dt
import io
import json

import fastexcel
import pytest
from django.test import Client
from django.urls import reverse

from socialstyring.storage.models import AuditEntry, FocusRule, Grant
from tests.web.factories import make_user

pytestmark = pytest.mark.django_db
Q = "?as_of=2026-05-31"


def aftercare(grant_id, citizen_id, team, caseworker, price):
    return Grant.objects.create(
        grant_id=grant_id,
        citizen_id=citizen_id,
        area="children",
        paragraph="SEL § 76",
        service="Efterværn",
        account="5.28.21",
        start=dt.date(2025, 1, 1),
        end=None,
        price=price,
        price_unit="month",
        quantity=1.0,
        registered=dt.date(2025, 1, 1),
        caseworker=caseworker,
        team=team,
        birth_date=dt.date(2007, 1, 15),
    )


@pytest.fixture
def setup():
    aftercare("G-1", "PS-A", "Børn Syd", "ABC", 10_000.0)
    aftercare("G-2", "PS-B", "Børn Syd", "DEF", 20_000.0)
    aftercare("G-3", "PS-C", "Børn Nord", "XYZ", 30_000.0)
    return {
        "leader": make_user("leder", "team_leader", team="Børn Syd"),
        "other": make_user("nord", "team_leader", team="Børn Nord"),
        "caseworker": make_user("raadgiver", "caseworker", team="Børn Syd", caseworker_code="ABC"),
        "finance": make_user("oekonomi", "finance"),
    }


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def row_of(html: str, name: str) -> str:
    start = html.index(name)
    return html[start : html.index("</tr>", start)]


def test_the_list_counts_within_the_reach(setup):
    south = client_for(setup["leader"]).get(reverse("focus_rules") + Q).content.decode()
    assert "Efterværn og ungestøtte" in south
    row = row_of(south, "Efterværn og ungestøtte")
    assert ">2<" in row and "360.000 kr." in row  # 12 x (10.000 + 20.000)
    north = row_of(
        client_for(setup["other"]).get(reverse("focus_rules") + Q).content.decode(),
        "Efterværn og ungestøtte",
    )
    assert ">1<" in north and "360.000 kr." in north  # 12 x 30.000
    everyone = row_of(
        client_for(setup["finance"]).get(reverse("focus_rules") + Q).content.decode(),
        "Efterværn og ungestøtte",
    )
    assert ">3<" in everyone and "720.000 kr." in everyone


def test_hits_sorted_filtered_audited_and_other_teams_see_none(setup):
    url = reverse("focus_rule", args=["aftercare"])
    html = client_for(setup["leader"]).get(url + Q).content.decode()
    assert html.index("G-2") < html.index("G-1")  # the highest run rate first
    assert "Efterværn (SEL § 76), 19 år" in html and "G-3" not in html
    entry = AuditEntry.objects.filter(action="focus.hits.viewed").latest("id")
    assert entry.changes["citizens"] == ["PS-A", "PS-B"]
    html = client_for(setup["leader"]).get(url + Q + "&sort=subject_id&q=g-1").content.decode()
    assert "G-1" in html and "G-2" not in html
    html = client_for(setup["caseworker"]).get(url + Q).content.decode()
    assert "G-1" in html and "G-2" not in html  # the caseworker's own caseload only
    html = client_for(setup["other"]).get(url + Q).content.decode()
    assert "G-1" not in html and "G-2" not in html and "G-3" in html


def test_the_hits_export_reads_back(setup):
    url = reverse("focus_rule_export", args=["aftercare", "xlsx"])
    response = client_for(setup["leader"]).get(url + Q)
    assert response.status_code == 200
    sheet = fastexcel.read_excel(response.content).load_sheet(0, header_row=None).to_polars()
    cells = [str(v) for row in sheet.rows() for v in row if v is not None]
    assert "G-2" in cells and "G-1" in cells and "G-3" not in cells
    csv = (
        client_for(setup["leader"])
        .get(reverse("focus_rule_export", args=["aftercare", "csv"]) + Q)
        .content.decode("utf-8-sig")
    )
    assert "Efterværn (SEL § 76), 19 år" in csv


FORM = {
    "name": "Dyre efterværnssager",
    "code": "dyrt_efterværn",
    "subject": "grant",
    "cond-0-field": "paragraph",
    "cond-0-op": "in",
    "cond-0-value": "SEL § 76, BL § 114",
    "cond-1-field": "run_rate",
    "cond-1-op": "ge",
    "cond-1-value": "200.000,00",
    "cond-2-field": "active",
    "cond-2-op": "is_true",
    "reason": "measures",
}


def test_a_leader_writes_a_rule_in_the_form(setup):
    client = client_for(setup["leader"])
    response = client.post(reverse("focus_rule_new"), FORM)
    assert response.status_code == 400  # æ is not allowed in a code
    assert "Koden må kun indeholde" in response.content.decode()
    bad = FORM | {"code": "dyrt_efterværn".replace("æ", "ae"), "cond-1-value": "mange"}
    response = client.post(reverse("focus_rule_new"), bad)
    assert "conditions[1].value: mange er ikke et tal." in response.content.decode()
    response = client.post(reverse("focus_rule_new"), bad | {"cond-1-value": "200.000,00"})
    assert response.status_code == 302
    stored = FocusRule.objects.get(code="dyrt_eftervaern")
    assert stored.definition["conditions"][1] == {
        "field": "run_rate",
        "op": "ge",
        "value": 200000.0,
    }
    html = client.get(reverse("focus_rule", args=["dyrt_eftervaern"]) + Q).content.decode()
    assert "G-2" in html and "G-1" not in html  # 240.000 a year against 120.000
    assert AuditEntry.objects.filter(
        action="focus.rule.saved", object_id="dyrt_eftervaern"
    ).exists()
    edit = client.get(reverse("focus_rule_edit", args=["dyrt_eftervaern"])).content.decode()
    assert 'value="200000"' in edit and "SEL § 76, BL § 114" in edit


def test_editing_a_built_in_rule_stores_a_copy_in_its_place(setup):
    client = client_for(setup["leader"])
    form = client.get(reverse("focus_rule_edit", args=["sel85_most_hours"])).content.decode()
    assert 'value="10"' in form  # the parameter min_hours, written in as its value
    data = {
        "name": "SEL § 85 med flest timer",
        "code": "sel85_most_hours",
        "subject": "citizen",
        "cond-0-field": "paragraph",
        "cond-0-op": "eq",
        "cond-0-value": "SEL § 85",
        "cond-1-field": "active",
        "cond-1-op": "is_true",
        "have-0-field": "hours_per_week",
        "have-0-op": "ge",
        "have-0-value": "8",
        "reason": "hours_per_week",
    }
    assert (
        client.post(reverse("focus_rule_edit", args=["sel85_most_hours"]), data).status_code == 302
    )
    assert FocusRule.objects.get(code="sel85_most_hours").definition["having"][0]["value"] == 8
    html = client.get(reverse("focus_rules") + Q).content.decode()
    assert html.count(">SEL § 85 med flest timer</a>") == 1 and "rettet" in html


def test_rules_files_export_and_import(setup):
    client = client_for(setup["leader"])
    exported = json.loads(client.get(reverse("focus_rules_export")).content)
    assert [r["code"] for r in exported["rules"]][:2] == ["sel85_over_5_years", "sel85_most_hours"]
    mine = {
        "rules": [
            {
                "code": "egen",
                "name": "Egen regel",
                "subject": "grant",
                "conditions": [{"field": "team", "op": "eq", "value": "Børn Syd"}],
            }
        ]
    }
    upload = io.BytesIO(json.dumps(mine).encode())
    upload.name = "regler.json"
    response = client.post(reverse("focus_rules_import"), {"file": upload}, follow=True)
    assert "1 regler indlæst." in response.content.decode()
    assert FocusRule.objects.filter(code="egen").exists()
    broken = io.BytesIO(b'{"rules": [{"code": "x", "subject": "hund", "conditions": []}]}')
    broken.name = "forkert.json"
    response = client.post(reverse("focus_rules_import"), {"file": broken}, follow=True)
    assert "forkert.json: rules[0].subject: Ukendt emne" in response.content.decode()

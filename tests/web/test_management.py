"""Management pages with real data: the start page for a reader (each figure a link), the
key figures and their spreadsheet, the appeals beside the country's rate, and an action
plan edited by a leader, its status computed and its report downloaded."""

from __future__ import annotations

import datetime as dt
import io

import fastexcel
import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from socialstyring.services.files import Upload
from socialstyring.services.imports import import_uploads
from socialstyring.storage import tenancy
from socialstyring.storage.models import Action, ActionPlan, AuditEntry, Target
from tests.web.factories import make_user

NOW = dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC)
QUERY = "?year=2026&as_of=2026-05-31"


def _data() -> None:
    code = tenancy.current_code()
    grants = (
        "bevilling_id;borger_id;område;paragraf;konto;startdato;slutdato;pris;prisenhed;"
        "rådgiver;team\n"
        "G1;K-1;børn;BL § 46;5.28.23;01-01-2025;;30000;måned;X;Børn Syd\n"
        "G2;K-2;børn;BL § 114;5.28.21;01-01-2026;;120000;år;X;Børn Syd\n"
    )
    population = "kommunekode;år;alder;antal\n" + "".join(
        f"{code};{year};0-17;1000\n{code};{year};18-22;200\n" for year in (2025, 2026)
    )
    references = (
        "kode;år;niveau;enhed;værdi;kilde\n"
        "spend_per_inhabitant_0_22;2025;land;;500;ECO\n"
        "omgoerelsesprocent;2025;land;;17,5;Ankestyrelsen\n"
    )
    header = "sag_id;område;paragraf;afgørelsesdato;ankestyrelsens_afgørelse;ankestyrelsens_dato\n"
    rows = [
        f"K{i};børn;BL § 46;01-02-2025;{o};15-06-2025"
        for i, o in enumerate(["hjemvist"] * 19 + ["ændret"] * 5 + ["stadfæstet"] * 105)
    ]
    import_uploads(
        [
            Upload("bevillinger.csv", grants.encode()),
            Upload("befolkning.csv", population.encode()),
            Upload("nøgletal.csv", references.encode()),
            Upload("klagesager.csv", (header + "\n".join(rows) + "\n").encode()),
        ],
        now=NOW,
    )


@pytest.fixture
def clients(db):
    _data()
    reader, leader = Client(), Client()
    reader.force_login(make_user("laeser", "reader"))
    leader.force_login(make_user("leder", "team_leader", team="Børn Syd"))
    return {"reader": reader, "leader": leader}


def test_the_start_page_for_a_reader_links_every_figure(clients):
    page = clients["reader"].get(reverse("management") + QUERY)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="deviation-link" ' in html and reverse("overview") in html
    assert "18,6 %" in html and "17,5 %" in html  # the reversal rate and the country's
    assert reverse("key_figures") + QUERY + "#spend_per_inhabitant_0_22" in html.replace(
        "&amp;", "&"
    )
    # the latest year, 2026: (12 × 30.000 + 120.000) kr. expected ÷ 1.200 aged 0-22
    assert "400 kr." in html


def test_key_figures_page_and_spreadsheet(clients):
    page = clients["reader"].get(reverse("key_figures") + QUERY)
    html = page.content.decode()
    assert page.status_code == 200 and "<svg" in html and "500 kr." in html
    assert "300 kr." in html  # 2025: 12 × 30.000 kr. ÷ 1.200 inhabitants aged 0-22
    download = clients["reader"].get(reverse("key_figures_export", args=["xlsx"]) + QUERY)
    assert download.status_code == 200
    sheet = fastexcel.read_excel(download.content).load_sheet(0, header_row=3).to_polars()
    assert 300.0 in sheet[sheet.columns[2]].to_list()
    assert clients["reader"].get(reverse("key_figures_export", args=["csv"])).status_code == 404


def test_appeals_page_and_spreadsheet(clients):
    page = clients["reader"].get(reverse("appeals") + "?by=paragraf")
    html = page.content.decode()
    assert "BL § 46" in html and "18,6 %" in html and "17,5 %" in html
    download = clients["reader"].get(reverse("appeals_export", args=["xlsx"]) + "?by=team")
    assert download.status_code == 200 and download.content[:2] == b"PK"
    assert clients["reader"].get(reverse("appeals") + "?aar=x").status_code == 400
    pack = clients["reader"].get(reverse("appeals_export", args=["pdf"]))
    assert pack["Content-Disposition"].endswith('klagesager-2025.pdf"')
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pack.content)).pages)
    assert "Klagesager i Ankestyrelsen" in text and "18,6 %" in text and "17,5 %" in text
    assert "BL § 46" in text and "Hjemvist" in text


def test_a_leader_edits_a_plan_and_the_report_follows(clients):
    leader = clients["leader"]
    response = leader.post(reverse("plan_create"), {"title": "Handleplan 2026"})
    plan = ActionPlan.objects.get()
    assert response.status_code == 302
    save = lambda part, data: leader.post(  # noqa: E731
        reverse("plan_part_save", args=[plan.pk, part]), data
    )
    save("focus_point", {"title": "Efterværn"})
    point = plan.focus_points.get()
    save(
        "action",
        {
            "parent": point.pk,
            "text": "Gennemgå sagerne",
            "owner": "Leder",
            "deadline": "2026-09-01",
        },
    )
    save(
        "target",
        {
            "parent": point.pk,
            "label": "Udgift til efterværn",
            "measure": "paragraph_expected",
            "reference": "BL § 114",
            "direction": "below",
            "value": "150.000",
            "due": "31-12-2026",
        },
    )
    target = Target.objects.get()
    assert target.value == 150_000.0
    page = leader.get(reverse("plan_detail", args=[plan.pk]) + "?as_of=2026-05-31")
    assert "På vej" in page.content.decode()  # 120.000 kr. expected, below 150.000 kr.
    save("target", {"id": target.pk, "value": "100.000"})
    page = leader.get(reverse("plan_detail", args=[plan.pk]) + "?as_of=2026-05-31")
    assert "Ikke opfyldt" in page.content.decode()
    assert AuditEntry.objects.filter(action="management.target.changed", username="leder").exists()
    # A reader sees the plan but may not change it
    reader = clients["reader"]
    assert reader.get(reverse("plan_detail", args=[plan.pk])).status_code == 200
    forbidden = reader.post(reverse("plan_part_save", args=[plan.pk, "action"]), {"text": "x"})
    assert forbidden.status_code == 403
    pdf = reader.get(reverse("plan_report", args=[plan.pk, "pdf"]) + "?as_of=2026-05-31")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Efterværn" in text and "Gennemgå sagerne" in text and "Ikke opfyldt" in text
    docx = reader.get(reverse("plan_report", args=[plan.pk, "docx"]))
    assert docx["Content-Disposition"].endswith('.docx"') and docx.content[:2] == b"PK"
    # A part of another plan is not reached through this one
    other = ActionPlan.objects.create(title="Anden", created_at=NOW, updated_at=NOW)
    action = Action.objects.get()
    moved = leader.post(reverse("plan_part_delete", args=[other.pk, "action", action.pk]), {})
    assert moved.status_code == 404 and Action.objects.filter(pk=action.pk).exists()

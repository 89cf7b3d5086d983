"""The refund page on a real database: figures, scope, drill-down, audit, exports."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from socialstyring.storage.models import AuditEntry, Grant, RefundThreshold
from tests.web.factories import make_user

pytestmark = pytest.mark.django_db
QUERY = "?year=2026&as_of=2026-05-31"
LIST = reverse("refunds") + QUERY


def grant(
    grant_id,
    citizen_id,
    *,
    family=None,
    area="children",
    team="Børn Syd",
    caseworker="ABC",
    account="5.28.20",
    price=1_200_000.0,
    unit="year",
    birth=None,
):
    return Grant.objects.create(
        grant_id=grant_id, citizen_id=citizen_id, family_id=family, birth_date=birth,
        area=area, paragraph="BL § 43", service="Anbringelse", account=account,
        start=dt.date(2026, 1, 1), price=price, price_unit=unit, quantity=1.0,
        registered=dt.date(2026, 1, 1), caseworker=caseworker, team=team,
    )  # fmt: skip


@pytest.fixture
def municipality():
    # A household of two children, one in each team: 635.000 kr.
    grant("B-1", "PS-C1", family="F-12")
    grant("B-7", "PS-C2", family="F-12", team="Børn Nord", caseworker="XYZ", account="5.28.21")
    # A citizen of the adults' area in the other team: 85.000 kr.
    grant("V-1", "PS-A1", area="adults", team="Voksen", caseworker="VVV", account="5.38.50")
    # Close to the first threshold: 800.000 kr. evenly.
    grant("V-2", "PS-A2", area="adults", team="Voksen", price=800_000 / 12, unit="month")


def login(client: Client, role: str, **membership) -> Client:
    client.force_login(make_user(f"u-{role}", role, **membership))
    return client


def test_finance_sees_every_subject_by_refund_and_the_level_used(client, municipality):
    page = login(client, "finance").get(LIST).content.decode()
    order = [page.index(key) for key in ("F-12", "PS-A1", "PS-A2")]
    assert order == sorted(order)
    assert "635.000 kr." in page and "85.000 kr." in page
    assert "720.000 kr." in page  # the total
    assert "2022-prisniveau" in page and "Tidligere prisniveau" in page
    assert 'id="near-table"' in page and "Trin 1" in page
    assert "317.500 kr." in page  # each account's share of the household's refund
    entry = AuditEntry.objects.get(action="refunds.list.viewed")
    assert entry.changes["citizens"] == ["PS-A1", "PS-A2", "PS-C1", "PS-C2"]


def test_a_team_leader_sees_the_subjects_touching_the_team_with_whole_figures(client, municipality):
    page = login(client, "team_leader", team="Børn Syd").get(LIST).content.decode()
    assert "F-12" in page and "635.000 kr." in page
    assert "PS-A1" not in page and "PS-A2" not in page
    assert "317.500 kr." in page  # only the team's account share
    assert "5.28.21" not in page
    subject = client.get(reverse("refund_subject", args=["F-12"]) + QUERY).content.decode()
    assert "B-1" in subject and "B-7" not in subject
    assert "uden for dit team" in subject
    assert client.get(reverse("refund_subject", args=["PS-A1"]) + QUERY).status_code == 404
    assert AuditEntry.objects.filter(action="grants.citizen.refused", citizen_id="PS-A1").exists()


def test_the_drill_down_shows_months_and_grants_and_is_logged(client, municipality):
    login(client, "finance")
    response = client.get(reverse("refund_subject", args=["F-12"]) + QUERY)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="subject-months"' in page and "januar" in page
    assert "B-1" in page and "B-7" in page and "2.400.000 kr." in page
    entry = AuditEntry.objects.get(action="refunds.subject.viewed")
    assert entry.object_id == "F-12" and entry.changes["citizens"] == ["PS-C1", "PS-C2"]
    citizen = client.get(reverse("refund_subject", args=["PS-A1"]) + QUERY)
    assert citizen.status_code == 200
    assert AuditEntry.objects.filter(action="refunds.subject.viewed", citizen_id="PS-A1").exists()


def test_a_caseworker_sees_only_the_caseload(client, municipality):
    page = login(client, "caseworker", team="Voksen", caseworker_code="VVV").get(LIST)
    text = page.content.decode()
    assert "PS-A1" in text and "F-12" not in text and "PS-A2" not in text


def test_exports_are_real_files_and_logged(client, municipality):
    login(client, "finance")
    pdf = client.get(reverse("refunds_export", args=["pdf"]) + QUERY)
    assert pdf["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(__import__("io").BytesIO(pdf.content)).pages)
    assert "F-12" in text and "635.000 kr." in text and "2022" in text
    xlsx = client.get(reverse("refunds_export", args=["xlsx"]) + QUERY)
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    assert client.get(reverse("refunds_export", args=["docx"]) + QUERY).status_code == 404
    formats = sorted(
        e.changes["format"] for e in AuditEntry.objects.filter(action="refunds.list.exported")
    )
    assert formats == ["pdf", "xlsx"]


def test_the_editable_table_decides_the_level(client, municipality):
    for tier, limit in ((1, 1_000_000.0), (2, 2_000_000.0), (3, 3_000_000.0)):
        RefundThreshold.objects.create(
            price_level=2026, scheme="SEL § 176", tier=tier, threshold=limit,
            rate=tier * 0.25, source="test",
        )  # fmt: skip
    page = login(client, "finance").get(LIST).content.decode()
    assert "2026-prisniveau" in page and "Tidligere prisniveau" not in page
    assert "450.000 kr." in page  # 0,25 × 1.000.000 + 0,50 × 400.000


def test_a_year_without_any_level_says_so(client, municipality):
    response = login(client, "finance").get(reverse("refunds") + "?year=2019&as_of=2019-12-31")
    assert response.status_code == 200
    assert "Intet prisniveau til og med 2019" in response.content.decode()


def test_the_query_count_does_not_grow_with_the_data(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from socialstyring.demo.generator import generate
    from socialstyring.storage import frames

    login(client, "finance")

    def load_and_count(grants: int) -> int:
        demo = generate(seed=5, grants=grants, year=2026, as_of=dt.date(2026, 5, 31))
        frames.save("bevillinger", demo.grants)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(LIST).status_code == 200
        return len(captured)

    small = load_and_count(300)
    assert small == load_and_count(3000)

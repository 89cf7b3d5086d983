"""Focus areas, case reviews and approvals on a real database: the cohort frozen at the
start, progress from later grants and recorded outcomes, the review plan, an approval
through the queue, and another team's leader seeing none of it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from socialstyring.services.access import viewer_for
from socialstyring.services.casework import approvals, areas, reviews
from socialstyring.storage.models import Approval, AuditEntry, CaseReview, CohortGrant, Grant
from tests.web.factories import make_user

pytestmark = pytest.mark.django_db
D = dt.date
LONG_AGO = D(2019, 1, 1)


def sel85(grant_id, citizen_id, quantity, team="Voksen", caseworker="ABC", start=LONG_AGO):
    return Grant.objects.create(
        grant_id=grant_id,
        citizen_id=citizen_id,
        area="adults",
        paragraph="SEL § 85",
        service="Bostøtte",
        account="5.38.50",
        start=start,
        end=None,
        price=400.0,
        price_unit="hour",
        quantity=quantity,
        registered=start,
        caseworker=caseworker,
        team=team,
    )


@pytest.fixture
def people():
    sel85("G-1", "PS-1", 12.0)
    sel85("G-2", "PS-2", 10.0)
    sel85("G-3", "PS-3", 15.0, team="Andet team", caseworker="XYZ")
    return {
        "leader": make_user("leder", "team_leader", team="Voksen"),
        "other": make_user("andet", "team_leader", team="Andet team"),
        "caseworker": make_user("raadgiver", "caseworker", team="Voksen", caseworker_code="ABC"),
    }


def client_for(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_a_focus_area_freezes_its_cohort_and_shows_progress(people, monkeypatch):
    leader = client_for(people["leader"])
    response = leader.post(
        reverse("focus_area_start"),
        {
            "name": "§ 85-indsats",
            "start": "2026-01-15",
            "rules": ["sel85_most_hours"],
        },
    )
    assert response.status_code == 302
    cohort = CohortGrant.objects.order_by("grant_id")
    assert [c.grant_id for c in cohort] == ["G-1", "G-2"]  # the other team's G-3 stays out
    # Later: G-1's hours are cut to 6 (a new import), G-2 ends.
    Grant.objects.filter(grant_id="G-1").update(quantity=6.0)
    Grant.objects.filter(grant_id="G-2").update(end=D(2026, 3, 31))
    pk = cohort[0].area_id
    html = leader.get(reverse("focus_area", args=[pk]) + "?as_of=2026-05-31").content.decode()
    assert 'id="cases">2<' in html and 'id="closed">1<' in html and 'id="reduced">1<' in html
    week = 400 * 365 / 7
    saved = 6 * week + 10 * week  # per year: G-1 6 hours less, G-2 all its 10 hours
    progress = areas.progress(viewer_for(people["leader"]), pk, D(2026, 5, 31))
    assert progress.saved_per_year == pytest.approx(saved)
    assert progress.saved_this_year == pytest.approx(6 * 400 * 365 / 7 + 10 * 400 * 275 / 7)
    # The chart: each month's cost now against a month of the start's run rate.
    assert progress.monthly_start == pytest.approx(22 * week / 12)
    assert progress.monthly_now[0] == pytest.approx(16 * 400 * 31 / 7)  # January, terms as now
    assert progress.monthly_now[11] == pytest.approx(6 * 400 * 31 / 7)  # G-2 ended in March
    assert 'id="cohort-chart"' in html
    # The cohort never changes after the start.
    Grant.objects.filter(grant_id="G-2").update(quantity=50.0, end=None)
    assert CohortGrant.objects.get(grant_id="G-2").quantity == 10.0
    assert client_for(people["other"]).get(reverse("focus_area", args=[pk])).status_code == 404


def test_the_review_plan_records_an_outcome_with_the_core_saving(people, monkeypatch):
    monkeypatch.setattr("socialstyring.clock.today", lambda: D(2026, 5, 31))
    Grant.objects.create(
        grant_id="G-9",
        citizen_id="PS-9",
        area="children",
        paragraph="BL § 32",
        service="Aflastning",
        account="5.28.21",
        start=D(2025, 10, 1),
        end=None,
        price=10000.0,
        price_unit="month",
        quantity=1.0,
        registered=D(2025, 10, 1),
        caseworker="ABC",
        team="Voksen",
    )
    plan = reviews.plan(viewer_for(people["caseworker"]), D(2026, 5, 31))
    assert plan["grant_id"].to_list() == ["G-9"]
    assert plan["due"].to_list() == [D(2026, 4, 1)] and plan["overdue"].to_list() == [True]
    caseworker = client_for(people["caseworker"])
    html = caseworker.get(reverse("reviews") + "?as_of=2026-05-31").content.decode()
    assert "G-9" in html and "overskredet" in html
    response = caseworker.post(
        reverse("review_record"),
        {
            "grant_id": "G-9",
            "outcome": "closed",
            "effective": "2026-07-01",
            "kind": "professional",
        },
    )
    assert response.status_code == 302
    review = CaseReview.objects.get(grant_id="G-9")
    assert review.saving_this_year == pytest.approx(60_000.0)  # July to December
    assert review.saving_per_year == pytest.approx(120_000.0)
    assert AuditEntry.objects.filter(action="reviews.recorded", citizen_id="PS-9").exists()
    plan = reviews.plan(viewer_for(people["caseworker"]), D(2026, 5, 31))
    assert plan["due"].to_list() == [D(2026, 11, 30)]  # six months after the review
    (item,) = reviews.recent(viewer_for(people["caseworker"]))
    assert item["status"] == reviews.WAITING
    Grant.objects.filter(grant_id="G-9").update(end=D(2026, 6, 30))
    (item,) = reviews.recent(viewer_for(people["caseworker"]))
    assert item["status"] == reviews.REGISTERED
    assert (
        caseworker.post(
            reverse("review_record"), {"grant_id": "G-3", "outcome": "closed"}
        ).status_code
        == 404
    )


def test_an_approval_flows_through_the_queue(people, monkeypatch):
    for gid, cid in (("G-20", "PS-20"), ("G-21", "PS-21")):
        Grant.objects.create(
            grant_id=gid,
            citizen_id=cid,
            family_id="F-1",
            area="children",
            paragraph="BL § 32",
            service="Aflastning",
            account="5.28.21",
            start=D(2026, 1, 1),
            end=None,
            price=5000.0,
            price_unit="month",
            quantity=1.0,
            registered=D(2026, 1, 1),
            caseworker="ABC",
            team="Voksen",
        )
    monkeypatch.setattr("socialstyring.clock.today", lambda: D(2026, 5, 31))
    assert approvals.flag(D(2026, 5, 31)) == 2
    assert approvals.flag(D(2026, 5, 31)) == 0  # queued once
    leader = client_for(people["leader"])
    html = leader.get(reverse("approvals")).content.decode()
    assert "G-20" in html and "G-21" in html and "60.000 kr." in html  # the family's measures
    assert "G-20" not in client_for(people["other"]).get(reverse("approvals")).content.decode()
    pk = Approval.objects.get(grant_id="G-20").pk
    response = leader.post(
        reverse("approval_decide", args=[pk]), {"decision": "approved", "reason": ""}, follow=True
    )
    assert "Giv en begrundelse" in response.content.decode()
    leader.post(
        reverse("approval_decide", args=[pk]), {"decision": "approved", "reason": "Aftalt på møde"}
    )
    assert Approval.objects.get(pk=pk).status == "approved"
    assert AuditEntry.objects.filter(action="approvals.approved", object_id=str(pk)).exists()
    worklist = client_for(people["caseworker"]).get(reverse("worklist")).content.decode()
    assert "G-21" in worklist  # the caseworker's own grant still waiting

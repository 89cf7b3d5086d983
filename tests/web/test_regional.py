"""The regional pages on the demo region: the secretariat sees the market across the
region and no citizen; a municipality sees its own purchases and its own citizens only."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.urls import reverse

from socialstyring.services.regional.demo import load_region_demo
from socialstyring.storage import tenancy
from socialstyring.storage.models import AuditEntry, Grant

AS_OF = dt.date(2026, 5, 31)
QUERY = "?year=2026&as_of=2026-05-31"


@pytest.fixture
def region(db):
    load_region_demo(seed=2026, as_of=AS_OF, now=dt.datetime(2026, 6, 1, tzinfo=dt.UTC))


def client(username: str) -> Client:
    c = Client()
    c.force_login(User.objects.get(username=username))
    return c


def text(response) -> str:
    return response.content.decode()


def test_secretariat_sees_the_at_risk_list_with_birken_and_kvisten(region):
    page = client("sekretariat").get(reverse("regional_at_risk") + QUERY)
    assert page.status_code == 200
    body = text(page)
    assert "Birken" in body and "Kvisten" in body
    assert "Egebakken" not in body  # well occupied, no deficit
    assert "Akkumuleret underskud" in body and "Pladser ophører" in body


def test_secretariat_sees_the_sales_matrix_and_no_citizen(region):
    c = client("sekretariat")
    page = c.get(reverse("regional_matrix") + "?year=2025")
    assert page.status_code == 200
    body = text(page)
    assert "851 Aalborg" in body and "860 Hjørring" in body and "Regionen" in body
    assert "NJ-851-" not in body  # no citizen pseudonym anywhere
    assert c.get(reverse("grants") + QUERY).status_code == 403
    assert c.get(reverse("citizen", kwargs={"citizen_id": "NJ-851-00000"})).status_code == 403
    assert c.get(reverse("regional_home") + QUERY).status_code == 403


def test_the_offer_page_shows_the_tariff_build_up_and_settlement(region):
    page = client("sekretariat").get(reverse("regional_offer", args=["NJ-SOLSIKKEN"]) + QUERY)
    assert page.status_code == 200
    body = text(page)
    assert "Takstgrundlag" in body and "Direkte omkostninger" in body
    # 2024's surplus of 770.000: 400.000 set aside until 2029, 370.000 into 2026's tariff
    assert "770.000 kr." in body and "400.000 kr." in body and "370.000 kr." in body
    assert "2029" in body
    assert "-370.000 kr." not in body


def test_an_unknown_offer_is_not_found(region):
    assert client("sekretariat").get(reverse("regional_offer", args=["NOPE"])).status_code == 404


def test_a_municipality_sees_its_own_purchases_and_sales(region):
    c = client("hjoerring")
    page = c.get(reverse("regional_trade") + "?year=2025")
    assert page.status_code == 200
    body = text(page)
    assert "860 Hjørring" in body
    assert "Solsikken" in body  # others buy places at Hjørring's Solsikken
    assert c.get(reverse("regional_matrix")).status_code == 403


def test_bring_home_lists_only_own_citizens_and_is_audited(region):
    page = client("aalborg").get(reverse("regional_home") + QUERY)
    assert page.status_code == 200
    body = text(page)
    assert "NJ-851-" in body and "NJ-860-" not in body and "NJ-813-" not in body
    with tenancy.activate("851", database=False):
        assert AuditEntry.objects.filter(action="regional.bring_home.viewed").exists()


def test_the_secretariat_s_requests_see_no_grant_even_in_the_database(region):
    """Its requests run with no municipality active: the ORM raises nothing and finds
    nothing, and on PostgreSQL row-level security hides every grant from raw SQL too."""
    from socialstyring.services.access import viewer_for
    from socialstyring.services.tenants import working_for

    viewer = viewer_for(User.objects.get(username="sekretariat"))
    assert viewer.municipalities == () and viewer.region_of == "851"
    with working_for(viewer):
        assert Grant.objects.count() == 0
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT count(*) FROM ss_grant")
                assert cursor.fetchone()[0] == 0


def test_objective_financing_from_the_demo_s_population(region):
    """The demo's befolkning for the 11 municipalities: the secretariat sees every share of
    Børnehus Nord (60 % of 9.500.000) and of Nordlys' start-up years; Aalborg its own."""
    body = text(client("sekretariat").get(reverse("regional_financing") + "?year=2026"))
    assert "Børnehus Nord" in body and "Nordlys" in body
    assert "5.700.000 kr." in body and "3.800.000 kr." in body  # 60 % split, 40 % per case
    for name in ("773 Morsø", "825 Læsø", "851 Aalborg", "860 Hjørring"):
        assert name in body
    assert "Ingen befolkningstal" not in body
    own = text(client("aalborg").get(reverse("regional_financing") + "?year=2026"))
    assert "851 Aalborg" in own and "9.500.000 kr." in own
    assert "860 Hjørring" not in own and "773 Morsø" not in own
    url = reverse("regional_financing_export", args=["xlsx"])
    export = client("aalborg").get(url + "?year=2026")
    assert export.status_code == 200
    assert export["Content-Disposition"].endswith('objektiv-finansiering-2026.xlsx"')
    pdf = reverse("regional_financing_export", args=["pdf"])
    assert client("aalborg").get(pdf).status_code == 404


def test_chosen_candidates_become_a_scenario_with_the_saving_y_and_y1(region):
    """Aalborg sends two candidates home from 01-07-2026: the scenario ends each external
    grant on 30-06-2026 and prices it at the own offer's tariff from then on."""
    import polars as pl

    from socialstyring.services.access import viewer_for
    from socialstyring.services.regional import home
    from socialstyring.services.tenants import working_for
    from socialstyring.storage.models import Scenario

    viewer = viewer_for(User.objects.get(username="aalborg"))
    with working_for(viewer):
        found = home.candidates(viewer, AS_OF).head(2)
        grants = pl.DataFrame(
            list(Grant.objects.filter(grant_id__in=found["grant_id"].to_list()).values())
        )
    assert found.height == 2
    c = client("aalborg")
    response = c.post(
        reverse("regional_home_scenario") + QUERY,
        {"grant": found["grant_id"].to_list(), "from": "2026-07-01", "name": "Hjem i juli"},
    )
    assert response.status_code == 302
    with tenancy.activate("851", database=False):
        scenario = Scenario.objects.get(name="Hjem i juli")
        assert response["Location"] == reverse("scenario_detail", args=[scenario.pk])
        sent = AuditEntry.objects.get(action="regional.bring_home.scenario")
        assert sorted(sent.changes["grants"]) == sorted(found["grant_id"].to_list())
        assert AuditEntry.objects.filter(action="economics.scenario.saved").exists()
    # per day the grant's price less the own tariff; 184 days left of 2026, 365 in 2027
    own = dict(zip(found["grant_id"], found["own_run_rate"] / 365, strict=True))
    per_day = sum(
        (r["price"] - own[r["grant_id"]]) * r["quantity"] for r in grants.iter_rows(named=True)
    )
    assert grants["end"].is_null().all()  # still open: the whole of 2027 is saved
    total = scenario.result["total"]
    assert total["difference_Y"] == pytest.approx(-per_day * 184, abs=0.01)
    assert total["difference_Y1"] == pytest.approx(-per_day * 365, abs=0.01)
    page = text(c.get(response["Location"]))
    assert "Hjem i juli" in page and "bring_home" in page


def test_a_scenario_needs_a_candidate_and_a_later_day(region):
    c = client("aalborg")
    none = c.post(reverse("regional_home_scenario") + QUERY, {"from": "2026-07-01"})
    assert none.status_code == 400 and "Vælg mindst én borger" in text(none)
    early = c.post(
        reverse("regional_home_scenario") + QUERY, {"grant": ["NJ-000001"], "from": "2026-05-01"}
    )
    assert early.status_code == 400 and "Hjemtagelsen skal ligge efter 31-05-2026" in text(early)
    stranger = c.post(
        reverse("regional_home_scenario") + QUERY, {"grant": ["NOPE"], "from": "2026-07-01"}
    )
    assert stranger.status_code == 400 and "bevilling NOPE" in text(stranger)
    reader = client("frederikshavn").post(reverse("regional_home_scenario") + QUERY, {})
    assert reader.status_code == 403
    with tenancy.activate("851", database=False):
        assert not AuditEntry.objects.filter(action="regional.bring_home.scenario").exists()


def test_a_municipality_s_query_past_the_access_layer_reads_no_other_grant(region):
    """Aalborg's request: the ORM and, on PostgreSQL, raw SQL naming Hjørring's rows find
    none of them (row-level security), while Aalborg's own are there."""
    from socialstyring.services.access import viewer_for
    from socialstyring.services.tenants import working_for

    with tenancy.activate("860", database=False):
        assert Grant.objects.count() > 0  # Hjørring has grants to hide
    viewer = viewer_for(User.objects.get(username="aalborg"))
    with working_for(viewer):
        assert Grant.objects.filter(municipality="860").count() == 0
        assert Grant.objects.count() > 0
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT count(*) FROM ss_grant WHERE municipality = %s", ["860"])
                assert cursor.fetchone()[0] == 0
                cursor.execute("SELECT DISTINCT municipality FROM ss_grant")
                assert [r[0] for r in cursor.fetchall()] == ["851"]
                cursor.execute("SELECT count(*) FROM ss_population WHERE municipality <> '851'")
                assert cursor.fetchone()[0] == 0

"""The regional market in a browser, on the demo region: the secretariat sees the sales
matrix and the at-risk list and no citizen page; a municipality sees its own purchases;
an offer's tariff page shows its build-up."""

from __future__ import annotations

import importlib

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import AS_OF, NOW, PERIOD, kroner, login, table_rows


@pytest.fixture
def region(reference_data):
    from django.apps import apps

    from socialstyring.services.regional.demo import load_region_demo
    from socialstyring.storage.models import AgreementParameter

    if not AgreementParameter.objects.exists():  # flushed with the other reference data
        importlib.import_module("socialstyring.storage.migrations.0011_regional").load(apps, None)
    load_region_demo(seed=2026, as_of=AS_OF, now=NOW)


def test_the_secretariat_sees_the_matrix_and_the_at_risk_list_and_no_citizen(page, region):
    login(page, "sekretariat")
    assert "/region/tilbud/" in page.url
    nav = page.get_by_role("navigation", name="Hovedmenu").get_by_role("link").all_inner_texts()
    assert set(nav) == {"Region"}

    page.get_by_role("link", name="Tilbud i nødsporet").click()
    page.wait_for_url("**/region/noedspor/**")
    rows = table_rows(page, "#at-risk-table")
    offers = {r[0] for r in rows}
    assert offers == {"Birken", "Kvisten"}
    assert any(r[2].startswith("Belægning de seneste 12 måneder") for r in rows)

    page.goto("/region/salg/?year=2025")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Køb og salg mellem kommuner")
    header = page.locator("#sales-matrix thead th").all_inner_texts()
    assert "851 Aalborg" in header and "Regionen" in header
    matrix = table_rows(page, "#sales-matrix")
    assert len(matrix) >= 8
    assert all(kroner(row[-1]) > 0 for row in matrix)
    assert "NJ-851-" not in page.content()

    response = page.goto("/borger/NJ-851-00000/")
    assert response is not None and response.status == 403
    response = page.goto(f"/bevillinger/?{PERIOD}")
    assert response is not None and response.status == 403


def test_a_municipality_sees_its_own_purchases(page, region):
    login(page, "hjoerring")
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Region").click()
    page.get_by_role("link", name="Vores køb og salg").click()
    expect(page.locator(".lead")).to_have_text("860 Hjørring")
    purchases = table_rows(page, "#purchases-table")
    sellers = {r[0] for r in purchases}
    assert "860 Hjørring" not in sellers and sellers  # only what Hjørring buys from others
    sales = table_rows(page, "#sales-table")
    assert {r[1] for r in sales} == {"Solsikken"}
    response = page.goto("/region/salg/")
    assert response is not None and response.status == 403


def test_an_offer_s_tariff_page_shows_its_build_up(page, region):
    login(page, "sekretariat")
    page.goto("/region/tilbud/?year=2026")
    page.get_by_role("link", name="Solsikken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Solsikken")
    build = {r[0]: r[1] for r in table_rows(page, "#build-up")}
    assert build["Fradrag: tidligere resultat via taksten"] == "370.000 kr."
    parts = (
        kroner(build["Direkte omkostninger"])
        + kroner(build["Overhead (6,0 %)"])
        + kroner(build["Afskrivninger"])
        + kroner(build["Forrentning"])
        + kroner(build["Tjenestemandspension"])
        - 370_000
    )
    assert abs(parts - kroner(build["Takstgrundlag"])) <= 3  # each line rounded to kroner
    assert build["Enheder"] == "365"
    settled = {r[0]: r for r in table_rows(page, "#settlements")}
    assert settled["2024"][2] == "770.000 kr." and settled["2024"][5] == "400.000 kr."
    assert settled["2024"][6] == "2029" and settled["2024"][7] == "370.000 kr."
    assert settled["2024"][8] == "2026"


def test_bring_home_candidates_sent_to_a_scenario_show_the_saving(page, region):
    """Aalborg chooses two candidates and lands on the scenario, which saves money this
    year and more next year (a whole year at the lower price)."""
    login(page, "aalborg")
    page.goto(f"/region/hjemtagelse/?{PERIOD}")
    rows = table_rows(page, "#bring-home-table")
    assert len(rows) >= 2 and all(r[1].startswith("NJ-851-") for r in rows)
    chosen = [rows[0][2], rows[1][2]]
    for grant in chosen:
        page.get_by_label(f"Hjemtag bevilling {grant}").check()
    page.get_by_label("Scenariets navn").fill("Hjemtagelse af to")
    page.get_by_label("Hjemtages fra").fill("2026-07-01")
    page.get_by_role("button", name="Opret scenarie").click()
    page.wait_for_url("**/oekonomi/scenarier/*/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hjemtagelse af to")
    total = table_rows(page, "#scenario-table", "tfoot")[0]
    saving_y, saving_y1 = -kroner(total[3]), -kroner(total[6])
    yearly = kroner(rows[0][7]) + kroner(rows[1][7])
    assert 0 < saving_y < saving_y1
    assert abs(saving_y1 - yearly) <= 2  # the list's yearly saving, each rounded to kroner
    assert abs(saving_y - yearly * 184 / 365) <= 2  # from 1 July

    from socialstyring.storage import tenancy
    from socialstyring.storage.models import AuditEntry

    with tenancy.activate("851", database=False):
        entry = AuditEntry.objects.get(action="regional.bring_home.scenario")
        assert sorted(entry.changes["grants"]) == sorted(chosen)


def test_objective_financing_page_secretariat_and_municipality(page, region):
    login(page, "sekretariat")
    page.goto("/region/finansiering/?year=2026")
    expect(page.get_by_role("heading", level=1)).to_have_text("Objektiv finansiering 2026")
    section = page.locator("section.financing", has_text="Børnehus Nord")
    shares = table_rows(section, ".financing-table")
    assert len(shares) == 11
    assert abs(sum(kroner(r[3]) for r in shares) - 5_700_000) <= 11
    with page.expect_download() as download:
        page.get_by_role("link", name="Hent som regneark").click()
    assert download.value.suggested_filename == "objektiv-finansiering-2026.xlsx"

    page.context.clear_cookies()
    login(page, "hjoerring")
    page.goto("/region/finansiering/?year=2026")
    section = page.locator("section.financing", has_text="Børnehus Nord")
    shares = table_rows(section, ".financing-table")
    assert [r[0] for r in shares] == ["860 Hjørring"]
    assert "9.500.000 kr." in section.inner_text()

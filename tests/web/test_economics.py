"""Economics pages on a real database: scenarios saved, recomputed and compared, a business
case typed the Danish way, an investment created from it and followed up, exports read back."""

from __future__ import annotations

import datetime as dt
import io
import json

import fastexcel
import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from socialstyring.io.formatting import kroner
from socialstyring.storage.models import AuditEntry, Grant, Investment, InvestmentGrant, Scenario
from tests.web.factories import make_grant, make_municipality, make_user

END_ADULTS = [
    {
        "change": "end",
        "filter": [{"field": "account", "op": "eq", "value": "5.38.50"}],
        "from": "2026-07-01",
    }
]


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def users(db):
    make_municipality()
    make_grant("G-9", "PS-ADULT", team="Voksne", account="5.38.50", price=5000.0)
    return {"finance": make_user("oekonomi", "finance"), "reader": make_user("laeser", "reader")}


def pdf_text(payload: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(payload)).pages)


def client_for(users, role="finance") -> Client:
    client = Client()
    client.force_login(users[role])
    return client


def save_scenario(client, name="Voksne slutter", changes=None):
    return client.post(
        reverse("scenario_new"),
        {
            "name": name,
            "year": "2026",
            "as_of": "2026-05-31",
            "changes": json.dumps(END_ADULTS if changes is None else changes),
        },
    )


def test_a_saved_scenario_shows_this_and_next_year_against_the_base(users):
    client = client_for(users)
    response = save_scenario(client)
    scenario = Scenario.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("scenario_detail", args=[scenario.pk])
    lines = {line["konto"]: line for line in scenario.result["lines"]}
    assert lines["5.38.50"]["base_Y"] == pytest.approx(5000 * 365)
    assert lines["5.38.50"]["scenario_Y"] == pytest.approx(5000 * 181)
    assert lines["5.38.50"]["scenario_Y1"] == 0
    assert lines["5.28.21"]["difference_Y"] == 0
    page = client_for(users, "reader").get(reverse("scenario_detail", args=[scenario.pk]))
    html = page.content.decode()
    assert kroner(-5000 * 184) in html and kroner(5000 * 365) in html
    assert AuditEntry.objects.filter(action="economics.scenario.saved").count() == 1


def test_a_bad_scenario_is_refused_in_danish_and_nothing_is_stored(users):
    bad = [{"change": "reduce_hours", "from": "2026-07-01"}]
    response = save_scenario(client_for(users), changes=bad)
    assert response.status_code == 400
    assert "Ændring 1 (reduce_hours)" in response.content.decode()
    assert "nøglen" in response.content.decode()
    assert not Scenario.objects.exists()


def test_a_reader_may_look_but_not_save(users):
    assert save_scenario(client_for(users, "reader")).status_code == 403
    assert client_for(users, "reader").get(reverse("economics")).status_code == 200


def test_recompute_follows_todays_grants(users):
    client = client_for(users)
    save_scenario(client)
    scenario = Scenario.objects.get()
    Grant.objects.filter(grant_id="G-9").update(price=1000.0)
    assert client.post(reverse("scenario_recompute", args=[scenario.pk])).status_code == 302
    scenario.refresh_from_db()
    lines = {line["konto"]: line for line in scenario.result["lines"]}
    assert lines["5.38.50"]["difference_Y"] == pytest.approx(-1000 * 184)


def test_scenarios_side_by_side_and_the_spreadsheet(users):
    client = client_for(users)
    save_scenario(client, "Slut")
    tariff = [{"change": "tariff_change", "from": "2026-01-01", "pct": 10}]
    save_scenario(client, "Takst", tariff)
    a, b = Scenario.objects.order_by("pk")
    page = client.get(reverse("scenario_compare"), {"s": [a.pk, b.pk]})
    html = page.content.decode()
    assert page.status_code == 200 and "Slut 2026" in html and "Takst 2027" in html
    assert kroner(5000 * 365 * 1.1) in html
    export = client.get(reverse("scenario_compare_export", args=["xlsx"]) + f"?s={a.pk}&s={b.pk}")
    assert export.status_code == 200
    sheet = fastexcel.read_excel(io.BytesIO(export.content).getvalue()).load_sheet(0)
    text = sheet.to_polars().to_pandas().to_string()
    assert "5.38.50" in text and "Takst 2027" in text
    pdf = client.get(reverse("scenario_compare_export", args=["pdf"]) + f"?s={a.pk}&s={b.pk}")
    assert pdf["Content-Type"] == "application/pdf"
    words = pdf_text(pdf.content)
    assert "Scenarier side om side" in words and "Takst 2027" in words
    assert kroner(5000 * 365 * 1.1) in words


def business_case(client, **extra):
    values = {
        "name": "To ekstra rådgivere",
        "first_year": "2024",
        "rate": "0",
        "costs": "1.000.000; 1.000.000; 1.000.000",
        "savings": "1.000.000; 1.500.000; 2.000.000",
        "note": "",
        "approved": "on",
        **extra,
    }
    return client.post(reverse("case_new"), values)


def test_the_business_case_check_typed_the_danish_way(users):
    client = client_for(users)
    response = business_case(client)
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert kroner(1_500_000) in page
    assert 'id="break-even">2024<' in page
    assert "1,50 kr. pr. krone" in page
    pk = int(response["Location"].rstrip("/").rsplit("/", 1)[1])
    words = pdf_text(client.get(reverse("case_export", args=[pk, "pdf"])).content)
    assert "Nutidsværdi 1.500.000 kr.; break-even-år 2024; afkast pr. krone 1,50." in words


def test_a_business_case_with_a_bad_amount_says_which(users):
    response = business_case(client_for(users), costs="1.000.000; en million")
    assert response.status_code == 400
    assert "»en million« er ikke et beløb" in response.content.decode()


def test_an_investment_from_the_case_shows_promised_against_measured(users):
    client = client_for(users)
    case_url = business_case(client, first_year="2026", costs="100.000", savings="500.000")
    case_pk = int(case_url["Location"].rstrip("/").rsplit("/", 1)[1])
    response = client.post(
        reverse("investment_new"),
        {
            "case": str(case_pk),
            "name": "Voksne",
            "start_day": "2026-01-01",
            "costs": "100.000",
            "price_index": "",
            "cohort_rule": json.dumps([{"field": "account", "op": "eq", "value": "5.38.50"}]),
        },
    )
    assert response.status_code == 302, response.content.decode()
    investment = Investment.objects.get()
    assert investment.business_case_id == case_pk
    # After the start the grant ends on 30 June: the saving is the second half-year.
    Grant.objects.filter(grant_id="G-9").update(end=dt.date(2026, 6, 30))
    page = client.get(reverse("investment_detail", args=[investment.pk])).content.decode()
    assert kroner(5000 * 365) in page  # the baseline
    assert kroner(5000 * 184) in page  # the saving
    assert kroner(500_000) in page  # promised
    assert "<svg" in page
    export = client.get(reverse("investment_export", args=[investment.pk, "xlsx"]))
    text = fastexcel.read_excel(export.content).load_sheet(0).to_polars().to_pandas().to_string()
    assert "2026" in text


def test_a_bad_cohort_rule_is_refused(users):
    response = client_for(users).post(
        reverse("investment_new"),
        {
            "name": "X",
            "start_day": "2026-01-01",
            "costs": "1",
            "cohort_rule": json.dumps([{"field": "colour", "op": "eq", "value": "red"}]),
        },
    )
    assert response.status_code == 400 and not Investment.objects.exists()
    assert "colour" in response.content.decode()


@pytest.mark.django_db
def test_the_demo_investment_saves_more_each_year_and_its_scenarios_save(tmp_path):
    from socialstyring.demo.economics import load_economics
    from socialstyring.demo.generator import generate, write_files
    from socialstyring.services import investments
    from socialstyring.services.files import Upload
    from socialstyring.services.imports import import_uploads

    as_of = dt.date(2026, 5, 31)
    files = write_files(generate(seed=31, grants=1500, year=2026, as_of=as_of), tmp_path)
    import_uploads(
        [Upload.from_path(p) for p in files.values()],
        now=dt.datetime(2026, 6, 1, tzinfo=dt.UTC),
        username="demo",
    )
    load_economics(as_of)
    investment = Investment.objects.get()
    view = investments.follow_up(investment)
    savings = view.result.table["saving"].to_list()
    assert view.result.table["year"].to_list() == [2024, 2025, 2026]
    assert 0 < savings[0] < savings[1] < savings[2]
    assert view.promised == [1_000_000.0, 1_500_000.0, 2_000_000.0]
    # The halvings are recorded as successor grants for the same citizen and paragraph.
    successors = Grant.objects.filter(grant_id__endswith="-H")
    assert successors.exists()
    assert set(successors.values_list("paragraph", flat=True)) == {"SEL § 85"}
    names = set(Scenario.objects.values_list("name", flat=True))
    assert len(names) == 2
    for scenario in Scenario.objects.all():
        assert scenario.result["total"]["difference_Y1"] < 0, scenario.name


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row-level security")
def test_the_database_hides_another_municipalitys_economics(db):
    from socialstyring.storage import tenancy

    other = "851"
    made = dict(created_at=dt.datetime(2026, 6, 1, tzinfo=dt.UTC), created_by="x")
    with tenancy.activate(other):
        Scenario.objects.create(name="S", year=2026, as_of=dt.date(2026, 5, 31), **made)
        investment = Investment.objects.create(name="I", start_day=dt.date(2026, 1, 1), **made)
        InvestmentGrant.objects.create(
            investment=investment,
            grant_id="G",
            citizen_id="C",
            paragraph="SEL § 85",
            account="5.38.38",
            start=dt.date(2026, 1, 1),
            price=1.0,
            quantity=1.0,
            price_unit="day",
        )
    with tenancy.activate(tenancy.default_code()), connection.cursor() as cursor:
        for table in ("ss_scenario", "ss_investment", "ss_investment_grant"):
            cursor.execute(f"SELECT count(*) FROM {table}")
            assert cursor.fetchone() == (0,), table
    with tenancy.activate(other), connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM ss_investment_grant")
        assert cursor.fetchone() == (1,)


def test_savings_derived_from_a_cohort_and_an_assumed_effect(users):
    from socialstyring.storage.models import BusinessCase

    response = business_case(
        client_for(users),
        savings="",
        costs="100.000; 100.000",
        cohort_rule=json.dumps([{"field": "account", "op": "eq", "value": "5.38.50"}]),
        cohort_day="2026-02-01",
        share_closed="10",
        hours_reduced="0",
    )
    assert response.status_code == 302, response.content.decode()
    case = BusinessCase.objects.get()
    assert case.savings == pytest.approx([0.1 * 5000 * 365] * 2)
    assert "10,0 % af sagerne lukket" in case.note


def test_a_business_case_without_savings_or_cohort_is_refused(users):
    response = business_case(client_for(users), savings="")
    assert response.status_code == 400
    assert "eller beregn dem ud fra en kohorte" in response.content.decode()


def test_one_change_through_the_fields_without_json(users):
    client = client_for(users)
    response = client.post(
        reverse("scenario_new"),
        {
            "name": "Felter",
            "year": "2026",
            "as_of": "2026-05-31",
            "kind": "tariff_change",
            "start": "2026-07-01",
            "paragraph": "bl 32",
            "price_unit": "day",
            "value": "10",
            "changes": "",
        },
    )
    assert response.status_code == 302, response.content.decode()
    scenario = Scenario.objects.get()
    lines = {line["konto"]: line for line in scenario.result["lines"]}
    # All the factory's grants are BL § 32, 1.000 or 5.000 kr. a day, open-ended.
    assert lines["5.38.50"]["difference_Y"] == pytest.approx(500 * 184)
    assert scenario.document["changes"][0]["filter"][0]["value"] == "bl 32"
    missing = client.post(
        reverse("scenario_new"), {"name": "X", "year": "2026", "as_of": "2026-05-31"}
    )
    assert missing.status_code == 400
    assert "Vælg en ændring" in missing.content.decode()

"""The regional service on a small region stored in the real database: what the
secretariat computes across municipalities, and that it never holds a citizen."""

from __future__ import annotations

import datetime as dt

import pytest

from socialstyring.services.access import Viewer
from socialstyring.services.files import Upload
from socialstyring.services.imports import import_uploads
from socialstyring.services.regional import market, pages
from socialstyring.storage import tenancy

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 6, 1, tzinfo=dt.UTC)
SECRETARIAT = Viewer("sek", "secretariat", None, "", (), "851")
AALBORG = Viewer("aal", "finance", None, "", ("851",))

PROVIDERS = (
    "leverandør_id;navn;type;kommunekode;pladser;målgruppe;takst;takstenhed\n"
    "BIRK;Birken;egen;851;4;selvskade;3.000;dag\n"
    "KVIST;Kvisten;region;;2;spiseforstyrrelser;5.000;dag\n"
)
PROVIDERS_860 = PROVIDERS.replace(";egen;851;", ";anden_kommune;851;")
GRANTS_HEADER = (
    "bevilling_id;borger_id;område;paragraf;konto;startdato;slutdato;pris;prisenhed;antal;"
    "leverandør_id\n"
)


def _import(code: str, *files: tuple[str, str]) -> None:
    with tenancy.activate(code):
        import_uploads([Upload(n, t.encode()) for n, t in files], now=NOW)


@pytest.fixture
def region():
    _import(
        "851",
        ("leverandører.csv", PROVIDERS),
        (
            "bevillinger.csv",
            GRANTS_HEADER
            + "A1;P-A1;børn;BL § 46;5.28.23;01-01-2025;;3.000;dag;1;BIRK\n"
            + "A2;P-A2;børn;BL § 46;5.28.23;01-01-2025;31-12-2025;5.000;dag;1;KVIST\n",
        ),
    )
    _import(
        "860",
        ("leverandører.csv", PROVIDERS_860),
        (
            "bevillinger.csv",
            GRANTS_HEADER + "H1;P-H1;børn;BL § 46;5.28.23;01-07-2025;;3.000;dag;2;BIRK\n",
        ),
    )


def test_the_matrix_across_the_region(region):
    with tenancy.activate([]):  # the secretariat's own requests see no municipality
        loaded = market.load_market(SECRETARIAT)
        assert "citizen_id" not in loaded.grants.columns
        assert loaded.grants.height == 3
        matrix = {
            (b, s): a
            for b, s, a in market.matrix(SECRETARIAT, loaded, 2025)
            .select("buyer", "seller", "amount")
            .iter_rows()
        }
    # Hjørring: 2 places at Aalborg's Birken from 1 July, 184 days × 3.000; Aalborg: a
    # place at the region's Kvisten all 2025, 365 × 5.000. Aalborg's own Birken is no trade.
    assert matrix == {("860", "851"): 2 * 184 * 3000.0, ("851", "region"): 365 * 5000.0}


def test_the_page_data_names_municipalities_and_the_region(region):
    with tenancy.activate([]):
        page = pages.matrix(SECRETARIAT, 2025)
    assert page["sellers"] == ["851 Aalborg", "Regionen"]
    assert [r["buyer"] for r in page["rows"]] == ["851 Aalborg", "860 Hjørring"]
    assert page["total"] == pytest.approx(2 * 184 * 3000 + 365 * 5000)


def test_a_municipality_s_own_trade(region):
    with tenancy.activate("851"):
        loaded = market.load_market(AALBORG)
        view = market.own_trade(AALBORG, loaded, 2025)
    assert view["sales"].select("buyer", "offer_id", "amount").rows() == [
        ("860", "BIRK", 2 * 184 * 3000.0)
    ]
    assert view["purchases"]["seller"].to_list() == ["region"]


def test_occupancy_and_at_risk_across_municipalities(region):
    with tenancy.activate([]):
        loaded = market.load_market(SECRETARIAT)
        months = market.occupancy(loaded, 2025)
        risk = market.at_risk(loaded, dt.date(2025, 12, 31))
    birk_july = months.filter((months["offer_id"] == "BIRK") & (months["month"] == 7))
    # Aalborg's 1 place + Hjørring's 2 of 4 places
    assert birk_july["occupancy"].item() == pytest.approx(3 / 4)
    birk_year = 365 + 2 * 184
    low = {r["offer_id"]: r["value"] for r in risk.iter_rows(named=True)}
    assert low["BIRK"] == pytest.approx(birk_year / (4 * 365))  # 50,2 % < 85 %
    assert low["KVIST"] == pytest.approx(0.5)  # one of its two places all year


def test_objective_split_for_a_supplied_population():
    import polars as pl

    from socialstyring.services.regional.financing import objective_split

    population = pl.DataFrame(
        {
            "municipality": ["851", "860", "860"],
            "year": [2026, 2026, 2026],
            "age": ["0-17", "3", "40"],
            "count": [30_000, 10_000, 50_000],
        }
    )
    split, per_case = objective_split(1_000_000.0, population, 2026, objective_share=0.6)
    rows = {r["name"]: r["amount"] for r in split.iter_rows(named=True)}
    assert rows == pytest.approx({"Aalborg": 450_000.0, "Hjørring": 150_000.0})
    assert per_case == pytest.approx(400_000.0)

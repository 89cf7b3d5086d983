"""The projection and the backtest from the database, and the pages that show them."""

from __future__ import annotations

import datetime as dt
import re

import fastexcel
import polars as pl
import pytest
from django.test import Client
from django.urls import reverse

from socialstyring.core.projection import project
from socialstyring.services import backtests, projection
from tests.helpers.demo import stored_demo
from tests.web.factories import make_user

pytestmark = pytest.mark.django_db
YEAR, AS_OF = 2026, dt.date(2026, 5, 31)


@pytest.fixture
def demo():
    return stored_demo(1500, AS_OF, year=YEAR)


def test_the_database_projection_equals_the_core_on_the_same_frames(demo):
    stored = projection.overview(YEAR, AS_OF, "account")
    direct = project(demo.grants, demo.budgets, demo.postings, year=YEAR, as_of=AS_OF)
    assert stored.table["account"].to_list() == direct.table["account"].to_list()
    for field in ("expected", "inflow", "early_endings", "projected", "projected_high"):
        assert stored.totals[field] == pytest.approx(direct.totals[field], abs=1.0), field
    assert stored.inflow_years == [2025, 2024, 2023, 2022]


def test_the_history_is_read_as_known_on_the_day(demo):
    """Grants registered after the as-of day are not read: the projection cannot peek."""
    early = projection.inputs_from_database(2025, dt.date(2025, 5, 31))
    assert early.grants["registered"].max() <= dt.date(2025, 5, 31)
    assert early.grants["start"].min() < dt.date(2022, 1, 1)  # the history, not only the year


def test_the_backtest_from_the_database(demo):
    result, years = backtests.from_database([2024, 2025], dt.date(2026, 5, 31))
    assert years == [2024, 2025]
    totals = result.cuts.filter(result.cuts["level"] == "total")
    assert totals.height == 24
    assert set(result.sources.values()) == {"grants"}  # the demo's ledger covers 2026 only
    may = result.months.filter((result.months["level"] == "total") & (result.months["month"] == 5))
    assert may["mape_projected"][0] < may["mape_expected"][0]


def test_the_overview_shows_the_projection_when_asked(demo):
    client = Client()
    client.force_login(make_user("oekonomi", "finance"))
    url = reverse("overview") + "?year=2026&as_of=2026-05-31"
    plain = client.get(url).content.decode()
    assert "Forventet tilgang" not in plain
    html = client.get(url + "&projection=1").content.decode()
    assert "Forventet tilgang" in html and "Fremskrevet forløb" in html
    footer = html[html.index("<tfoot>") : html.index("</tfoot>")]
    shown = [
        float(v.replace(".", "").replace("kr", "").strip())
        for v in re.findall(r"(-?[\d.]+) kr\.", footer)
    ]
    totals = projection.overview(YEAR, AS_OF, "account").totals
    assert shown[-5:] == pytest.approx([totals[f] for f in projection.PROJECTION_FIELDS], abs=1.0)
    export = client.get(
        reverse("overview_export", args=["xlsx"]) + "?year=2026&as_of=2026-05-31&projection=1"
    )
    assert export.status_code == 200
    sheet = fastexcel.read_excel(export.content).load_sheet(0, header_row=3).to_polars()
    assert "Fremskrevet regnskab" in sheet.columns


def test_the_backtest_page_and_its_spreadsheet(demo):
    client = Client()
    client.force_login(make_user("laeser", "reader"))
    html = client.get(reverse("backtest") + "?years=2024-2025").content.decode()
    assert "Efterprøvning af fremskrivningen" in html and "<svg" in html
    assert "maj" in html
    export = client.get(reverse("backtest_export", args=["xlsx"]) + "?years=2024-2025")
    assert export.status_code == 200
    assert "efterproevning-2024-2025.xlsx" in export["Content-Disposition"]
    sheet = fastexcel.read_excel(export.content).load_sheet(0, header_row=3).to_polars()
    assert sheet.height == 12
    bad = client.get(reverse("backtest") + "?years=sidste")
    assert bad.status_code == 400


def test_the_drill_down_shows_which_grants_end_early(demo):
    client = Client()
    client.force_login(make_user("oekonomi", "finance"))
    line = projection.overview(YEAR, AS_OF, "account").table.sort("early_endings")[-1]
    account = line["account"][0]
    url = reverse("grants") + f"?year=2026&as_of=2026-05-31&account={account}&projection=1"
    html = client.get(url + "&sort=-early_endings").content.decode()
    assert "Forventet tidligere ophør" in html
    assert "projection=1" in html  # sorting and paging keep the column
    from socialstyring.services import followups

    frame = followups.grants_in_year(YEAR, AS_OF, pl.lit(True), {"account": account})
    ended = projection.with_early_endings(frame, YEAR, AS_OF)
    # The grants' expected early endings add up to the overview's figure for the account.
    assert ended["early_endings"].sum() == pytest.approx(line["early_endings"][0], abs=1.0)
    assert (ended.filter(pl.col("end").is_not_null())["early_endings"] == 0).all()

"""Budget and deviation in every grouping (docs/forecast.md, "Budget per group"): the
demo's budget file distributes every account to its teams, so every team line has a
budget; the overview's spreadsheets carry them, blank where a line has none; a budget not
distributed says so and how to distribute it."""

from __future__ import annotations

import datetime as dt
import html as html_lib

import fastexcel
import polars as pl
import pytest
from django.test import Client
from django.urls import reverse
from django.utils.http import urlencode

from socialstyring.storage import frames
from tests.helpers.demo import stored_demo
from tests.web.factories import make_user

pytestmark = pytest.mark.django_db
AS_OF = dt.date(2026, 5, 31)
PERIOD = {"year": 2026, "as_of": AS_OF.isoformat()}


@pytest.fixture
def demo():
    return stored_demo(500, AS_OF)


def _client() -> Client:
    client = Client()
    client.force_login(make_user("oekonomi", "finance"))
    return client


def _get(client: Client, name: str, *args: str, **query) -> bytes:
    response = client.get(reverse(name, args=args) + "?" + urlencode({**PERIOD, **query}))
    assert response.status_code == 200
    return response.content


def _sheet(payload: bytes) -> pl.DataFrame:
    """The export's table: the header row is the one that starts with the grouping."""
    raw = fastexcel.read_excel(payload).load_sheet(0, header_row=None).to_polars()
    first = raw.columns[0]
    header = next(i for i, v in enumerate(raw[first].to_list()) if v == "Team")
    sheet = fastexcel.read_excel(payload).load_sheet(0, header_row=header).to_polars()
    return sheet.filter(pl.col("Team").is_not_null())


def _measure(sheet: pl.DataFrame, start: str) -> str:
    return next(c for c in sheet.columns if c.startswith(start))


def test_the_export_by_team_carries_budget_and_deviation_on_every_line(demo):
    client = _client()
    sheet = _sheet(_get(client, "overview_export", "xlsx", by="team"))
    budget, expected = _measure(sheet, "Korrigeret budget"), _measure(sheet, "Forventet")
    deviation = _measure(sheet, "Afvigelse")
    lines = sheet.filter(~pl.col("Team").is_in(["(uden)", "I alt"]))
    assert lines.height >= 4
    assert lines[budget].null_count() == 0 and lines[deviation].null_count() == 0
    for row in lines.iter_rows(named=True):
        assert row[deviation] == pytest.approx(row[budget] - row[expected], abs=1.0)
    # The lines' budgets are the whole budget: the demo distributes every account.
    total = sheet.filter(pl.col("Team") == "I alt")
    assert lines[budget].sum() == pytest.approx(total[budget][0], abs=1.0)
    # The CSV says the same: a budget and a deviation on every team's line.
    text = _get(client, "overview_export", "csv", by="team").decode("utf-8-sig")
    header, *rows = [line.split(";") for line in text.splitlines() if line]
    assert header[1] == "Korrigeret budget" and header[-1].startswith("Afvigelse")
    teams = [r for r in rows if r[0] in set(lines["Team"])]
    assert len(teams) == lines.height and all(r[1] and r[-1] for r in teams)


def test_an_undistributed_budget_is_blank_and_the_page_says_how_to_distribute_it(demo):
    totals = demo.budgets.group_by("year", "account", "kind", maintain_order=True).agg(
        pl.col("amount").sum()
    )
    counts = frames.save("budget", totals)  # one row per account again: replaces the teams'
    assert counts.created == totals.height and counts.updated == demo.budgets.height
    client = _client()
    page = html_lib.unescape(_get(client, "overview", by="team").decode())
    assert "ikke fordelt på team" in page
    assert "Indlæs budgettet med kolonnen team for at fordele det." in page
    sheet = _sheet(_get(client, "overview_export", "xlsx", by="team"))
    lines = sheet.filter(~pl.col("Team").is_in(["(uden)", "I alt"]))
    budget, deviation = _measure(sheet, "Korrigeret budget"), _measure(sheet, "Afvigelse")
    assert lines[deviation].null_count() > 0  # blank, not 0
    # The total is every account's budget and budget − expected, not the lines' sum.
    (total,) = sheet.filter(pl.col("Team") == "I alt").iter_rows(named=True)
    assert total[budget] == pytest.approx(
        totals.filter(pl.col("year") == 2026).filter(pl.col("kind") == "corrected")["amount"].sum()
    )
    assert total[deviation] == pytest.approx(
        total[budget] - total[_measure(sheet, "Forventet")], abs=1.0
    )
    text = _get(client, "overview_export", "csv", by="team").decode("utf-8-sig")
    rows = [line.split(";") for line in text.splitlines()[1:] if line]
    assert any(r[1] == "" and r[-1] == "" for r in rows if r[0] != "(uden)")

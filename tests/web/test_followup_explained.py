"""The follow-up's figures explain themselves (docs/web.md): the drill-down reconciles
the ledger with the grants, "(uden)" opens its postings, every grouping has a budget or
says why not, what lies outside the viewer's access is counted, and every figure page says
how fresh the data is."""

from __future__ import annotations

import datetime as dt
import html as html_lib
import re

import polars as pl
import pytest
from django.test import Client
from django.urls import reverse
from django.utils.http import urlencode

from socialstyring.demo.generator import generate
from socialstyring.services import forecasting
from socialstyring.storage import frames
from socialstyring.storage.models import ImportRecord
from tests.helpers.demo import stored_demo
from tests.web.factories import make_user

pytestmark = pytest.mark.django_db
AS_OF = dt.date(2026, 5, 31)
PERIOD = {"year": 2026, "as_of": AS_OF.isoformat()}


@pytest.fixture
def demo():
    return stored_demo(500, AS_OF)


def _client(username: str, role: str, team: str | None = None) -> Client:
    client = Client()
    client.force_login(make_user(username, role, team))
    return client


def _page(client: Client, name: str, **query) -> str:
    response = client.get(reverse(name) + "?" + urlencode({**PERIOD, **query}))
    assert response.status_code == 200
    return html_lib.unescape(response.content.decode())


def _kroner(text: str) -> float:
    return float(text.replace("kr.", "").replace(".", "").replace("−", "-").strip())


def _cell(html: str, cell_id: str) -> float:
    match = re.search(rf'id="{cell_id}">([^<]+)<', html)
    assert match, cell_id
    return _kroner(match.group(1))


def _summary_spent(html: str) -> float:
    match = re.search(r"bevillinger? · til dato (-?[\d.]+ kr\.)", html)
    assert match
    return _kroner(match.group(1))


def _forecast(by: str = "account") -> pl.DataFrame:
    inputs = forecasting.inputs_from_database(2026, AS_OF, by)
    return forecasting.compute(inputs, 2026, AS_OF, by).table


def test_every_accounts_reconciliation_adds_up_to_the_overview(demo):
    client = _client("oekonomi", "finance")
    table = _forecast()
    for account, spent in table.select("account", "spent_to_date").iter_rows():
        html = _page(client, "grants", account=account)
        assert _cell(html, "reconciled-ledger") == pytest.approx(spent, abs=1.0)
        # The other end of the bridge is the list's own sum: every figure on one page.
        assert _cell(html, "reconciled-grant-cost") == pytest.approx(_summary_spent(html), abs=1.0)
    assert "Afstemning pr. konto" in html and "Uden bevilling på listen" in html


def test_the_none_line_opens_its_postings(demo):
    client = _client("oekonomi", "finance")
    html = _page(client, "overview", by="team")
    none_line = _forecast("team").filter(pl.col("team") == "(uden)")
    assert none_line.height == 1 and none_line["spent_to_date"][0] != 0
    link = re.search(r'href="(/posteringer/\?[^"]+)">\(uden\)</a>', html)
    assert link, "the (uden) line links to its postings"
    postings = html_lib.unescape(Client.get(client, link.group(1)).content.decode())
    summary = re.search(r"(\d+) posteringer? · (-?[\d.]+ kr\.)", postings)
    assert summary and int(summary.group(1)) > 0
    assert _kroner(summary.group(2)) == pytest.approx(none_line["spent_to_date"][0], abs=1.0)
    assert "ingen bevilling" in postings


def test_every_grouping_shows_budget_and_deviation_or_says_why(demo):
    client = _client("oekonomi", "finance")
    area = _page(client, "overview", by="område")
    assert "Afvig" in area and "så hver linje har sit budget og sin afvigelse" in area
    footer = area[area.index("<tfoot>") : area.index("</tfoot>")]
    amounts = re.findall(r'class="num[^"]*">(-?[\d.]+ kr\.)<', footer)
    assert len(amounts) == 5  # budget, spent, committed, expected, deviation
    assert _kroner(amounts[0]) > 0
    body = area[area.index("<tbody>") : area.index("</tbody>")]
    assert 'class="num over"' in body or 'class="num under"' in body  # coloured deviations
    team = _page(client, "overview", by="team")
    assert "Budgetfilen fordeler" in team and "på team" in team
    # The demo's budget file distributes every account to its teams: every team line has a
    # budget and a coloured deviation; only "(uden)" (postings without a grant) has none.
    body = team[team.index("<tbody>") : team.index("</tbody>")]
    lines = [r for r in re.findall(r"<tr.*?</tr>", body, re.S) if "(uden)" not in r]
    assert len(lines) >= 4
    for line in lines:
        assert 'class="num over"' in line or 'class="num under"' in line, line
        assert "–" not in line, line


def test_a_year_without_budget_says_so(demo):
    client = _client("oekonomi", "finance")
    html = _page(client, "overview", year=2027, as_of="2027-01-31")
    assert "Intet budget indlæst for 2027" in html
    assert "overspend" not in html and 'class="num over"' not in html


def test_a_leader_sees_what_is_outside_the_team(demo):
    teams = demo.grants["team"].drop_nulls().unique().sort().to_list()
    own, other = teams[0], teams[1]
    client = _client("leder", "team_leader", own)
    html = _page(client, "grants", team=other)
    assert "0 bevillinger" in html
    hidden = re.search(r"(\d+) bevillinger? i andre teams, (-?[\d.]+ kr\.) i året", html)
    assert hidden, "the leader is told what the empty list leaves out"
    everyone = _page(_client("oekonomi", "finance"), "grants", team=other)
    count = re.search(r"(\d+) bevillinger? · til dato", everyone)
    assert count and int(hidden.group(1)) == int(count.group(1))
    # The finance partner, who sees everything, is not told of anything hidden.
    assert "i andre teams" not in everyone


def test_every_figure_page_says_how_fresh_the_data_is(demo):
    ImportRecord.objects.create(
        imported_at=dt.datetime(2026, 5, 31, 12, 3, tzinfo=dt.UTC),
        file_name="posteringer.csv",
        kind="postings",
        sha256="0" * 64,
        accepted=True,
    )
    last = demo.postings.filter(pl.col("posting_date") <= dt.date(2026, 12, 31))
    newest = last["posting_date"].max().strftime("%d-%m-%Y")
    client = _client("leder", "team_leader", demo.grants["team"][0])
    citizen = demo.grants["citizen_id"][0]
    pages = [
        _page(client, "overview"),
        _page(client, "grants"),
        _page(client, "postings"),
        html_lib.unescape(
            client.get(
                reverse("citizen", args=[citizen]) + "?" + urlencode(PERIOD)
            ).content.decode()
        ),
    ]
    line = f"Data pr. 31-05-2026: seneste postering {newest}, seneste import 31-05-2026 kl. 14:03"
    for html in pages:
        assert line in " ".join(html.split()), html[:2000]


def test_a_shared_accounts_list_counts_what_the_leader_cannot_see(demo):
    per_account = demo.grants.group_by("account").agg(pl.col("team").n_unique().alias("teams"))
    account = per_account.filter(pl.col("teams") > 1).sort("account")["account"][0]
    team = demo.grants.filter(pl.col("account") == account)["team"].drop_nulls()[0]
    leader = _page(_client("leder", "team_leader", team), "grants", account=account)
    everyone = _page(_client("oekonomi", "finance"), "grants", account=account)

    def count(html: str) -> int:
        found = re.search(r"(\d+) bevillinger? · til dato", html)
        assert found
        return int(found.group(1))

    hidden = re.search(r"(\d+) bevillinger? i andre teams, (-?[\d.]+ kr\.) i året", leader)
    assert hidden
    assert count(leader) + int(hidden.group(1)) == count(everyone)
    in_year = re.compile(r"bevillinger? · til dato .+? · i året (-?[\d.]+ kr\.)")
    shown = _kroner(in_year.search(leader).group(1))  # type: ignore[union-attr]
    total = _kroner(in_year.search(everyone).group(1))  # type: ignore[union-attr]
    assert shown + _kroner(hidden.group(2)) == pytest.approx(total, abs=2.0)
    # The reconciliation counts every team's grants, so it still meets the overview.
    assert _cell(leader, "reconciled-ledger") == _cell(everyone, "reconciled-ledger")


def test_without_a_ledger_the_none_line_opens_its_grants():
    demo = generate(seed=5, grants=300, year=2026, as_of=AS_OF)
    frames.save("bevillinger", demo.grants.with_columns(pl.lit(None, pl.String).alias("team")))
    frames.save("budget", demo.budgets)
    client = _client("oekonomi", "finance")
    html = _page(client, "overview", by="team")
    assert re.search(r'href="/bevillinger/\?[^"]+">\(uden\)</a>', html)
    assert "reconciliation-table" not in _page(client, "grants", team="(uden)")
    assert "Der er ingen posteringer for 2026" in _page(client, "postings", team="(uden)")

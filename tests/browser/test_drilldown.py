"""From a figure on the overview to the grants behind it and to one citizen, as a team
leader: the figures agree from page to page, and the citizen view is audit-logged."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from socialstyring.storage.models import AuditEntry, Grant
from tests.browser.conftest import PERIOD, demo_users, import_files, kroner, login, table_rows

ACCOUNT = "5.28.22"  # a children's account shared by two teams in the demo data
SHARED = "5.28.21"  # shared by three teams


@pytest.fixture
def leaders_account(reference_data, demo_files) -> str:
    """Providers, budget and grants, without the ledger: then spent to date is the grants'
    cost, and a grant list's sums must equal the overview's line exactly. All grants of
    ACCOUNT are moved to the team leader's team, so the leader sees every grant behind it."""
    import_files([demo_files[k] for k in ("leverandører", "budget", "bevillinger")])
    demo_users()
    team = User.objects.get(username="leder").membership.team.name
    assert Grant.objects.filter(account=ACCOUNT).exclude(team=team).exists()
    Grant.objects.filter(account=ACCOUNT).update(team=team)
    assert Grant.objects.filter(account=SHARED).exclude(team=team).exists()
    return team


def _overview_line(page, account: str) -> dict[str, int]:
    row = page.locator(
        "#overview-table tbody tr", has=page.get_by_role("link", name=account, exact=True)
    )
    cells = row.locator("td").all_inner_texts()
    budget, spent, committed, expected, deviation = (kroner(c) for c in cells[1:])
    return {"spent": spent, "committed": committed, "expected": expected}


_SUMMARY = re.compile(
    r"^(\d+) bevilling(?:er)? · til dato (.+ kr\.) · disponeret (.+ kr\.) · i året (.+ kr\.)$"
)


def _grant_sums(page) -> dict[str, int]:
    match = _SUMMARY.match(page.locator("p.summary").inner_text().strip())
    assert match, page.locator("p.summary").inner_text()
    return {
        "count": int(match.group(1)),
        "spent": kroner(match.group(2)),
        "committed": kroner(match.group(3)),
        "expected": kroner(match.group(4)),
    }


def test_drill_from_the_overview_to_a_citizen(page, leaders_account):
    team = leaders_account
    login(page, "leder")
    page.goto(f"/oversigt/?{PERIOD}")
    line = _overview_line(page, ACCOUNT)
    shared_line = _overview_line(page, SHARED)
    assert line["expected"] > 0

    # The account's link opens the grants behind the figure: the same money, to the krone.
    page.get_by_role("link", name=ACCOUNT, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bevillinger 2026")
    assert f"account={ACCOUNT}" in page.url
    sums = _grant_sums(page)
    assert {k: sums[k] for k in line} == line
    rows = table_rows(page, "#grants-table")
    assert len(rows) == sums["count"] <= 50
    assert {r[2] for r in rows} == {ACCOUNT} and {r[5] for r in rows} == {team}
    assert sum(kroner(r[11]) for r in rows) == pytest.approx(sums["expected"], abs=len(rows))

    # One citizen: every grant of theirs in the leader's team, the total equal to the list's.
    citizen = rows[0][1]
    page.get_by_role("link", name=citizen, exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Borger {citizen}")
    total = kroner(page.locator("p.lead strong").inner_text())
    citizen_rows = table_rows(page, "#citizen-table")
    assert sum(kroner(r[9]) for r in citizen_rows) == pytest.approx(total, abs=len(citizen_rows))
    listed = {item.split(" · ")[0] for item in page.locator("ul.plain li").all_inner_texts()}
    assert listed == set(
        Grant.objects.filter(citizen_id=citizen, team=team).values_list("grant_id", flat=True)
    )
    assert {r[0] for r in citizen_rows} <= listed

    # Who saw this citizen is on record.
    entry = AuditEntry.objects.get(action="grants.citizen.viewed", citizen_id=citizen)
    assert entry.username == "leder"
    assert entry.page.startswith(f"/borger/{citizen}/")

    # The same citizen found by search in the grants list: the same money.
    page.goto(f"/bevillinger/?{PERIOD}&q={citizen}")
    assert _grant_sums(page)["expected"] == total

    # A line shared with other teams: the leader sees only the own team's part of it.
    page.goto(f"/oversigt/?{PERIOD}")
    page.get_by_role("link", name=SHARED, exact=True).click()
    own = _grant_sums(page)
    assert 0 < own["expected"] < shared_line["expected"]
    assert {r[5] for r in table_rows(page, "#grants-table")} == {team}


def test_another_teams_citizen_is_not_found(page, leaders_account):
    team = leaders_account
    foreign = (
        Grant.objects.exclude(team=team)
        .exclude(citizen_id__in=Grant.objects.filter(team=team).values("citizen_id"))
        .first()
    )
    login(page, "leder")
    response = page.goto(f"/borger/{foreign.citizen_id}/?{PERIOD}")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Siden findes ikke")
    # The refusal is recorded; no view of the citizen is.
    actions = AuditEntry.objects.filter(citizen_id=foreign.citizen_id).values_list(
        "action", flat=True
    )
    assert list(actions) == ["grants.citizen.refused"]


def _overview_spent(page) -> dict[str, int]:
    """Each line's spent to date on the overview, by the line's label."""
    headers = table_rows(page, "#overview-table", "thead")[0]
    column = headers.index("Forbrug til dato")
    return {row[0]: kroner(row[column]) for row in table_rows(page, "#overview-table")}


def test_every_accounts_reconciliation_adds_up_to_the_overview(page, municipality):
    """With the ledger, the overview's spent to date is the postings'; the drill-down's
    reconciliation shows how they meet the grants' cost, to the krone."""
    login(page, "oekonomi")
    page.goto(f"/oversigt/?{PERIOD}")
    spent = _overview_spent(page)
    assert len(spent) > 5
    freshness = page.locator("#freshness").inner_text()
    assert re.match(
        r"^Data pr\. 31-05-2026: seneste postering \d\d-\d\d-\d{4}, "
        r"seneste import 01-06-2026 kl\. 10:00$",
        " ".join(freshness.split()),
    ), freshness
    for account, figure in spent.items():
        page.goto(f"/oversigt/?{PERIOD}")
        page.get_by_role("link", name=account, exact=True).click()
        expect(
            page.get_by_role("heading", name="Fra posteringerne til bevillingerne")
        ).to_be_visible()
        ledger = kroner(page.locator("#reconciled-ledger").inner_text())
        assert abs(ledger - figure) <= 1, account
        # The bridge ends in the list's own sum.
        grant_cost = kroner(page.locator("#reconciled-grant-cost").inner_text())
        assert abs(grant_cost - _grant_sums(page)["spent"]) <= 1, account
        lines = table_rows(page, "#reconciliation-table")
        linked, unlinked, line_ledger, difference, unposted, cost = (
            kroner(c) for c in lines[0][1:]
        )
        assert abs(linked + unlinked - line_ledger) <= 1
        assert abs(linked + difference + unposted - cost) <= 1


def test_the_none_line_drills_to_its_postings(page, municipality):
    login(page, "oekonomi")
    page.goto(f"/oversigt/?{PERIOD}&by=team")
    none_spent = _overview_spent(page)["(uden)"]
    page.get_by_role("link", name="(uden)", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Posteringer 2026")
    summary = page.locator("p.summary").inner_text().strip()
    match = re.match(r"^(\d+) posteringer? · (.+ kr\.)$", summary)
    assert match and int(match.group(1)) > 0
    assert abs(kroner(match.group(2)) - none_spent) <= 1
    rows = table_rows(page, "#postings-table")
    assert any(r[3] == "ingen bevilling" for r in rows)
    # The rest are postings on grants without a team or without cost in the year (a
    # December bill paid in January).
    no_team = set(Grant.objects.filter(team=None).values_list("grant_id", flat=True))
    assert all(
        r[3].endswith("(ingen udgift i året)") or r[3] in no_team
        for r in rows
        if r[3] != "ingen bevilling"
    )


@pytest.mark.parametrize("by", ["område", "paragraf", "leverandørtype", "team"])
def test_every_grouping_shows_a_deviation_or_says_why(page, municipality, by):
    login(page, "oekonomi")
    page.goto(f"/oversigt/?{PERIOD}&by={by}")
    headers = page.locator("#overview-table thead th").all_inner_texts()
    assert any(h.startswith("Afvig") for h in headers), headers
    footer = table_rows(page, "#overview-table", "tfoot")[0]
    assert kroner(footer[-1]) != 0  # the total's deviation: budget − expected
    expect(page.locator("#budget-state")).to_be_visible()
    coloured = page.locator("#overview-table tbody td.over, #overview-table tbody td.under")
    if "ikke fordelt" not in page.locator("#budget-state").inner_text():
        assert coloured.count() > 0
    if by in ("område", "team"):  # the demo's budget file distributes every account on both
        lines = [r for r in table_rows(page, "#overview-table") if r[0] != "(uden)"]
        assert lines and all("–" not in (r[1], r[-1]) for r in lines), lines
        assert coloured.count() == len(lines)


def test_a_leader_drilling_into_another_team_sees_why_the_list_is_empty(page, municipality):
    own = User.objects.get(username="leder").membership.team.name
    other = Grant.objects.exclude(team=own).exclude(team=None).values_list("team", flat=True)[0]
    login(page, "leder")
    page.goto(f"/oversigt/?{PERIOD}&by=team")
    page.get_by_role("link", name=other, exact=True).click()
    assert _grant_sums(page)["count"] == 0
    note = page.locator("#hidden-grants").inner_text()
    match = re.match(r"^(\d+) bevillinger? i andre teams, (.+ kr\.) i året, ", note)
    assert match, note
    assert 0 < int(match.group(1)) <= Grant.objects.filter(team=other).count()
    assert kroner(match.group(2)) > 0
    # No grant of the other team is on the page.
    assert table_rows(page, "#grants-table") == [["Ingen bevillinger."]]

"""The grant list's filters in the browser: by team and status, the count follows, the
clear-filter link brings the whole list back; ids and dates stay on one line; a team
leader is offered only their own team."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import AS_OF, PERIOD, demo_users, import_files, login, table_rows

COUNT = re.compile(r"^(\d+) bevillinger? · ")


@pytest.fixture
def grants(reference_data, demo_files) -> None:
    import_files([demo_files[k] for k in ("leverandører", "budget", "bevillinger")])
    demo_users()


def _count(page) -> int:
    match = COUNT.match(page.locator("p.summary").inner_text().strip())
    assert match, page.locator("p.summary").inner_text()
    return int(match.group(1))


def test_filter_by_team_and_status_then_clear(page, grants):
    login(page, "oekonomi")
    page.goto(f"/bevillinger/?{PERIOD}")
    everything = _count(page)
    assert everything > 50
    expect(page.locator("#clear-filters")).to_have_count(0)

    teams = page.locator('select[name="team"] option').all_inner_texts()[1:]
    assert len(teams) >= 2
    team = teams[0]
    page.get_by_label("Team", exact=True).select_option(label=team)
    page.get_by_label("Status", exact=True).select_option(label="Aktiv")
    page.get_by_role("button", name="Filtrér").click()
    page.wait_for_url(re.compile(r"status=active"))
    filtered = _count(page)
    assert 0 < filtered < everything
    assert f"team {team}, status Aktiv" in page.locator("p.lead").inner_text()
    rows = table_rows(page, "#grants-table")
    assert len(rows) == min(filtered, 50)
    assert {r[5] for r in rows} == {team}
    as_of = AS_OF.strftime("%d-%m-%Y")
    for row in rows:  # begun by the as-of day, and not ended before it
        start = row[6].split("-")[::-1]
        assert start <= as_of.split("-")[::-1]
        assert row[7] == "løbende" or row[7].split("-")[::-1] >= as_of.split("-")[::-1]

    # Ids and dates keep to one line, however narrow the column.
    page.set_viewport_size({"width": 900, "height": 900})
    heights = page.locator("#grants-table tbody tr:first-child td.nowrap").evaluate_all(
        "cells => cells.map(c => [getComputedStyle(c).whiteSpace,"
        " c.getClientRects()[0].height / parseFloat(getComputedStyle(c).lineHeight || 20)])"
    )
    assert heights and all(space == "nowrap" for space, _ in heights)

    page.get_by_role("link", name="Ryd filter").click()
    page.wait_for_url(lambda url: "status=" not in url and "team=" not in url)
    assert _count(page) == everything
    expect(page.get_by_label("Team", exact=True)).to_have_value("")


def test_a_team_leader_is_offered_only_their_team(page, grants):
    login(page, "leder")
    page.goto(f"/bevillinger/?{PERIOD}")
    options = page.locator('select[name="team"] option').all_inner_texts()
    assert len(options) == 2  # "(alle)" and the leader's own team
    page.get_by_label("Status", exact=True).select_option(label="Ophørt")
    page.get_by_role("button", name="Filtrér").click()
    page.wait_for_url(re.compile(r"status=ended"))
    rows = table_rows(page, "#grants-table")
    as_of = AS_OF.strftime("%d-%m-%Y").split("-")[::-1]
    assert rows and all(r[7].split("-")[::-1] < as_of for r in rows if r[0] != "Ingen bevillinger.")
    assert {r[5] for r in rows} == {options[1]}

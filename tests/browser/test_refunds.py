"""The refund page in a browser: from the menu to the list, sorted by refund, the level
named, those close to a threshold, and down to one household's months and grants."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from socialstyring.storage.models import AuditEntry
from tests.browser.conftest import PERIOD, kroner, login, table_rows


def test_finance_follows_the_largest_refund_down_to_its_grants(page, municipality):
    login(page, "oekonomi")
    page.get_by_role("link", name="Refusion", exact=True).click()
    page.goto(f"/refusion/?{PERIOD}")
    expect(page.locator("#threshold-level")).to_contain_text("2022-prisniveau")
    expect(page.locator("#threshold-level")).to_contain_text("Tidligere prisniveau")
    rows = table_rows(page, "#refund-table")
    assert len(rows) > 5
    refunds = [kroner(r[4]) for r in rows]
    assert refunds == sorted(refunds, reverse=True) and refunds[0] > 0
    total = kroner(table_rows(page, "#refund-table", "tfoot")[0][4])
    assert abs(total - sum(refunds)) <= len(refunds)  # each row rounded to the krone
    accounts = [kroner(r[1]) for r in table_rows(page, "#refund-accounts")]
    assert abs(sum(accounts) - total) <= len(accounts) + 1
    near = table_rows(page, "#near-table")
    assert near and all(r[2].startswith("Trin ") for r in near)

    first = rows[0][0]
    page.get_by_role("link", name=first, exact=True).first.click()
    expect(page.locator("h1")).to_contain_text(first)
    months = table_rows(page, "#subject-months")
    assert len(months) == 12
    assert abs(sum(kroner(m[3]) for m in months) - refunds[0]) <= 12
    assert table_rows(page, "#subject-grants")
    entry = AuditEntry.objects.filter(action="refunds.subject.viewed").latest("at")
    assert entry.object_id == first and entry.username == "oekonomi"


def test_the_refund_list_downloads_as_excel(page, municipality):
    login(page, "oekonomi")
    page.goto(f"/refusion/?{PERIOD}")
    with page.expect_download() as download:
        page.get_by_role("link", name="Excel").click()
    assert download.value.suggested_filename == "refusion-2026-2026-05-31.xlsx"


@pytest.mark.parametrize("username", ["leder", "raadgiver"])
def test_team_and_caseload_see_fewer_subjects_with_whole_figures(page, municipality, username):
    login(page, "oekonomi")
    page.goto(f"/refusion/?{PERIOD}")
    everyone = {r[0]: r[4] for r in table_rows(page, "#refund-table")}
    page.get_by_role("button", name="Log ud").click()
    login(page, username)
    page.goto(f"/refusion/?{PERIOD}")
    mine = {r[0]: r[4] for r in table_rows(page, "#refund-table") if len(r) > 1}
    assert set(mine) < set(everyone)
    assert all(everyone[key] == value for key, value in mine.items())

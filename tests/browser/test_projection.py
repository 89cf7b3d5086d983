"""The projection on the overview and the backtest page, as the finance partner uses them."""

from __future__ import annotations

import fastexcel
from playwright.sync_api import expect

from tests.browser.conftest import PERIOD, kroner, login, table_rows


def test_projection_on_the_overview_and_the_backtest(page, municipality):
    login(page, "oekonomi")
    page.goto(f"/oversigt/?{PERIOD}")
    expect(page.locator("#overview-table thead")).not_to_contain_text("Forventet tilgang")
    page.get_by_label("Med fremskrivning").check()
    page.get_by_role("button", name="Vis").click()
    page.wait_for_url(lambda url: "projection=1" in url)
    header = page.locator("#overview-table thead").inner_text()
    assert "Forventet tilgang" in header and "Fremskrevet regnskab" in header
    total = table_rows(page, "#overview-table", "tfoot")[0]
    # Total, function, budget, spent, committed, expected, deviation, then the five.
    expected, inflow, endings, projected, low, high = (
        kroner(total[i]) for i in (-7, -5, -4, -3, -2, -1)
    )
    assert abs(projected - (expected + inflow - endings)) <= 2  # each shown rounded
    assert low <= projected <= high and inflow > 0
    expect(page.locator("svg.year-chart")).to_contain_text("Fremskrevet forløb")
    expect(page.locator("svg.year-chart polygon.band")).to_have_count(1)

    page.get_by_role("link", name="Hvor godt ramte den i tidligere år?").click()
    page.wait_for_url("**/efterproevning/")
    page.get_by_role("textbox", name="År", exact=True).fill("2024-2025")
    page.get_by_role("button", name="Vis").click()
    rows = table_rows(page, "#backtest-table")
    assert [r[0] for r in rows][:2] == ["januar", "februar"] and len(rows) == 12
    may = rows[4]
    assert float(may[2].replace(",", ".")) < float(may[1].replace(",", "."))  # projected beats
    expect(page.locator("svg.backtest-chart polyline.projected")).to_have_count(1)
    with page.expect_download() as info:
        page.get_by_role("link", name="Excel").click()
    download = info.value
    assert download.suggested_filename == "efterproevning-2024-2025.xlsx"
    sheet = fastexcel.read_excel(download.path().read_bytes()).load_sheet(0, header_row=3)
    assert sheet.to_polars().height == 12


def test_a_follow_up_keeps_the_projection_and_compare_shows_how_it_moved(page, municipality):
    import datetime as dt

    from django.utils import timezone

    from socialstyring.services import snapshots

    march = snapshots.save_snapshot(
        2026, dt.date(2026, 3, 31), "Marts", "", {}, False, "oekonomi", timezone.now()
    )
    may = snapshots.save_snapshot(
        2026, dt.date(2026, 5, 31), "Maj", "", {}, False, "oekonomi", timezone.now()
    )
    login(page, "oekonomi")
    page.goto(f"/opfoelgning/?{PERIOD}")
    page.get_by_role("link", name="Maj", exact=True).click()
    header = page.locator("#snapshot-totals thead").inner_text()
    assert "Fremskrevet" in header
    total = table_rows(page, "#snapshot-totals")[0]
    assert abs(kroner(total[-3]) - round(may.projection["projected"])) <= 1
    expect(page.locator("svg.year-chart")).to_contain_text("Fremskrevet forløb")

    page.get_by_role("link", name="Sammenlign med Marts").click()
    expect(page.locator("#compare-table thead")).to_contain_text("Bevægelse i fremskrevet")
    foot = table_rows(page, "#compare-table", "tfoot")[0]
    moved = may.projection["projected"] - march.projection["projected"]
    assert abs(kroner(foot[-1]) - round(moved)) <= 1
    assert abs(kroner(foot[-2]) - kroner(foot[-3]) - kroner(foot[-1])) <= 2

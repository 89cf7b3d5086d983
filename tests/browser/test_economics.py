"""A business case typed in as finance does it, and two what-if scenarios saved through the
form and compared side by side, on a synthetic municipality in a real browser."""

from __future__ import annotations

import json

from playwright.sync_api import expect

from socialstyring.services.saved_scenarios import compute_from_database
from socialstyring.services.scenario_files import read_scenario
from tests.browser.conftest import AS_OF, YEAR, kroner, login, table_rows

HALF_HOURS = [
    {"change": "reduce_hours", "filter": {"prisenhed": "time"}, "from": "2026-07-01", "factor": 0.5}
]
HOME = [
    {
        "change": "bring_home",
        "filter": {"leverandør_type": "privat"},
        "from": "2026-09-01",
        "pris": 1500,
        "prisenhed": "dag",
    }
]


def _menu(page, label: str) -> None:
    page.get_by_role("navigation", name="Hovedmenu").get_by_role(
        "link", name=label, exact=True
    ).click()


def test_a_business_case_gives_npv_break_even_and_return(page, municipality):
    login(page, "oekonomi")
    _menu(page, "Økonomi")
    page.get_by_role("link", name="Ny business case").click()
    page.get_by_label("Navn").fill("To ekstra rådgivere")
    page.get_by_label("Første år").fill("2024")
    page.get_by_label("Diskonteringsrente i % om året (fx 3,5)").fill("0")
    page.get_by_label("Udgifter pr. år i kroner").fill("1.000.000; 1.000.000; 1.000.000")
    page.get_by_label("Forventede besparelser pr. år i kroner").fill(
        "1.000.000; 1.500.000; 2.000.000"
    )
    page.get_by_label("Godkendt").check()
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("To ekstra rådgivere")
    assert kroner(page.locator("#npv").inner_text()) == 1_500_000
    expect(page.locator("#break-even")).to_have_text("2024")
    expect(page.locator("#per-krone")).to_have_text("1,50 kr. pr. krone")
    rows = table_rows(page, "#case-table")
    assert [r[0] for r in rows] == ["2024", "2025", "2026"]
    assert [kroner(r[3]) for r in rows] == [0, 500_000, 1_000_000]
    # A discounted case at the default 3,5 %: the page agrees with the formula.
    page.goto("/oekonomi/business-cases/ny/")
    page.get_by_label("Navn").fill("Diskonteret")
    page.get_by_label("Første år").fill("2026")
    page.get_by_label("Udgifter pr. år i kroner").fill("1.000.000; 1.000.000")
    page.get_by_label("Forventede besparelser pr. år i kroner").fill("0; 2.070.000")
    page.get_by_role("button", name="Gem").click()
    assert kroner(page.locator("#npv").inner_text()) == round(-1_000_000 + 1_070_000 / 1.035)
    expect(page.locator("#break-even")).to_have_text("2027")


def _save(page, name: str, changes: list) -> None:
    page.goto("/oekonomi/scenarier/ny/")
    page.get_by_label("Navn").fill(name)
    page.get_by_label("Budgetår").fill(str(YEAR))
    page.get_by_label("Opgjort pr.").fill(AS_OF.isoformat())
    page.get_by_label("Eller ændringerne som JSON").fill(json.dumps(changes, ensure_ascii=False))
    page.get_by_role("button", name="Beregn og gem").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)


def test_two_scenarios_compared_side_by_side(page, municipality):
    login(page, "oekonomi")
    _save(page, "Halve timer", HALF_HOURS)
    _save(page, "Hjem fra private", HOME)
    _menu(page, "Økonomi")
    page.get_by_label("Sammenlign Halve timer").check()
    page.get_by_label("Sammenlign Hjem fra private").check()
    page.get_by_role("button", name="Sammenlign de valgte side om side").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Scenarier side om side")
    total, difference = table_rows(page, "#compare-table", "tfoot")
    # Konto, base Y, base Y+1, then each scenario's Y and Y+1.
    halves = compute_from_database(read_scenario({"name": "", "changes": HALF_HOURS}), YEAR, AS_OF)
    home = compute_from_database(read_scenario({"name": "", "changes": HOME}), YEAR, AS_OF)
    assert abs(kroner(total[1]) - halves.totals["base_Y"]) <= 1
    assert abs(kroner(total[3]) - halves.totals["scenario_Y"]) <= 1
    assert abs(kroner(total[6]) - home.totals["scenario_Y1"]) <= 1
    assert abs(kroner(difference[3]) - halves.totals["difference_Y"]) <= 1
    assert halves.totals["difference_Y"] < 0 and kroner(difference[4]) < kroner(difference[3])
    with page.expect_download() as download:
        page.get_by_role("link", name="Hent som regneark").click()
    assert download.value.suggested_filename == f"scenarier-{YEAR}.xlsx"

"""Management in the browser: the start page as the reader (læser) sees it, each figure a
link to what lies behind it; and an action plan edited by a leader, its target's status
following the edit, and its status report downloaded as PDF and Word."""

from __future__ import annotations

import io
import re

import docx
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.conftest import AS_OF, NOW, PERIOD, login, table_rows


def _management_data():
    from socialstyring.services.management.demo import load_management_demo

    load_management_demo(seed=31, as_of=AS_OF, now=NOW)


def test_the_management_page_for_the_reader(page, municipality):
    _management_data()
    login(page, "laeser")
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Ledelse").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ledelse 2026")
    expect(page.locator("#deviation-link")).to_contain_text("kr.")
    figures = table_rows(page, "#start-figures")
    assert figures[0][0] == "Udgift pr. indbygger på 0-22 år (børn og unge)"
    assert all(row[2].endswith(("kr.", "%")) or row[2][0].isdigit() for row in figures)
    expect(page.locator("#reversal-link")).to_contain_text("%")
    expect(page.locator("#start-plans")).to_contain_text("Handleplan for det specialiserede")

    # A key figure leads to its page, with the trend chart beside the reference figures.
    page.locator("#start-figures a").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nøgletal")
    expect(page.locator("#spend_per_inhabitant_0_22 svg rect").first).to_be_attached()
    assert len(table_rows(page, "#spend_per_inhabitant_0_22 table")) == 5

    # The reversal rate leads to the appeals, falling year by year beside the country's.
    page.go_back()
    page.locator("#reversal-link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Klagesager i Ankestyrelsen")
    rates = [
        float(r[1].replace(" %", "").replace(",", ".")) for r in table_rows(page, "#appeals-trend")
    ]
    assert len(rates) == 5 and rates[0] > rates[-1]

    # The deviation leads to the overview of the same day.
    page.goto(f"/ledelse/?{PERIOD}")
    page.locator("#deviation-link").click()
    expect(page).to_have_url(re.compile(r"/oversigt/\?year=2026&as_of=2026-05-31"))
    # A reader sees the plan but gets no edit forms.
    page.goto(f"/ledelse/?{PERIOD}")
    page.locator("#start-plans a").first.click()
    expect(page.locator("form.target-edit")).to_have_count(0)


def test_a_leader_edits_the_action_plan_and_downloads_the_status_report(page, municipality):
    _management_data()
    login(page, "leder")
    page.goto("/ledelse/handleplaner/")
    page.get_by_label("Titel").fill("Handleplan for efterværn")
    page.get_by_role("button", name="Opret handleplan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Handleplan for efterværn")

    page.locator("#add-focus summary").click()
    page.locator("form.focus-add").get_by_label("Fokuspunkt").fill("Efterværn")
    page.locator("form.focus-add").get_by_role("button", name="Tilføj").click()
    expect(page.locator(".messages .msg")).to_have_text("Gemt.")

    section = page.locator("section.focus-point").first
    section.get_by_text("Tilføj en handling").click()
    form = section.locator("form.action-add")
    form.get_by_label("Handling").fill("Gennemgang af alle efterværnssager")
    form.get_by_label("Ansvarlig").fill("Familieafdelingen")
    form.get_by_label("Frist").fill("2026-09-01")
    form.get_by_label("Status").fill("Halvdelen er gennemgået")
    form.get_by_role("button", name="Tilføj").click()

    section = page.locator("section.focus-point").first
    section.get_by_text("Tilføj et mål").click()
    form = section.locator("form.target-add")
    form.get_by_label("Mål:", exact=True).fill("Udgift til efterværn")
    form.get_by_label("Tal:", exact=True).select_option("paragraph_expected")
    form.get_by_label("Konti, paragraffer, nøgletal eller aldre").fill("BL § 114, SEL § 76")
    form.get_by_label("Retning").select_option("below")
    form.get_by_label("Værdi").fill("1.000.000.000")
    form.get_by_label("Dato").fill("2026-12-31")
    form.get_by_role("button", name="Tilføj").click()
    target = page.locator("table.targets tbody tr").first
    expect(target).to_contain_text("På vej")

    # A target below a figure the demo's after-care already exceeds is not met.
    target.get_by_text("Redigér").click()
    target.locator("form.target-edit").get_by_label("Værdi").fill("1")
    target.locator("form.target-edit").get_by_role("button", name="Gem").click()
    expect(page.locator("table.targets tbody tr").first).to_contain_text("Ikke opfyldt")

    with page.expect_download() as pdf_download:
        page.locator("#report-pdf").click()
    pdf = PdfReader(io.BytesIO(pdf_download.value.path().read_bytes()))
    text = "".join(p.extract_text() for p in pdf.pages)
    assert "Gennemgang af alle efterværnssager" in text and "Ikke opfyldt" in text
    with page.expect_download() as word_download:
        page.locator("#report-docx").click()
    document = docx.Document(word_download.value.path())
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert {"Fokus", "Handling", "Status", "Efterværn", "Halvdelen er gennemgået"} <= set(cells)

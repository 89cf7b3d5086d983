"""A follow-up saved through its form as finance, found again in the list and detail page
with its comments, read by the reader role, and downloaded as the committee's PDF."""

from __future__ import annotations

import re

from playwright.sync_api import expect
from pypdf import PdfReader

from socialstyring.storage.models import AuditEntry, Snapshot
from tests.browser.conftest import PERIOD, kroner, login, table_rows

ACCOUNT = "5.28.21"
TITLE = "Budgetopfølgning maj 2026 til Børne- og Familieudvalget"
COMMENT = "Flere aflastningssager end budgetteret; tre sager revurderes i juni."
NOTE = "Samlet forventes et merforbrug på børneområdet, som dækkes af bufferpuljen."


def _menu(page, label: str) -> None:
    page.get_by_role("navigation", name="Hovedmenu").get_by_role(
        "link", name=label, exact=True
    ).click()


def test_save_a_follow_up_and_take_it_to_the_committee(page, municipality, tmp_path):
    login(page, "oekonomi")
    page.goto(f"/oversigt/?{PERIOD}")
    overview_total = table_rows(page, "#overview-table", "tfoot")[0]
    expected_total = overview_total[
        5
    ]  # Konto, Funktion, budget, til dato, rest, forventet, afvigelse
    kroner(expected_total)

    # The form: the figures of the day, a comment for one account and an overall note.
    _menu(page, "Budgetopfølgninger")
    expect(page.get_by_role("heading", level=1)).to_have_text("Budgetopfølgninger 2026")
    expect(page.locator("#snapshots-table tbody")).to_contain_text(
        "Ingen gemte opfølgninger for 2026."
    )
    page.get_by_role("link", name="Gem ny budgetopfølgning").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ny budgetopfølgning 2026")
    title = page.get_by_label("Titel")
    expect(title).to_have_value("Budgetopfølgning pr. 31-05-2026")
    assert table_rows(page, "#snapshot-form-table", "tfoot")[0][4] == expected_total
    title.fill(TITLE)
    page.locator(f'textarea[name="comment-{ACCOUNT}"]').fill(COMMENT)
    page.get_by_label("Samlet bemærkning").fill(NOTE)
    page.get_by_role("button", name="Gem budgetopfølgning").click()

    # The detail page.
    expect(page.locator(".messages .msg")).to_have_text(f"Budgetopfølgningen »{TITLE}« er gemt.")
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.locator(".lead").first).to_contain_text("opgjort pr. 31-05-2026")
    expect(page.locator("p.note")).to_have_text(NOTE)
    line = page.locator(
        "table[id^=snapshot-table-] tbody tr", has=page.locator("th", has_text=ACCOUNT)
    )
    expect(line.locator("td").last).to_have_text(COMMENT)
    assert table_rows(page, "#snapshot-totals")[0][4] == expected_total
    snapshot = Snapshot.objects.get()
    assert (snapshot.title, snapshot.note, snapshot.created_by) == (TITLE, NOTE, "oekonomi")
    assert snapshot.lines.get(account=ACCOUNT).comment == COMMENT
    assert (
        AuditEntry.objects.filter(
            action="followup.snapshot.saved", username="oekonomi", object_id=str(snapshot.pk)
        ).count()
        == 1
    )

    # The list.
    _menu(page, "Budgetopfølgninger")
    rows = table_rows(page, "#snapshots-table")
    assert len(rows) == 1
    as_of, title_cell, final, budget, expected, deviation, saved_by, _saved = rows[0]
    assert (as_of, title_cell, final, expected, saved_by) == (
        "31-05-2026",
        TITLE,
        "Nej",
        expected_total,
        "oekonomi",
    )
    assert abs(kroner(deviation) - (kroner(budget) - kroner(expected))) <= 1  # each rounded once

    # The committee's PDF.
    page.get_by_role("link", name=TITLE).click()
    with page.expect_download() as info:
        page.get_by_role("link", name="Udvalgsrapport (PDF)").click()
    download = info.value
    assert download.suggested_filename == "udvalgsrapport-2026-2026-05-31.pdf"
    pdf = tmp_path / download.suggested_filename
    download.save_as(pdf)
    reader = PdfReader(pdf)
    pages = [p.extract_text() for p in reader.pages]
    text = re.sub(r"\s+", " ", "\n".join(pages))
    assert reader.metadata.title == TITLE
    assert TITLE in text
    assert "Opgjort pr. 31-05-2026" in text
    assert f"Side 1 af {len(pages)}" in re.sub(r"\s+", " ", pages[0])
    assert f"Side {len(pages)} af {len(pages)}" in re.sub(r"\s+", " ", pages[-1])
    assert expected_total in text  # the whole area's expected year-end, in Danish notation
    assert COMMENT in text and NOTE in text

    # The reader sees the follow-up and its comments, and cannot change them.
    page.get_by_role("button", name="Log ud").click()
    login(page, "laeser")
    _menu(page, "Budgetopfølgninger")
    expect(page.get_by_role("link", name="Gem ny budgetopfølgning")).to_have_count(0)
    page.get_by_role("link", name=TITLE).click()
    expect(page.locator("p.note")).to_have_text(NOTE)
    expect(line.locator("td").last).to_have_text(COMMENT)
    expect(page.get_by_role("link", name="Ret bemærkninger")).to_have_count(0)

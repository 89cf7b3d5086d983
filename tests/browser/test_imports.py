"""Upload in the browser: a good file is stored and logged; a bad one is rejected whole,
with every problem by row and column, and nothing of it is stored."""

from __future__ import annotations

import csv
import io

from playwright.sync_api import expect

from socialstyring.storage.models import AuditEntry, Grant, ImportRecord
from tests.browser.conftest import demo_users, login, table_rows


def _bad_copy(good: bytes, existing_id: str) -> bytes:
    """The good file's first three rows: a date that does not exist, a malformed amount,
    and a valid change to a grant already stored (which must not be stored either)."""
    lines = good.decode("utf-8-sig").splitlines()
    rows = list(csv.reader(lines[:4], delimiter=";"))
    header = rows[0]
    rows[1][header.index("startdato")] = "31-02-2026"
    rows[2][header.index("pris")] = "12,34,56"
    rows[3][header.index("bevilling_id")] = existing_id
    rows[3][header.index("pris")] = "99999,00"
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode("utf-8-sig")


def test_upload_a_good_file_then_a_bad_one(page, reference_data, demo_files, tmp_path):
    demo_users()
    good = demo_files["bevillinger"]
    expected_rows = sum(1 for _ in good.open(encoding="utf-8-sig")) - 1

    login(page, "oekonomi")
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Import").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Import")
    expect(page.locator("#imports-table tbody")).to_have_text("Ingen importer endnu.")
    assert Grant.objects.count() == 0

    # A good file.
    page.locator("input[type=file][name=files]").set_input_files(str(good))
    page.get_by_role("button", name="Indlæs").click()
    expect(page.locator(".messages .msg")).to_have_text(
        f"bevillinger.csv: {expected_rows} rækker indlæst "
        f"({expected_rows} nye, 0 ændrede, 0 uændrede)."
    )
    history = table_rows(page, "#imports-table")
    assert len(history) == 1
    _, name, kind, rows, new, changed, unchanged, result, user = history[0]
    assert (name, kind, rows, new, changed, unchanged, result, user) == (
        "bevillinger.csv",
        "bevillinger",
        str(expected_rows),
        str(expected_rows),
        "0",
        "0",
        "Indlæst",
        "oekonomi",
    )
    assert Grant.objects.count() == expected_rows
    assert (
        AuditEntry.objects.filter(action="imports.file.imported", username="oekonomi").count() == 1
    )

    # A bad file: rejected whole.
    stored = Grant.objects.order_by("-grant_id").first()  # not among the rows copied
    before = (Grant.objects.count(), stored.price)
    bad = tmp_path / "bevillinger.csv"
    bad.write_bytes(_bad_copy(good.read_bytes(), stored.grant_id))
    page.locator("input[type=file][name=files]").set_input_files(str(bad))
    with page.expect_response(lambda r: r.url.endswith("/import/upload/")) as answer:
        page.get_by_role("button", name="Indlæs").click()
    assert answer.value.status == 400
    rejection = page.locator("section.rejection")
    expect(rejection.get_by_role("heading")).to_have_text(
        "Filerne blev afvist — intet er gemt (2 fejl)"
    )
    problems = table_rows(page, "#problems-table")
    assert [p[:4] for p in problems] == [
        ["bevillinger.csv", "2", "startdato", "31-02-2026"],
        ["bevillinger.csv", "3", "pris", "12,34,56"],
    ]
    assert problems[0][4].startswith("Ugyldig dato") and "datoen skal findes" in problems[0][4]
    assert problems[1][4].startswith("Ugyldigt tal")

    # Nothing of it is stored, not even its valid row.
    stored.refresh_from_db()
    assert (Grant.objects.count(), stored.price) == before
    assert stored.price != 99999.0
    assert table_rows(page, "#imports-table")[-1][7] == "Indlæst"  # the good import is still listed


def test_a_rejected_upload_is_kept_in_the_import_history(
    page, reference_data, demo_files, tmp_path
):
    demo_users()
    bad = tmp_path / "bevillinger.csv"
    bad.write_bytes(_bad_copy(demo_files["bevillinger"].read_bytes(), "B-X"))
    login(page, "oekonomi")
    page.goto("/import/")
    page.locator("input[type=file][name=files]").set_input_files(str(bad))
    page.get_by_role("button", name="Indlæs").click()
    expect(page.locator("section.rejection")).to_be_visible()
    assert ImportRecord.objects.filter(accepted=False, problem_count=2).count() == 1
    history = table_rows(page, "#imports-table")
    assert [(row[1], row[7], row[8]) for row in history] == [
        ("bevillinger.csv", "Afvist (2 fejl)", "oekonomi")
    ]


def test_uploading_nothing_says_so(page, reference_data):
    demo_users()
    login(page, "oekonomi")
    page.goto("/import/")
    page.get_by_role("button", name="Indlæs").click()
    expect(page.locator(".messages .msg.error")).to_have_text("Vælg en eller flere filer.")
    assert ImportRecord.objects.count() == 0

"""The audit log as the administrator searches it: who saw which citizen."""

from __future__ import annotations

import datetime as dt

from playwright.sync_api import expect

from socialstyring.services import audit
from tests.browser.conftest import demo_users, login, table_rows

AT = dt.datetime(2026, 5, 20, 9, 0, tzinfo=dt.UTC)


def test_a_search_keeps_its_filter_from_page_to_page(page, reference_data):
    demo_users()
    for i in range(130):
        audit.record(
            "leder",
            "grants.citizen.viewed",
            citizen_id=f"DEMO-{i:06d}",
            object_type="citizen",
            object_id=f"DEMO-{i:06d}",
            page=f"/borger/DEMO-{i:06d}/",
            at=AT + dt.timedelta(minutes=i),
        )
    for i in range(40):
        audit.record(
            "raadgiver",
            "grants.citizen.viewed",
            citizen_id="DEMO-999999",
            object_type="citizen",
            object_id="DEMO-999999",
            page="/borger/DEMO-999999/",
            at=AT + dt.timedelta(minutes=i),
        )

    login(page, "admin")
    expect(page.get_by_role("heading", level=1)).to_have_text("Revisionslog")
    page.get_by_label("Bruger").fill("leder")
    page.get_by_label("Handling").select_option(label="Så en borgers bevillinger")
    page.get_by_role("button", name="Søg").click()
    first = table_rows(page, "#audit-table")
    assert len(first) == 100 and {r[1] for r in first} == {"leder"}
    expect(page.locator("nav.pager span")).to_have_text("Side 1 af 2")

    page.locator("nav.pager").get_by_role("link", name="Næste").click()
    expect(page.locator("nav.pager span")).to_have_text("Side 2 af 2")
    second = table_rows(page, "#audit-table")
    assert len(second) == 30 and {r[1] for r in second} == {"leder"}
    expect(page.get_by_label("Bruger")).to_have_value("leder")
    assert all(r[2].startswith("Så en borgers bevillinger") for r in first + second)
    shown = {line.split("Borger: ")[1].split()[0] for r in first + second for line in [r[2]]}
    assert shown == {f"DEMO-{i:06d}" for i in range(130)}

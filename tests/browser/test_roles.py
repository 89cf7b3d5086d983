"""Log in through the form as each role and see only what the role allows."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from socialstyring.storage.models import BufferPool, Grant
from tests.browser.conftest import PERIOD, kroner, login, table_rows

# user → (landing path, navigation links shown, a page the role may not open)
ROLES = {
    "oekonomi": (
        "/oversigt/",
        {"Overblik", "Bevillinger", "Budgetopfølgninger", "Bufferpulje", "Økonomi", "Import"},
        "/revision/",
    ),
    "leder": (
        "/oversigt/",
        {"Overblik", "Bevillinger", "Budgetopfølgninger", "Økonomi"},
        "/import/",
    ),
    "raadgiver": ("/bevillinger/", {"Bevillinger"}, "/oversigt/"),
    "laeser": (
        "/oversigt/",
        {"Overblik", "Budgetopfølgninger", "Økonomi"},
        f"/bevillinger/?{PERIOD}",
    ),
    "admin": ("/revision/", {"Import", "Revisionslog", "Administration"}, "/oversigt/"),
}


def _nav_links(page) -> set[str]:
    return set(
        page.get_by_role("navigation", name="Hovedmenu").get_by_role("link").all_inner_texts()
    )


@pytest.mark.parametrize("username", sorted(ROLES))
def test_each_role_sees_only_what_it_may(page, municipality, username):
    landing, links, forbidden = ROLES[username]
    login(page, username)
    assert page.url.endswith(landing), f"{username} landed on {page.url}"
    assert _nav_links(page) == links

    # What the navigation hides, the server refuses: the Danish 403 page, with status 403.
    response = page.goto(forbidden)
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("Ingen adgang")
    expect(page).to_have_title("Ingen adgang · Socialstyring")
    assert _nav_links(page) == links  # still logged in, same menu

    # Every link the menu shows opens.
    for label in sorted(links):
        page.goto(landing)
        with page.expect_navigation() as opened:
            page.get_by_role("navigation", name="Hovedmenu").get_by_role(
                "link", name=label, exact=True
            ).click()
        assert opened.value.status == 200, f"{label} as {username}"

    page.goto(landing)
    page.get_by_role("button", name="Log ud").click()
    expect(page).to_have_url(re.compile(r"/login/$"))
    assert page.get_by_role("navigation", name="Hovedmenu").count() == 0


def test_the_finance_user_lands_on_the_overview_with_figures(page, municipality):
    BufferPool.objects.create(year=2026, name="Bufferpulje", amount=5_000_000.0)
    login(page, "oekonomi")
    expect(page.get_by_role("heading", level=1)).to_have_text("Forventet regnskab 2026")
    expect(page.locator(".lead").first).to_contain_text("Opgjort pr. 31-05-2026")
    assert len(table_rows(page, "#overview-table")) >= 5
    totals = table_rows(page, "#overview-table", "tfoot")[0]
    assert totals[0] == "I alt"
    budget, spent, committed, expected, deviation = (kroner(c) for c in totals[2:])
    assert abs(spent + committed - expected) <= 1 and abs(budget - expected - deviation) <= 1

    # The buffer pool: the deviation without it is the table's, with it 5 mio. kr. better.
    buffer = page.locator("section.buffer").inner_text()
    match = re.search(
        r"Afvigelse uden bufferpulje: (.+ kr\.); med bufferpulje: (.+ kr\.)$", buffer.strip()
    )
    assert match, buffer
    without, with_pool = kroner(match.group(1)), kroner(match.group(2))
    assert without == deviation and with_pool == deviation + 5_000_000
    assert "Ikke frigivet" in buffer


def test_a_logged_out_visit_goes_to_the_login_page_and_back(page, municipality):
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/login/\?next=/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Log ind")
    page.goto(f"/bevillinger/?{PERIOD}")
    expect(page).to_have_url(re.compile(r"/login/\?next=/bevillinger/"))
    login(
        page, "leder", open_form=False
    )  # the form's "next" brings the user back where they were going
    expect(page).to_have_url(re.compile(r"/bevillinger/\?year=2026"))


def test_a_wrong_password_is_refused_in_danish(page, municipality):
    page.goto("/login/")
    page.get_by_label("Brugernavn").fill("oekonomi")
    page.get_by_label("Adgangskode").fill("forkert")
    page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_role("alert")).to_have_text("Forkert brugernavn eller adgangskode.")
    assert "/login/" in page.url


def test_the_team_leader_sees_only_the_own_teams_grants(page, municipality):
    from django.contrib.auth.models import User

    team = User.objects.get(username="leder").membership.team.name
    assert Grant.objects.exclude(team=team).exists()  # there is something to hide
    login(page, "leder")
    page.goto(f"/bevillinger/?{PERIOD}")
    rows = table_rows(page, "#grants-table")
    assert rows and {row[5] for row in rows} == {team}

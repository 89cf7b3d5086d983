"""WCAG 2.1 AA on every page, for every demo role, the Django admin included (axe-core), and
the keyboard: the skip link moves focus to the content, the focus outline is visible.

Every page: from the landing page each role follows every link it is shown, visiting each
URL pattern (Django's route) once — one grant list, one citizen, one admin change form per
model — so a page added later is checked without being listed here. Downloads (exports,
PDF, Word) are not pages and are left out."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from django.urls import Resolver404, resolve

from tests.browser.accessibility import assert_accessible, axe_violations, describe
from tests.browser.conftest import login

ROLES = ("oekonomi", "leder", "raadgiver", "laeser", "admin")
# Downloads, and links that end the session or only serve scripts.
NOT_PAGES = re.compile(r"export|pdf|report|logout|jsi18n|autocomplete|view_on_site")
MAX_PAGES = 150  # a guard against a crawl that never ends, far above the app's page count


def _route(url: str, origin: str) -> str | None:
    """The URL pattern a same-site link resolves to, or None for anything not to visit."""
    parts = urlsplit(url)
    if f"{parts.scheme}://{parts.netloc}" != origin:
        return None
    try:
        match = resolve(parts.path)
    except Resolver404:
        return None
    if NOT_PAGES.search(match.view_name or "") or NOT_PAGES.search(parts.path):
        return None
    return match.route


def _crawl(page, origin: str) -> dict[str, list[str]]:
    """Visit every page reachable by links; the axe findings per page (empty if none)."""
    page.goto("/")
    queue = [page.url]
    seen = {_route(page.url, origin)}
    findings: dict[str, list[str]] = {}
    while queue:
        assert len(findings) < MAX_PAGES, "the crawl does not end"
        url = queue.pop(0)
        response = page.goto(url)
        assert response is not None and response.status < 500, f"{url}: {response}"
        violations = axe_violations(page)
        findings[url] = [describe(violations)] if violations else []
        for href in page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)"):
            route = _route(href.split("#")[0], origin)
            if route is not None and route not in seen:
                seen.add(route)
                queue.append(href.split("#")[0])
    return findings


@pytest.mark.parametrize("role", ROLES)
def test_every_page_of_every_role_passes_axe(page, live_server, municipality, role):
    login(page, role)
    findings = _crawl(page, live_server.url)
    print(f"axe: {role} {len(findings)} pages")  # shown with -s: how far the crawl reached
    assert len(findings) >= 3, sorted(findings)
    failed = {url: found for url, found in findings.items() if found}
    assert failed == {}, "\n\n".join(f"{url}\n{found[0]}" for url, found in failed.items())
    if role == "admin":
        assert any("/admin/" in url and url.endswith("/change/") for url in findings)


def test_login_and_error_pages_pass_axe(page, reference_data):
    page.goto("/login/")
    assert_accessible(page)
    page.get_by_label("Brugernavn").fill("nobody")
    page.get_by_label("Adgangskode").fill("wrong password")
    page.get_by_role("button", name="Log ind").click()
    assert_accessible(page)
    assert page.goto("/findes-ikke/").status == 404
    assert_accessible(page)


def _contrast(rgb_a: str, rgb_b: str) -> float:
    def luminance(css: str) -> float:
        channels = [int(c) / 255 for c in re.findall(r"\d+", css)[:3]]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(rgb_a), luminance(rgb_b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_skip_link_moves_focus_and_focus_is_visible(page, live_server, municipality):
    login(page, "oekonomi")
    page.goto("/oversigt/")
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.inner_text() == "Gå til indhold"
    assert skip.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"
    # The next Tab continues inside the content, not at the top of the page.
    page.keyboard.press("Tab")
    assert page.evaluate("document.getElementById('main-content').contains(document.activeElement)")
    # The focus outline: at least 3 px, and 3:1 against the white page (WCAG 1.4.11).
    page.locator("#main-content a").first.focus()
    style = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, s.outlineWidth, s.outlineColor]; }"
    )
    assert style[0] == "solid" and float(style[1].removesuffix("px")) >= 3, style
    assert _contrast(style[2], "rgb(255, 255, 255)") >= 3, style

"""axe-core in the browser tests: the WCAG 2.1 A and AA rules on a page as the browser shows it.

``axe/axe.min.js`` is vendored (``scripts/vendor_dkfds.sh``; MPL-2.0, see ``axe/NOTICE.md``).
It is evaluated through the DevTools protocol, which the app's Content-Security-Policy (no
inline script) does not block, so the page is checked under its real policy."""

from __future__ import annotations

from pathlib import Path

AXE_SOURCE = (Path(__file__).with_name("axe") / "axe.min.js").read_text(encoding="utf-8")
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

_RUN = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags},
                                          resultTypes: ["violations"]});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ") + " — " + n.failureSummary),
  }));
}"""


def axe_violations(page) -> list[dict]:
    """The WCAG 2.1 AA violations axe finds on the page now."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SOURCE)
    return page.evaluate(_RUN, WCAG_21_AA)


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        lines.extend(f"    {node}" for node in v["nodes"])
    return "\n".join(lines)


def assert_accessible(page) -> None:
    violations = axe_violations(page)
    assert violations == [], f"axe on {page.url}:\n{describe(violations)}"

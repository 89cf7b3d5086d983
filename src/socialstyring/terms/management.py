"""Management's terms: the key figures, an action plan's target measures, directions and
statuses, and the paragraphs that are a placement outside the home."""

from __future__ import annotations

from dataclasses import dataclass

from socialstyring.terms.codes import Code, CodeSet
from socialstyring.translation import _, pgettext


@dataclass(frozen=True)
class KeyFigure:
    code: str  # the nøgletal file's kode, also the JSON key
    label: str
    unit: str  # kroner | number | share
    dimensions: tuple[str, ...] = ()  # the grant fields it is also given per


KEY_FIGURES = (
    KeyFigure(
        "spend_per_inhabitant_0_22", _("Spending per inhabitant aged 0-22 (children)"), "kroner"
    ),
    KeyFigure(
        "spend_per_inhabitant_18_64", _("Spending per inhabitant aged 18-64 (adults)"), "kroner"
    ),
    KeyFigure("citizens_per_caseworker", _("Citizens per caseworker"), "number", ("team",)),
    KeyFigure(
        "average_run_rate",
        _("Average run rate of active grants"),
        "kroner",
        ("paragraph", "service"),
    ),
    KeyFigure("share_external", _("Share of cost at external providers"), "share"),
    KeyFigure(
        "placements_per_1000_0_17", _("Placed children per 1.000 inhabitants aged 0-17"), "number"
    ),
)
KEY_FIGURES_BY_CODE = {k.code: k for k in KEY_FIGURES}
REVERSAL_RATE_CODE = "omgoerelsesprocent"  # the national reversal rate in a nøgletal file

# The age bands the per-inhabitant figures divide by (both ends included).
CHILD_AGES, ADULT_AGES, PLACEMENT_AGES = (0, 22), (18, 64), (0, 17)

# Placements outside the home, in both laws (see reference/data/paragraf_krydsreference.csv).
PLACEMENT_PARAGRAPHS = ("BL § 46", "BL § 47", "SEL § 52 stk. 3 nr. 7", "SEL § 58")

TARGET_MEASURES = CodeSet(
    "target_measure",
    (
        Code("account_expected", _("Expected spending on accounts")),
        Code("paragraph_expected", _("Expected spending under paragraphs")),
        Code("external_expected", _("Expected spending at external providers")),
        Code("key_figure", _("Key figure")),
        Code("families_several_grants", _("Families with more than one measure (ages)")),
        Code("rule_count", _("A focus rule's count")),
        Code("rule_cost", _("A focus rule's cost this year")),
    ),
)

TARGET_DIRECTIONS = CodeSet(
    "target_direction",
    (
        Code("below", pgettext("target", "below")),
        Code("at_most", pgettext("target", "at most")),
        Code("at_least", pgettext("target", "at least")),
        Code("above", pgettext("target", "above")),
    ),
)

TARGET_STATUSES = CodeSet(
    "target_status",
    (
        Code("met", pgettext("target", "Met")),
        Code("on_track", pgettext("target", "On track")),
        Code("not_met", pgettext("target", "Not met")),
        Code("unknown", pgettext("target", "No figure")),
    ),
)

# ``socialstyring appeals --by``: its values (Danish, the CLI contract) → the appeal field
# grouped on besides the year and the area; and the JSON keys of the groups.
APPEALS_BY = {"område": "area", "paragraf": "paragraph", "team": "team"}
APPEALS_DEFAULT_BY = next(iter(APPEALS_BY))
APPEALS_JSON_KEYS = {"year": "year", "area": "område", "paragraph": "paragraf", "team": "team"}

"""The demo municipality's management data, drawn from a seed: population by age over five
years, appeals over five years with a falling reversal rate, the country's reversal rate,
reference key figures around the municipality's own, and seed 003's action plan.

Ranges: a population of about 40.000 (children 0-17 about 21 %, 18-22 about 6 %, 18-64 about
57 %), changing by -0,5 to +0,5 % a year; 40-70 appeals decided a year with a reversal rate
falling from about 30 % to about 15 %; a national rate falling from 19,5 % to 17,4 %
(Ankestyrelsen publishes the rate each year; these are illustrative, not its figures);
reference figures 85-115 % of the municipality's own. Everything here is synthetic.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import polars as pl

# A named comparison group of municipalities of about the demo's size (codes from the
# shipped municipality list).
COMPARISON_GROUP = (
    "Sammenlignelige kommuner",
    ("706", "707", "710", "727", "746", "766", "420", "430", "440", "450"),
)
# Whole-year age bands and single ages: the per-inhabitant figures divide by 0-22 and 18-64.
AGE_SHARES = (
    ((0, 17), 0.21),
    ((18, 18), 0.012),
    ((19, 19), 0.012),
    ((20, 20), 0.012),
    ((21, 21), 0.012),
    ((22, 22), 0.012),
    ((23, 64), 0.51),
    ((65, 125), 0.22),
)
NATIONAL_RATE = (19.5, 19.0, 18.6, 18.0, 17.4)  # per cent, oldest first
PARAGRAPHS = (
    ("børn", "BL § 46"),
    ("børn", "BL § 32"),
    ("børn", "BL § 114"),
    ("voksen", "SEL § 85"),
    ("voksen", "SEL § 108"),
)
OUTCOME_SPLIT = (("ændret", 0.3), ("ophævet", 0.1), ("hjemvist", 0.6))


def population_csv(code: str, year: int, inhabitants: int = 40_000, seed: int = 2026) -> str:
    """The befolkning file: five years up to ``year``."""
    rng = np.random.default_rng(seed + 14)
    lines = ["kommunekode;år;alder;antal"]
    size = float(inhabitants)
    for y in range(year - 4, year + 1):
        for (lo, hi), share in AGE_SHARES:
            age = f"{lo}" if lo == hi else f"{lo}-{hi}"
            lines.append(f"{code};{y};{age};{round(size * share)}")
        size *= 1 + rng.uniform(-0.005, 0.005)
    return "\n".join(lines) + "\n"


def appeals_csv(
    year: int, as_of: dt.date, citizens: list[str], teams: list[str], seed: int = 2026
) -> str:
    """The klagesager file: five years of decided appeals with a falling reversal rate, and
    a few pending ones decided by the municipality in the last months."""
    rng = np.random.default_rng(seed + 79)
    lines = [
        "sag_id;borger_id;område;paragraf;team;afgørelsesdato;"
        "ankestyrelsens_afgørelse;ankestyrelsens_dato"
    ]
    years = list(range(year - 4, year + 1))
    rates = np.linspace(0.30, 0.15, len(years))
    number = 0
    for y, rate in zip(years, rates, strict=True):
        last_day = min(as_of, dt.date(y, 12, 31))
        span = (last_day - dt.date(y, 1, 1)).days
        merits = int(rng.integers(40, 71) * max(span, 30) / 365)
        reversed_ = round(merits * rate)
        outcomes = ["stadfæstet"] * (merits - reversed_)
        for outcome, share in OUTCOME_SPLIT:
            outcomes += [outcome] * round(reversed_ * share)
        outcomes += ["afvist"] * int(rng.integers(1, 4))
        for outcome in outcomes:
            number += 1
            day = dt.date(y, 1, 1) + dt.timedelta(days=int(rng.integers(0, max(span, 1))))
            lines.append(_appeal(number, rng, citizens, teams, day, outcome, as_of))
    for _pending in range(6):
        number += 1
        lines.append(_appeal(number, rng, citizens, teams, None, "", as_of))
    return "\n".join(lines) + "\n"


def _appeal(number, rng, citizens, teams, day: dt.date | None, outcome: str, as_of) -> str:
    area, paragraph = PARAGRAPHS[int(rng.integers(0, len(PARAGRAPHS)))]
    citizen = citizens[int(rng.integers(0, len(citizens)))] if citizens else ""
    team = teams[int(rng.integers(0, len(teams)))] if teams else ""
    decided = day or as_of
    municipal = decided - dt.timedelta(days=int(rng.integers(60, 180)))
    when = day.strftime("%d-%m-%Y") if day else ""
    return (
        f"KS-{number:05d};{citizen};{area};{paragraph};{team};"
        f"{municipal.strftime('%d-%m-%Y')};{outcome};{when}"
    )


def references_csv(own: pl.DataFrame, year: int, region: str, seed: int = 2026) -> str:
    """The nøgletal file: the country's, the region's and the comparison group's figures
    for each of the municipality's own (``own``: code, year, value; the whole municipality),
    85-115 % of it, and the country's reversal rate."""
    rng = np.random.default_rng(seed + 2013)
    group = COMPARISON_GROUP[0]
    lines = ["kode;år;niveau;enhed;værdi;kilde"]
    source = "Syntetisk demo"
    for code, y, value in own.select("code", "year", "value").iter_rows():
        lines.append(f"{code};{y};land;;{_number(value * rng.uniform(0.85, 1.15))};{source}")
        lines.append(f"{code};{y};gruppe;{group};{_number(value * rng.uniform(0.9, 1.1))};{source}")
        if region:
            lines.append(
                f"{code};{y};region;{region};{_number(value * rng.uniform(0.88, 1.12))};{source}"
            )
    for y, rate in zip(range(year - 4, year + 1), NATIONAL_RATE, strict=True):
        lines.append(f"omgoerelsesprocent;{y};land;;{_number(rate)};{source}")
    return "\n".join(lines) + "\n"


def _number(value: float) -> str:
    return f"{value:.4f}".replace(".", ",")


def action_plan(year: int, figures: dict[str, float | None]) -> dict:
    """Seed 003's action plan, its targets scaled to the demo's live figures of last year
    (``figures``: aftercare, external, families) in the seed's proportions: after-care 8,5
    mio. kr. to below 6 mio., external providers 7,9 mio. kr. to below 7 mio., families with
    more than one measure (13-18 years) from 8 to at most 5."""
    aftercare = figures.get("aftercare") or 8_500_000.0
    external = figures.get("external") or 7_900_000.0
    families = figures.get("families") or 8.0
    due = dt.date(year, 12, 31)
    return {
        "title": f"Handleplan for det specialiserede socialområde {year}",
        "focus_points": [
            {
                "title": "Efterværn for unge 18-22 år",
                "comment": "Udgiften var for høj sidste år; sagerne gennemgås.",
                "actions": [
                    (
                        "Gennemgang af alle efterværnssager",
                        "Familieafdelingen",
                        dt.date(year, 6, 30),
                        "Gennemgået for halvdelen af sagerne.",
                    ),
                    (
                        "Fast opfølgning hver tredje måned",
                        "Myndighedsleder",
                        dt.date(year, 9, 1),
                        "Indført i Team Efterværn.",
                    ),
                ],
                "targets": [
                    (
                        "Udgift til efterværn",
                        "paragraph_expected",
                        "BL § 114, SEL § 76",
                        "below",
                        round(aftercare * 6 / 8.5, -5),
                        due,
                        aftercare,
                        year - 1,
                    ),
                ],
            },
            {
                "title": "Brug af eksterne leverandører",
                "comment": "",
                "actions": [
                    (
                        "Flere opgaver løses i egne tilbud",
                        "Centerchef",
                        dt.date(year, 12, 1),
                        "To nye pladser i eget tilbud fra 1. august.",
                    ),
                ],
                "targets": [
                    (
                        "Udgift hos eksterne leverandører",
                        "external_expected",
                        "",
                        "below",
                        round(external * 7 / 7.9, -5),
                        due,
                        external,
                        year - 1,
                    ),
                ],
            },
            {
                "title": "Familier med mere end én indsats",
                "comment": "",
                "actions": [
                    (
                        "Én samlet plan pr. familie",
                        "Familieafdelingen",
                        dt.date(year, 10, 1),
                        "Pilotprojekt i Børn Syd.",
                    ),
                ],
                "targets": [
                    (
                        "Familier med mere end én indsats, 13-18 år",
                        "rule_count",
                        "families_multiple_measures_13_18",
                        "at_most",
                        float(round(families * 5 / 8)),
                        due,
                        families,
                        year - 1,
                    ),
                ],
            },
        ],
    }

"""Objective financing from the stored population: each offer or shared task financed
objectively in a year (``ObjectiveFinancing``, and the special term
``objective_start_up``) split among the region's municipalities by their 0-17-year-olds
in the ``befolkning`` import. A municipality missing from the population is named, never
given a silent zero. The secretariat sees every municipality's share; a municipality its
own share and the total."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import polars as pl

from socialstyring.core import regional as core
from socialstyring.io.writers import Report, ReportColumn
from socialstyring.services import exports
from socialstyring.services.access import Viewer, require
from socialstyring.services.regional import market as m
from socialstyring.storage import regional_frames
from socialstyring.terms import FileKind
from socialstyring.translation import _, pgettext

OBJECTIVE, START_UP = "objective", "objective_start_up"


@dataclass(frozen=True)
class Arrangement:
    """What is split: ``total`` (None: the offer has no cost base that year) of which
    ``objective_pct`` % by children, among ``municipalities``."""

    offer_id: str
    name: str
    kind: str  # OBJECTIVE or START_UP
    objective_pct: float
    total: float | None
    from_tariff: bool  # the total is the cost base of the offer's tariff of the year
    municipalities: tuple[str, ...]


@dataclass(frozen=True)
class Split:
    arrangement: Arrangement
    objective_part: float
    per_case_part: float
    population_year: int | None
    rows: list[dict[str, Any]] = field(default_factory=list)  # municipality, name, children…
    problem: str = ""  # Danish: why the split cannot be made


@dataclass(frozen=True)
class FinancingPage:
    year: int
    sees_all: bool  # the secretariat: every municipality's share
    own: str  # the viewer's municipality ("" for the secretariat)
    splits: list[Split]


def region_municipalities(viewer: Viewer) -> tuple[str, str]:
    """The viewer's region code and its municipalities' codes (comma-joined)."""
    from socialstyring.storage.models import Municipality

    home = m.home_of(viewer)
    region = Municipality.objects.filter(code=home).values_list("region_code", flat=True).first()
    if region is None:
        return "", home
    codes = Municipality.objects.filter(region_code=region).values_list("code", flat=True)
    return region, ",".join(sorted(codes))


def stored_population(codes: tuple[str, ...]) -> pl.DataFrame:
    """The region's population as the ``befolkning`` import stored it (every municipality's
    import, read inside a short activation of the region's codes), for ``codes`` only."""
    with m.region_activated(codes):
        stored = regional_frames.load(FileKind.POPULATION)
    population = core.from_stored(stored)
    return population.filter(pl.col("municipality").is_in(list(codes)))


def arrangements(viewer: Viewer, year: int) -> list[Arrangement]:
    """The offers and shared tasks financed objectively in ``year`` in the viewer's region."""
    from socialstyring.storage.models import ObjectiveFinancing, SpecialTerm

    region, joined = region_municipalities(viewer)
    everyone = tuple(c for c in joined.split(",") if c)
    market = m.load_market(viewer)
    tariffs = m.tariff_history(market).filter(pl.col("year") == year)
    cost_base = dict(zip(tariffs["offer_id"], tariffs["cost_base"], strict=True))
    offer_names = dict(zip(market.register["offer_id"], market.register["name"], strict=True))
    found: list[Arrangement] = []
    rows = ObjectiveFinancing.objects.filter(
        first_year__lte=year, last_year__gte=year, region_code__in=[region, ""]
    )
    for row in rows:
        given = _codes(row.municipalities)
        found.append(
            Arrangement(
                row.offer_id,
                row.name or offer_names.get(row.offer_id) or row.offer_id,
                OBJECTIVE,
                row.objective_pct,
                row.amount if row.amount is not None else cost_base.get(row.offer_id),
                row.amount is None,
                given or everyone,
            )
        )
    terms = SpecialTerm.objects.filter(term=START_UP, first_year__lte=year, last_year__gte=year)
    for term in terms:
        if term.offer_id not in offer_names:  # another region's offer
            continue
        found.append(
            Arrangement(
                term.offer_id,
                offer_names[term.offer_id] or term.offer_id,
                START_UP,
                100.0,
                cost_base.get(term.offer_id),
                True,
                _codes(term.municipalities) or everyone,
            )
        )
    return sorted(found, key=lambda a: (a.name, a.kind))


def _codes(joined: str) -> tuple[str, ...]:
    return tuple(sorted({c.strip() for c in joined.split(",") if c.strip()}))


def split_one(arrangement: Arrangement, population: pl.DataFrame, year: int) -> Split:
    """One arrangement's split, or the Danish reason it cannot be made."""
    names = m.names()
    share = arrangement.objective_pct / 100.0
    if arrangement.total is None:
        problem = _("%(offer)s has no tariff basis (tilbudsøkonomi) for %(year)s.") % {
            "offer": arrangement.name,
            "year": year,
        }
        return Split(arrangement, 0.0, 0.0, None, problem=problem)
    objective = arrangement.total * share
    per_case = core.per_case_part(arrangement.total, share)
    used = core.population_year(population, year)
    codes = list(arrangement.municipalities)
    missing = codes if used is None else core.without_children(population, year, codes)
    if missing:
        problem = _(
            "No population of 0-17-year-olds for %(year)s (befolkning) for: %(municipalities)s. "
            "Import it before the amount can be split."
        ) % {
            "year": year if used is None else used,
            "municipalities": ", ".join(f"{c} {names.get(c, '')}".strip() for c in missing),
        }
        return Split(arrangement, objective, per_case, used, problem=problem)
    table = core.objective_financing(
        arrangement.total, population, year, objective_share=share, municipalities=codes
    )
    rows = [
        {**r, "name": names.get(r["municipality"], r["municipality"]), "share_pct": 100 * share}
        for r in table.iter_rows(named=True)
        for share in (r["share"],)
    ]
    return Split(arrangement, objective, per_case, used, rows)


def financing(viewer: Viewer, year: int) -> FinancingPage:
    """Every objective financing of the year, split; a municipality's rows only its own."""
    require(viewer, "regional.view")
    sees_all = viewer.can("regional.matrix")  # the secretariat's view across municipalities
    own = "" if sees_all else m.home_of(viewer)
    _region_code, joined = region_municipalities(viewer)
    population = stored_population(tuple(c for c in joined.split(",") if c))
    splits = [split_one(a, population, year) for a in arrangements(viewer, year)]
    if not sees_all:
        splits = [replace(s, rows=[r for r in s.rows if r["municipality"] == own]) for s in splits]
    return FinancingPage(year, sees_all, own, splits)


REPORT = Report(
    _("Objective financing"),
    (
        ReportColumn("offer", _("Offer or task"), "text", 28),
        ReportColumn("objective_pct", _("Objective share (%)"), "number", 12),
        ReportColumn("total", _("Amount of the year"), "kroner", 16),
        ReportColumn("objective_part", _("Split by children"), "kroner", 16),
        ReportColumn("per_case_part", _("Paid per case"), "kroner", 16),
        ReportColumn("municipality", _("Municipality"), "text", 22),
        ReportColumn("children", _("0-17-year-olds"), "count", 12),
        ReportColumn("share_pct", _("Share (%)"), "number", 10),
        ReportColumn("amount", _("Municipality's amount"), "kroner", 16),
        ReportColumn("note", _("Note"), "text", 40),
    ),
    totals_label=None,
)


def financing_frame(page: FinancingPage) -> pl.DataFrame:
    """One row per arrangement and municipality (a problem: one row with its message)."""
    out: list[dict[str, Any]] = []
    for s in page.splits:
        a = s.arrangement
        head = {
            "offer": a.name,
            "objective_pct": a.objective_pct,
            "total": a.total,
            "objective_part": s.objective_part,
            "per_case_part": s.per_case_part,
        }
        blank = dict.fromkeys(("municipality", "children", "share_pct", "amount"))
        if s.problem or not s.rows:
            out.append({**head, **blank, "note": s.problem or _("Not part of the split.")})
        for r in s.rows:
            out.append(
                {
                    **head,
                    "municipality": f"{r['municipality']} {r['name']}",
                    "children": r["children"],
                    "share_pct": r["share_pct"],
                    "amount": r["amount"],
                    "note": "",
                }
            )
    schema = {
        "offer": pl.String,
        "objective_pct": pl.Float64,
        "total": pl.Float64,
        "objective_part": pl.Float64,
        "per_case_part": pl.Float64,
        "municipality": pl.String,
        "children": pl.Float64,
        "share_pct": pl.Float64,
        "amount": pl.Float64,
        "note": pl.String,
    }
    return pl.DataFrame(out, schema=schema)


def financing_download(viewer: Viewer, year: int, fmt: str) -> exports.Download:
    page = financing(viewer, year)
    name = pgettext("file name", "objective-financing-%(year)s") % {"year": year}
    return exports.download(REPORT, financing_frame(page), fmt, name, formats=("xlsx",))

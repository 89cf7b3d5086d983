"""The municipality's key figures from the database, beside the imported reference figures,
and their spreadsheet."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl

from socialstyring.core.grants import with_provider_types
from socialstyring.core.management import benchmarks
from socialstyring.core.management import key_figures as core
from socialstyring.io.writers import Report, ReportColumn
from socialstyring.terms import KEY_FIGURE_LEVELS, FileKind
from socialstyring.terms.management import KEY_FIGURES, KEY_FIGURES_BY_CODE, REVERSAL_RATE_CODE
from socialstyring.translation import _, pgettext

GRANT_COLUMNS = [
    "citizen_id",
    "caseworker",
    "team",
    "area",
    "paragraph",
    "service",
    "account",
    "provider_id",
    "provider_type",
    "price",
    "price_unit",
    "quantity",
    "start",
    "end",
    "registered",
]


@dataclass(frozen=True)
class KeyFigures:
    as_of: dt.date
    years: list[int]
    figures: pl.DataFrame  # code, year, dimension, group, value
    comparison: pl.DataFrame  # code, year, own, country, region, comparison
    group_name: str

    def series(self, code: str) -> pl.DataFrame:
        """One key figure's years beside the references, oldest first."""
        return self.comparison.filter(pl.col("code") == code).sort("year")


def spending_by_year(years: list[int], as_of: dt.date) -> pl.DataFrame:
    """``year``, ``account``, ``expected``: the forecast's expected outturn of each year."""
    from socialstyring.services import forecasting

    parts = []
    for year in years:
        table = forecasting.compute(forecasting.inputs_from_database(year, as_of), year, as_of)
        parts.append(table.table.select(pl.lit(year).alias("year"), "account", "expected"))
    if not parts:
        return pl.DataFrame(schema={"year": pl.Int32, "account": pl.String, "expected": pl.Float64})
    return pl.concat(parts)


def _ledger_years() -> list[int]:
    from socialstyring.storage.models import Posting

    return [d.year for d in Posting.objects.dates("posting_date", "year")]


def _comparison_group() -> tuple[str, list[str]]:
    from socialstyring.storage.models import ComparisonGroup

    group = ComparisonGroup.objects.order_by("name").first()
    return (group.name, group.code_list) if group else ("", [])


def _region_code(code: str) -> str:
    from socialstyring.storage.models import Municipality

    found = Municipality.objects.filter(code=code).values_list("region_code", flat=True).first()
    return found or ""


def references() -> pl.DataFrame:
    from socialstyring.storage import frames

    return frames.load_kind(FileKind.KEY_FIGURES)


def key_figures(as_of: dt.date) -> KeyFigures:
    """Every key figure of every year the data covers up to ``as_of``'s, with the country's,
    the region's and the comparison group's figures beside the municipality's own."""
    from socialstyring.storage import frames, tenancy

    code = tenancy.current_code()
    grants = with_provider_types(
        frames.load_kind(FileKind.GRANTS, GRANT_COLUMNS), frames.load_providers()
    )
    years = core.years_covered(grants, _ledger_years(), as_of)
    figures = core.key_figures(
        grants,
        spending_by_year(years, as_of),
        frames.load_kind(FileKind.POPULATION),
        code=code,
        years=years,
        as_of=as_of,
    )
    name, codes = _comparison_group()
    own_codes = [c for c in codes if c != code]
    comparison = benchmarks.compare(
        figures,
        references().filter(pl.col("code") != REVERSAL_RATE_CODE),
        region_code=_region_code(code),
        group_name=name,
        group_codes=own_codes,
    )
    return KeyFigures(as_of, years, figures, comparison, name)


def national_reversal_rates() -> dict[int, float]:
    """Year → the country's reversal rate from the nøgletal (a value above 1 is a
    percentage and is read as a share)."""
    rows = references().filter(
        (pl.col("code") == REVERSAL_RATE_CODE) & (pl.col("level") == "country")
    )
    return {int(y): (v / 100 if v > 1 else v) for y, v in rows.select("year", "value").iter_rows()}


def labelled(result: KeyFigures) -> pl.DataFrame:
    """The comparison table with each figure's label, known figures first in their order."""
    order = {k.code: i for i, k in enumerate(KEY_FIGURES)}
    labels = {k.code: k.label for k in KEY_FIGURES}
    return (
        result.comparison.with_columns(
            pl.col("code").replace_strict(labels, default=pl.col("code")).alias("label"),
            pl.col("code")
            .replace_strict(order, default=len(order), return_dtype=pl.Int64)
            .alias("_order"),
        )
        .sort("_order", "year")
        .drop("_order")
    )


REPORT = Report(
    _("Key figures"),
    (
        ReportColumn("label", _("Key figure"), "text", 44),
        ReportColumn("year", pgettext("column", "Year"), "count", 8),
        ReportColumn("own", _("The municipality"), "number", 16),
        ReportColumn("country", KEY_FIGURE_LEVELS.label("country"), "number", 16),
        ReportColumn("region", KEY_FIGURE_LEVELS.label("region"), "number", 16),
        ReportColumn("comparison", KEY_FIGURE_LEVELS.label("group"), "number", 18),
    ),
    totals_label=None,
)


def download(result: KeyFigures):
    from socialstyring.services import exports

    return exports.download(
        REPORT,
        labelled(result),
        "xlsx",
        exports.file_name(pgettext("file name", "key-figures"), result.as_of.year, result.as_of),
        formats=("xlsx",),
        caption=_("As of %(date)s") % {"date": result.as_of.strftime("%d-%m-%Y")},
    )


def unit_of(code: str) -> str:
    figure = KEY_FIGURES_BY_CODE.get(code)
    return figure.unit if figure else "number"


def chart(result: KeyFigures, code: str) -> str:
    """The figure's years as bars, the comparison group's (else the country's) as a line."""
    from socialstyring.io.writers.trend import comparison_svg

    series = result.series(code)
    reference = [
        group if group is not None else country
        for group, country in zip(series["comparison"], series["country"], strict=True)
    ]
    return comparison_svg(
        series["year"].to_list(),
        series["own"].to_list(),
        reference,
        label=_("The figure year by year (bars) against the comparison group (line)"),
    )


def dimensions(result: KeyFigures, code: str) -> list[dict]:
    """The figure per team, paragraph or service in the latest year it has them."""
    rows = result.figures.filter((pl.col("code") == code) & pl.col("dimension").is_not_null())
    if rows.height == 0:
        return []
    latest = rows["year"].max()
    return rows.filter(pl.col("year") == latest).sort("dimension", "group").to_dicts()


def show(code: str, value: float | None) -> str:
    """A key figure's value as users read it (kroner, a share, or a number)."""
    from socialstyring.io.formatting import kroner, number_dk, percent

    if value is None:
        return "–"
    unit = unit_of(code)
    if unit == "kroner":
        return kroner(value)
    if unit == "share":
        return percent(value)
    return number_dk(value, 1)

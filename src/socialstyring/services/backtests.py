"""Backtests of the projection (docs/projection.md): from files or the database, as a table,
JSON or a spreadsheet."""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl

from socialstyring.core import backtest as core
from socialstyring.core.grants import with_provider_types
from socialstyring.io.formatting import number_dk
from socialstyring.io.writers import Report, ReportColumn
from socialstyring.services.forecasting import Inputs
from socialstyring.services.projection import PROJECTION_COLUMNS
from socialstyring.terms import MONTH_NAMES

# Runs without Django too (the CLI's file-only backtest): the standard library's gettext.
from socialstyring.translation import _

DEFAULT_YEARS = 4


class BadYears(ValueError):
    """``--years`` is not ``2024`` or ``2022-2025``."""


def parse_years(text: str) -> list[int]:
    """``2024`` or ``2022-2025`` (both included)."""
    first, _sep, last = text.strip().partition("-")
    try:
        a, b = int(first), int(last or first)
    except ValueError as exc:
        raise BadYears(_("The years must be a year or a range, e.g. 2022-2025.")) from exc
    if not (1900 < a <= b < 2200) or b - a > 30:
        raise BadYears(_("The years must be a year or a range, e.g. 2022-2025."))
    return list(range(a, b + 1))


def default_years(inputs: Inputs, today: dt.date) -> list[int]:
    """The four years before this one, from the second year of the data (the first year
    gives the projection no past year to learn from)."""
    if inputs.grants.height == 0:
        return []
    first = inputs.grants["start"].min()
    assert isinstance(first, dt.date)
    return [y for y in range(today.year - DEFAULT_YEARS, today.year) if y > first.year]


def inputs_from_database(today: dt.date) -> Inputs:
    """Every grant registered by ``today``, every budget, the ledger per account and month."""
    from socialstyring.storage import frames
    from socialstyring.storage.history import load_grant_history, load_posting_months

    grants = load_grant_history(today, PROJECTION_COLUMNS)
    first = grants["start"].min() if grants.height else today
    assert isinstance(first, dt.date)
    return Inputs(
        grants=grants,
        budgets=frames.load_budgets(),
        postings=load_posting_months(first, today),
        providers=None,
    )


def run(inputs: Inputs, years: list[int]) -> core.Backtest:
    grants = with_provider_types(inputs.grants, inputs.providers)
    return core.backtest(grants, inputs.budgets, inputs.postings, years)


def _month_rows(result: core.Backtest) -> pl.DataFrame:
    """Per month of the year, the total's and the lines' errors and coverage side by side."""
    parts = []
    for level, suffix in (("total", "total"), ("line", "lines")):
        part = result.months.filter(pl.col("level") == level).select(
            "month",
            pl.col("mape_expected").alias(f"mape_expected_{suffix}"),
            pl.col("mape_projected").alias(f"mape_projected_{suffix}"),
            (pl.col("coverage") * 100.0).alias(f"coverage_{suffix}"),
            pl.col("wape_expected").alias(f"wape_expected_{suffix}"),
            pl.col("wape_projected").alias(f"wape_projected_{suffix}"),
        )
        parts.append(part)
    return parts[0].join(parts[1], on="month", how="left").sort("month")


MEASURES = (
    ("mape_expected_total", _("Error of expected, total (%)")),
    ("mape_projected_total", _("Error of projected, total (%)")),
    ("coverage_total", _("Interval held, total (%)")),
    ("mape_expected_lines", _("Error of expected, accounts (%)")),
    ("mape_projected_lines", _("Error of projected, accounts (%)")),
    ("coverage_lines", _("Interval held, accounts (%)")),
)


def report(kind: str) -> Report:
    """The month table: numbers in a spreadsheet, Danish text on a terminal."""
    return Report(
        _("Backtest of the projection"),
        (
            ReportColumn("month_name", _("Cut at the end of"), "text", 16),
            *(ReportColumn(f, label, kind, 18) for f, label in MEASURES),
        ),
        totals_label=None,
    )


def month_table(result: core.Backtest) -> pl.DataFrame:
    rows = _month_rows(result)
    return rows.with_columns(
        pl.col("month")
        .replace_strict(dict(enumerate(MONTH_NAMES, start=1)), return_dtype=pl.String)
        .alias("month_name")
    )


def _records(frame: pl.DataFrame) -> list[dict[str, Any]]:
    return [
        {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in row.items()}
        for row in frame.iter_rows(named=True)
    ]


def document(result: core.Backtest, years: list[int]) -> dict[str, Any]:
    """The backtest's JSON (keys in docs/projection.md)."""
    cuts = result.cuts
    if cuts.height == 0:
        return {"years": years, "months": [], "accounts": [], "cuts": [], "outcome_source": {}}
    figures = [
        "outcome",
        "expected",
        "projected",
        "projected_low",
        "projected_high",
        "error_expected",
        "error_projected",
        "ape_expected",
        "ape_projected",
        "covered",
    ]
    totals = cuts.filter(pl.col("level") == "total").sort("as_of")
    lines = cuts.filter(pl.col("level") == "line").sort("as_of", "account")
    per_cut = []
    for row in totals.iter_rows(named=True):
        mine = lines.filter(pl.col("as_of") == row["as_of"])
        per_cut.append(
            {
                "year": row["year"],
                "month": row["month"],
                "as_of": row["as_of"].isoformat(),
                **{f: row[f] for f in figures},
                "accounts": _records(mine.select(pl.col("account").alias("konto"), *figures)),
            }
        )
    months = _records(_month_rows(result))
    accounts = _records(
        result.lines.select(
            pl.col("account").alias("konto"),
            "month",
            "cuts",
            "mape_expected",
            "mape_projected",
            "coverage",
        )
    )
    return {
        "years": years,
        "interval": 0.8,
        "months": months,
        "accounts": accounts,
        "cuts": per_cut,
        "outcome_source": {str(y): s for y, s in result.sources.items()},
    }


def export(result: core.Backtest, years: list[int], fmt: str) -> bytes | str:
    """The backtest as table, json, xlsx or csv (through ``exports.render``)."""
    from socialstyring.services.exports import render

    table = month_table(result) if result.months.height else pl.DataFrame()
    caption = _("Years %(years)s, 80 %% interval") % {
        "years": f"{years[0]}-{years[-1]}" if years else ""
    }
    if fmt == "table" and table.height:
        shown = table.with_columns(
            pl.col(f).map_elements(lambda v: number_dk(v, 1), return_dtype=pl.String)
            for f, _label in MEASURES
        )
        return render(report("text"), shown, fmt, caption=caption)
    document_ = document(result, years) if fmt == "json" else None
    return render(report("number"), table, fmt, caption=caption, document=document_)


def chart(result: core.Backtest) -> str:
    """The error on the total by month of the cut, both figures, as SVG for a page."""
    from socialstyring.io.writers.backtest_chart import backtest_svg

    if result.months.height == 0:
        return ""
    rows = _month_rows(result)
    return backtest_svg(
        rows["mape_expected_total"].to_list(), rows["mape_projected_total"].to_list()
    )


def download(result: core.Backtest, years: list[int], fmt: str):
    """The month table as a spreadsheet to download (``efterproevning-2022-2025.xlsx``)."""
    from socialstyring.services.exports import Download, UnknownFormat
    from socialstyring.translation import pgettext

    if fmt not in ("xlsx", "csv"):
        raise UnknownFormat(fmt)
    payload = export(result, years, fmt)
    span = f"{years[0]}-{years[-1]}" if years else ""
    name = f"{pgettext('file name', 'backtest')}-{span}.{fmt}"
    return Download(payload.encode("utf-8") if isinstance(payload, str) else payload, name)


def from_database(years: list[int] | None, today: dt.date) -> tuple[core.Backtest, list[int]]:
    """The backtest of the active municipality's stored history (default: four years)."""
    inputs = inputs_from_database(today)
    chosen = years or default_years(inputs, today)
    return run(inputs, chosen), chosen

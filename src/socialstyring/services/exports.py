"""Every export goes through one ``render(report, frame, format)``: the overview's and the
grant list's downloads, the follow-up's spreadsheet and committee PDF, and the CLI's
forecast and monthly profile. Formats: xlsx, csv, pdf, json and the terminal's table,
each where the export offers it."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import polars as pl

from socialstyring.io.reports import (
    GRANTS_REPORT,
    PROFILE_REPORT,
    SNAPSHOT_REPORT,
    forecast_json,
    forecast_report,
    labelled,
    profile_json,
    subtitle,
    with_month_names,
)
from socialstyring.io.writers import Report, pdf
from socialstyring.io.writers.chart import YearSeries, svg, year_series
from socialstyring.io.writers.csv import write_csv
from socialstyring.io.writers.table import write_table
from socialstyring.io.writers.table_pdf import TablePdf, table_pdf
from socialstyring.io.writers.xlsx import write_xlsx
from socialstyring.terms import MEASURE_FIELDS, PROFILE_MEASURES, grouping

# No Django here: the CLI's file-only forecast runs before Django is set up, so this
# module translates with the standard library's gettext (the same catalogue).
from socialstyring.translation import pgettext

if TYPE_CHECKING:
    from socialstyring.services.followups import Overview
    from socialstyring.storage.models import Snapshot

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "pdf": "application/pdf",
    "json": "application/json",
    "table": "text/plain; charset=utf-8",
}
SPREADSHEETS = ("xlsx", "csv")  # what the web's download links offer
WITH_PDF = (*SPREADSHEETS, "pdf")  # the economics pages also offer a PDF of the table


class UnknownFormat(ValueError):
    """The export does not come in this format."""


def render(
    report: Report,
    frame: pl.DataFrame,
    fmt: str,
    *,
    caption: str = "",
    totals: dict[str, Any] | None = None,
    document: Any = None,
) -> bytes | str:
    """``frame`` by ``report``'s columns in ``fmt``: bytes for files, text for the terminal.

    xlsx, csv and table show the columns (table with ``totals``); json writes ``document``,
    the export's own JSON shape; pdf is the committee report, its lines from ``frame`` and
    its cover (title, note, buffer pool, chart) from ``document``."""
    if fmt == "xlsx":
        return write_xlsx(report, frame, caption)
    if fmt == "csv":
        return write_csv(report, frame)
    if fmt == "table":
        return write_table(report, frame, caption, totals)
    if fmt == "json" and document is not None:
        return json.dumps(document, ensure_ascii=False, indent=1)
    if fmt == "pdf" and isinstance(document, pdf.CommitteeReport):
        return pdf.committee_report(replace(document, lines=_report_lines(frame)))
    if fmt == "pdf" and isinstance(document, TablePdf):
        return table_pdf(report, frame, document, caption, totals)
    raise UnknownFormat(fmt)


def _report_lines(frame: pl.DataFrame) -> tuple[pdf.ReportLine, ...]:
    return tuple(
        pdf.ReportLine(
            account=r["account"],
            name=r["account_name"],
            area=r["area_label"],
            comment=r["comment"],
            **{m: r[m] for m in MEASURE_FIELDS},
        )
        for r in frame.iter_rows(named=True)
    )


@dataclass(frozen=True)
class Download:
    payload: bytes
    filename: str

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.filename.rsplit(".", 1)[-1]]


def file_name(stem: str, year: int, as_of: dt.date) -> str:
    """A download's name without its format: ``bevillinger-2026-2026-05-31``."""
    return f"{stem}-{year}-{as_of.isoformat()}"


def download(
    report: Report,
    frame: pl.DataFrame,
    fmt: str,
    name: str,
    *,
    formats: tuple[str, ...] = SPREADSHEETS,
    **options: Any,
) -> Download:
    """A file to download, named ``name.fmt``; :class:`UnknownFormat` outside ``formats``."""
    if fmt not in formats:
        raise UnknownFormat(fmt)
    payload = render(report, frame, fmt, **options)
    return Download(
        payload.encode("utf-8") if isinstance(payload, str) else payload, f"{name}.{fmt}"
    )


# --- the forecast ------------------------------------------------------------------------


def forecast(
    table: pl.DataFrame,
    totals: dict[str, Any],
    fmt: str,
    *,
    year: int,
    as_of: dt.date,
    by: str,
    account_names: dict[str, str],
) -> bytes | str:
    """The forecast grouped ``by`` (a ``--by`` value) as table, json, xlsx or csv."""
    group = grouping(by)
    return render(
        forecast_report(group),
        labelled(table, group, account_names),
        fmt,
        caption=subtitle(year, as_of),
        totals=totals,
        document=(
            forecast_json(table, totals, year=year, as_of=as_of, grouping=group)
            if fmt == "json"
            else None
        ),
    )


def overview_download(overview: Overview, fmt: str) -> Download:
    """The overview page's table, labelled as the page shows it, as a spreadsheet."""
    return download(
        forecast_report(grouping(overview.by)),
        overview.table,
        fmt,
        file_name(pgettext("file name", "expected-outturn"), overview.year, overview.as_of),
        caption=subtitle(overview.year, overview.as_of),
    )


def grants_download(frame: pl.DataFrame, year: int, as_of: dt.date, fmt: str) -> Download:
    """The grants behind a figure, the most expensive first."""
    return download(
        GRANTS_REPORT,
        frame.sort("expected", descending=True),
        fmt,
        file_name(pgettext("file name", "grants"), year, as_of),
        caption=subtitle(year, as_of),
    )


def snapshot_download(snapshot: Snapshot, rows: pl.DataFrame, fmt: str) -> Download:
    """A saved follow-up's lines (:func:`snapshots.snapshot_rows`) as a spreadsheet."""
    return download(
        SNAPSHOT_REPORT,
        rows,
        fmt,
        file_name(pgettext("file name", "budget-follow-up"), snapshot.year, snapshot.as_of),
        caption=f"{snapshot.title} · {subtitle(snapshot.year, snapshot.as_of)}",
    )


# --- the monthly profile and the chart of the year ----------------------------------------


def profile(profile: pl.DataFrame, fmt: str, *, year: int, as_of: dt.date) -> bytes | str:
    """The monthly profile (``forecast --by måned``) as table, json, xlsx or csv."""
    named = with_month_names(profile)
    return render(
        PROFILE_REPORT,
        named,
        fmt,
        caption=subtitle(year, as_of),
        totals={m.field: named[m.field].sum() for m in PROFILE_MEASURES},
        document=profile_json(named, year=year, as_of=as_of) if fmt == "json" else None,
    )


def year_chart(profile: pl.DataFrame, budget: float, as_of: dt.date, year: int) -> str:
    """The chart of the year as SVG for a page."""
    return svg(year_series(profile, budget, as_of, year))


def series_chart(series: YearSeries | None) -> str:
    """A frozen chart of the year (a snapshot's) as SVG; empty without one."""
    return svg(series) if series is not None else ""


def bars_chart(years: list[int], series: list[tuple[str, list[float | None]]], title: str) -> str:
    """Grouped bars per year as SVG for a page (an investment's invested and saved)."""
    from socialstyring.io.writers.bars import bars_svg

    return bars_svg(years, series, title=title)

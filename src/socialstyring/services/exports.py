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
    SNAPSHOT_PROJECTED_REPORT,
    SNAPSHOT_REPORT,
    forecast_json,
    forecast_report,
    labelled,
    measure_column,
    profile_json,
    subtitle,
    with_code_labels,
    with_month_names,
)
from socialstyring.io.writers import Report
from socialstyring.io.writers.chart import YearSeries, svg, year_series
from socialstyring.io.writers.csv import write_csv
from socialstyring.io.writers.table import write_table
from socialstyring.terms import DECIDED_MEASURE, MEASURE_FIELDS, PROFILE_MEASURES, grouping

# No Django here: the CLI's file-only forecast runs before Django is set up, so this
# module translates with the standard library's gettext (the same catalogue).
from socialstyring.translation import _, pgettext

if TYPE_CHECKING:
    from socialstyring.core.refunds import RefundResult
    from socialstyring.io.writers import pdf
    from socialstyring.services.followups import Overview
    from socialstyring.storage.models import Snapshot

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
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
    notes: tuple[tuple[str, str], ...] = (),
) -> bytes | str:
    """``frame`` by ``report``'s columns in ``fmt``: bytes for files, text for the terminal.

    xlsx, csv and table show the columns (table with ``totals``); json writes ``document``,
    the export's own JSON shape; pdf is the committee report, its lines from ``frame`` and
    its cover (title, note, buffer pool, chart) from ``document``."""
    frame = with_code_labels(report, frame)
    if fmt == "xlsx":
        from socialstyring.io.writers.xlsx import write_xlsx

        return write_xlsx(report, frame, caption, totals, notes)
    if fmt == "csv":
        return write_csv(report, frame)
    if fmt == "table":
        return write_table(report, frame, caption, totals)
    if fmt == "json" and document is not None:
        return json.dumps(document, ensure_ascii=False, indent=1)
    if fmt != "pdf":
        raise UnknownFormat(fmt)
    # The PDF writers (reportlab) load only for a PDF: the CLI's JSON forecast starts faster.
    from socialstyring.io.writers import pdf

    if isinstance(document, pdf.CommitteeReport):
        return pdf.committee_report(replace(document, lines=_report_lines(frame)))
    if isinstance(document, pdf.TableDocument):
        if not document.sections:  # the document of this one frame, under its title
            section = pdf.TableSection("", report, frame, totals)
            document = replace(document, caption=document.caption or caption, sections=(section,))
        return pdf.table_document(document)
    raise UnknownFormat(fmt)


def _report_lines(frame: pl.DataFrame) -> tuple[pdf.ReportLine, ...]:
    from socialstyring.io.writers import pdf

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
    refund: RefundResult | None = None,
    projection: Projected | None = None,
    decided: bool = False,
) -> bytes | str:
    """The forecast grouped ``by`` (a ``--by`` value) as table, json, xlsx or csv; with
    ``refund``, by account, a separate ``refund`` column (never netted into expected);
    with ``projection``, its columns beside the commitment figures (``table`` holds them);
    with ``decided``, the ``decided`` column ``table`` holds (docs/casework.md)."""
    group = grouping(by)
    report, caption = forecast_report(group), subtitle(year, as_of)
    if projection is not None:
        report = replace(
            report, title=projection.title, columns=(*report.columns, *projection.columns)
        )
    # CSV has no caption to name the threshold level in, so it goes without the refund.
    if refund is not None and group.is_account and fmt != "csv":
        from socialstyring.io import refund_reports

        table, totals = refund_reports.with_refund_column(table, totals, refund)
        report = replace(report, columns=(*report.columns, refund_reports.REFUND_COLUMN))
        caption = f"{caption} · {refund_reports.level_note(refund.thresholds)}"
    document = None
    if fmt == "json":
        document = forecast_json(table, totals, year=year, as_of=as_of, grouping=group)
        if "refund" in table.columns:
            from socialstyring.io import refund_reports

            refund_reports.add_refund_to_json(document, table, totals, refund)
        if projection is not None:
            projection.extend_json(document, table, totals)
    if decided:
        report = with_decided_column(report, table)
        if document is not None:
            _add_decided_to_json(document, table, totals)
    return render(
        report,
        labelled(table, group, account_names),
        fmt,
        caption=caption,
        totals=totals,
        document=document,
    )


@dataclass(frozen=True)
class Projected:
    """What a projection adds to the forecast's export: its report columns, its title, and
    how it extends the JSON (``services.projection`` builds it)."""

    title: str
    columns: tuple[Any, ...]
    extend_json: Any  # (document, table, totals) -> None


def overview_download(overview: Overview, fmt: str) -> Download:
    """The overview page's table, labelled as the page shows it, as a spreadsheet or a
    PDF (with the decided column when the overview has one)."""
    report = with_decided_column(forecast_report(grouping(overview.by)), overview.table)
    from socialstyring.io.writers.pdf import TableDocument

    notes = (DECIDED_NOTE,) if DECIDED_MEASURE.field in overview.table.columns else ()
    return download(
        report,
        overview.table,
        fmt,
        file_name(pgettext("file name", "expected-outturn"), overview.year, overview.as_of),
        formats=WITH_PDF,
        caption=subtitle(overview.year, overview.as_of),
        totals=overview.totals,
        document=TableDocument(report.title, notes=notes) if fmt == "pdf" else None,
    )


# --- decided, not registered (docs/casework.md) -------------------------------------------

DECIDED_NOTE = _(
    "Decided, not registered: the change recorded case-review outcomes make to the expected "
    "outturn until the case system registers them. It is not included in the expected outturn."
)


def with_decided_column(report: Report, table: pl.DataFrame) -> Report:
    """``report`` with the decided column appended, when ``table`` holds one."""
    if DECIDED_MEASURE.field not in table.columns:
        return report
    return replace(report, columns=(*report.columns, measure_column(DECIDED_MEASURE)))


def _add_decided_to_json(
    document: dict[str, Any], table: pl.DataFrame, totals: dict[str, Any]
) -> None:
    field = DECIDED_MEASURE.field
    for line, value in zip(document["lines"], table[field], strict=True):
        line[field] = value
    document["total"][field] = totals[field]


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
    """A saved follow-up's lines (:func:`snapshots.snapshot_rows`) as a spreadsheet, with the
    projection's columns when the snapshot kept them, each account with its comment and the
    overall comment first: above the table in the XLSX, the first row in the CSV (which has
    no room above its header)."""
    label = _("Overall comment")
    notes = ((label, snapshot.note),) if snapshot.note else ()
    if notes and fmt == "csv":
        first = pl.DataFrame({"account_name": [label], "comment": [snapshot.note]})
        rows = pl.concat([first, rows], how="diagonal_relaxed")
    return download(
        SNAPSHOT_REPORT if snapshot.projection is None else SNAPSHOT_PROJECTED_REPORT,
        rows,
        fmt,
        file_name(pgettext("file name", "budget-follow-up"), snapshot.year, snapshot.as_of),
        caption=f"{snapshot.title} · {subtitle(snapshot.year, snapshot.as_of)}",
        totals=snapshot.projection,
        notes=notes,
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


# --- the refund for expensive single cases -----------------------------------------------


def refund(result: RefundResult, fmt: str) -> bytes | str:
    """The refund list (docs/refunds.md) as table, json, xlsx or pdf: each names the
    threshold level it used."""
    from socialstyring.io import refund_reports as reports

    rows, caption = reports.refund_rows(result), reports.refund_caption(result)
    document: Any = None
    if fmt == "json":
        document = reports.refund_json(result)
    elif fmt == "pdf":
        from socialstyring.io.writers import pdf

        document = pdf.TableDocument(
            reports.REFUND_REPORT.title,
            caption,
            result.as_of,
            notes=(reports.level_note(result.thresholds),),
            sections=(
                pdf.TableSection(
                    reports.REFUND_TABLE_REPORT.title, reports.REFUND_TABLE_REPORT, rows
                ),
                pdf.TableSection(
                    reports.REFUND_ACCOUNTS_REPORT.title,
                    reports.REFUND_ACCOUNTS_REPORT,
                    result.accounts,
                ),
            ),
        )
    report = reports.REFUND_TABLE_REPORT if fmt == "table" else reports.REFUND_REPORT
    return render(report, rows, fmt, caption=caption, totals=result.total, document=document)


def refund_download(result: RefundResult, fmt: str) -> Download:
    """The refund page's list as a spreadsheet or a PDF."""
    if fmt not in ("xlsx", "pdf"):  # CSV has no caption to name the threshold level in
        raise UnknownFormat(fmt)
    payload = refund(result, fmt)
    name = file_name(pgettext("file name", "refund"), result.year, result.as_of)
    return Download(
        payload.encode("utf-8") if isinstance(payload, str) else payload, f"{name}.{fmt}"
    )


def refund_level_note(result: RefundResult) -> str:
    """The sentence naming the threshold level a refund figure used."""
    from socialstyring.io import refund_reports

    return refund_reports.level_note(result.thresholds)


def refund_sparkline(values: list[float]) -> str:
    """A subject's 12 monthly refunds as a small SVG bar chart for a page."""
    from socialstyring.io.writers.sparkline import sparkline

    return sparkline(values)


def bars_chart(years: list[int], series: list[tuple[str, list[float | None]]], title: str) -> str:
    """Grouped bars per year as SVG for a page (an investment's invested and saved)."""
    from socialstyring.io.writers.bars import bars_svg

    return bars_svg(years, series, title=title)

"""The reversal rate of appeals from files (nothing stored) or from the database, and its
exports: the CLI's table, JSON and XLSX, the page's figures."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import polars as pl

from socialstyring import clock
from socialstyring.core.management import appeals as core
from socialstyring.io.cpr import RunPseudonymiser
from socialstyring.io.formatting import percent
from socialstyring.io.problems import ImportRejected, file_problem
from socialstyring.io.writers import Report, ReportColumn
from socialstyring.services.files import Source, check_uploads, rejection_of
from socialstyring.services.reference import shipped_reference
from socialstyring.terms import APPEAL_OUTCOMES, AREAS, KEY_FIGURE_LEVELS, FileKind
from socialstyring.terms.management import APPEALS_BY, APPEALS_DEFAULT_BY, APPEALS_JSON_KEYS

# Runs without Django from files (the CLI), so the standard library's gettext translates.
from socialstyring.translation import _, pgettext


@dataclass(frozen=True)
class AppealRates:
    groups: pl.DataFrame
    total: dict[str, Any]
    by: str
    year: int | None


def appeals_from_uploads(uploads: Sequence[Source]) -> pl.DataFrame:
    """The klagesager files among ``uploads``, validated as an import would (pseudonyms
    numbered for this run only); every file must be clean."""
    pseudonyms = RunPseudonymiser()
    checked = check_uploads(uploads, shipped_reference(), pseudonyms, today=clock.today())
    rejection = rejection_of(checked)
    if rejection is not None:
        raise rejection
    frames = [
        c.result.frame.select(FileKind.APPEALS.field_names)
        for c in checked
        if c.result is not None and c.result.file_kind is FileKind.APPEALS
    ]
    if not frames:
        raise ImportRejected(
            [
                file_problem(
                    ", ".join(u.name for u in uploads),
                    _("There is no klagesager file among the files."),
                )
            ]
        )
    return pl.concat(frames)


def appeals_from_database() -> pl.DataFrame:
    from socialstyring.storage import frames

    return frames.load_kind(FileKind.APPEALS)


def rates(
    appeals: pl.DataFrame, by: str = APPEALS_DEFAULT_BY, year: int | None = None
) -> AppealRates:
    """Groups by year and area (and paragraph or team, by ``by``) and the total."""
    field = APPEALS_BY[by]
    return AppealRates(
        core.appeal_groups(appeals, field, year), core.appeal_total(appeals, year), by, year
    )


def _json_row(row: dict[str, Any]) -> dict[str, Any]:
    out = {APPEALS_JSON_KEYS[k]: row[k] for k in core.GROUP_KEYS}
    area = row["area"]
    out[APPEALS_JSON_KEYS["area"]] = AREAS.file_codes.get(area, area) if area else None
    out.update({o: row[o] for o in core.OUTCOMES})
    out["reversal_rate"] = row["reversal_rate"]
    return out


def as_json(result: AppealRates) -> dict[str, Any]:
    return {
        "groups": [_json_row(r) for r in result.groups.iter_rows(named=True)],
        "total": dict(result.total),
    }


def report(by: str) -> Report:
    key = {
        "paragraph": ReportColumn("paragraph", _("Paragraph"), "text", 22),
        "team": ReportColumn("team", _("Team"), "text", 20),
    }
    return Report(
        _("Appeals to Ankestyrelsen"),
        (
            ReportColumn("year", pgettext("column", "Year"), "text", 8),
            ReportColumn("area_label", _("Area"), "text", 22),
            *((key[APPEALS_BY[by]],) if APPEALS_BY[by] in key else ()),
            ReportColumn("upheld", pgettext("appeal", "Upheld"), "count", 11),
            ReportColumn("changed", pgettext("appeal", "Changed"), "count", 11),
            ReportColumn("annulled", pgettext("appeal", "Annulled"), "count", 11),
            ReportColumn("returned", pgettext("appeal", "Returned"), "count", 11),
            ReportColumn("rejected", pgettext("appeal", "Rejected"), "count", 11),
            ReportColumn("reversal_rate", _("Reversal rate"), "share", 14),
        ),
        totals_label=None,
    )


def labelled(result: AppealRates) -> pl.DataFrame:
    """The groups with what users read: the area's label and the rate as a percentage."""
    total = pl.DataFrame([{**{k: None for k in core.GROUP_KEYS}, **result.total}]).select(
        result.groups.columns
    )
    frame = pl.concat([result.groups, total.cast(result.groups.schema)])
    last = frame.height - 1
    return frame.with_columns(
        pl.when(pl.int_range(pl.len()) == last)
        .then(pl.lit(_("Total")))
        .otherwise(pl.col("area").replace_strict(AREAS.labels, default=pl.col("area")))
        .alias("area_label"),
        pl.col("year").cast(pl.String),
    )


def caption(result: AppealRates) -> str:
    pending = _("%(count)s pending") % {"count": result.total["pending"]}
    if result.year is None:
        return _("Every year · %(pending)s") % {"pending": pending}
    return _("Year %(year)s · %(pending)s") % {"year": result.year, "pending": pending}


def export(result: AppealRates, fmt: str) -> bytes | str:
    """The appeals as the terminal's table, JSON or XLSX (through ``exports.render``)."""
    from socialstyring.services import exports

    return exports.render(
        report(result.by),
        labelled(result),
        fmt,
        caption=caption(result),
        document=as_json(result) if fmt == "json" else None,
    )


def trend(appeals: pl.DataFrame, national: dict[int, float]) -> list[dict[str, Any]]:
    """The reversal rate year by year, the country's beside it."""
    return [
        {**row, "national": national.get(row["year"])}
        for row in core.yearly_rates(appeals).iter_rows(named=True)
    ]


def trend_chart(rows: list[dict[str, Any]]) -> str:
    from socialstyring.io.writers.trend import comparison_svg

    return comparison_svg(
        [r["year"] for r in rows],
        [r["reversal_rate"] for r in rows],
        [r["national"] for r in rows],
        label=_("The reversal rate year by year (bars) against the country (line)"),
    )


def xlsx_download(result: AppealRates):
    from socialstyring.services.exports import Download

    payload = export(result, "xlsx")
    assert isinstance(payload, bytes)
    year = f"-{result.year}" if result.year else ""
    return Download(payload, f"{pgettext('file name', 'appeals')}{year}.xlsx")


def council_pack(appeals: pl.DataFrame, year: int, national: dict[int, float]):
    """The council's yearly pack (retssikkerhedsloven § 79 b) as one PDF: the trend year by
    year beside the country's rate, then the year by area, by paragraph and by team."""
    from socialstyring.io.writers.pdf import TableDocument, table_document, text_section
    from socialstyring.services.exports import Download

    def rate(value: float | None) -> str:
        return percent(value) if value is not None else "–"

    counts = [APPEAL_OUTCOMES.label(o) for o in core.OUTCOMES]
    trend_rows = [
        (pgettext("column", "Year"), _("Reversal rate"), KEY_FIGURE_LEVELS.label("country")),
        *(
            (str(r["year"]), rate(r["reversal_rate"]), rate(national.get(r["year"])))
            for r in core.yearly_rates(appeals).iter_rows(named=True)
        ),
    ]
    sections = [text_section(_("The trend"), trend_rows)]
    for field, label in (
        ("area", _("Area")),
        ("paragraph", _("Paragraph")),
        ("team", _("Team")),
    ):
        groups = core.appeal_groups(appeals, field, year)
        rows = [(label, *counts, _("Reversal rate"))]
        for g in groups.iter_rows(named=True):
            key = (
                AREAS.label(g["area"])
                if field == "area"
                else f"{AREAS.label(g['area'])}: {g[field] or '–'}"
            )
            rows.append((key, *(str(g[o]) for o in core.OUTCOMES), rate(g["reversal_rate"])))
        sections.append(
            text_section(
                _("%(year)s by %(grouping)s") % {"year": year, "grouping": label.lower()},
                rows,
            )
        )
    total = core.appeal_total(appeals, year)
    subtitle = _("Year %(year)s · %(pending)s") % {
        "year": year,
        "pending": _("%(count)s pending") % {"count": total["pending"]},
    }
    document = TableDocument(
        _("Appeals to Ankestyrelsen"), subtitle, sections=tuple(sections), landscape=False
    )
    payload = table_document(document)
    return Download(payload, f"{pgettext('file name', 'appeals')}-{year}.pdf")


def decided_years(appeals: pl.DataFrame) -> list[int]:
    return core.yearly_rates(appeals)["year"].to_list()

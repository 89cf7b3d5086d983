"""The focus rules' hits as table, JSON, XLSX or CSV, through ``exports.render``."""

from __future__ import annotations

import polars as pl

from socialstyring.io.formatting import date_dk
from socialstyring.io.writers import Report, ReportColumn
from socialstyring.services import exports
from socialstyring.services.casework.focus import FocusResult
from socialstyring.translation import _, pgettext

HITS_REPORT = Report(
    _("Focus rules"),
    (
        ReportColumn("rule_name", _("Rule"), "text", 36),
        ReportColumn("subject_id", _("Case"), "text", 26),
        ReportColumn("reason", _("Reason"), "text", 44),
        ReportColumn("grants", _("Grants"), "text", 24),
        ReportColumn("cost_this_year", _("Cost this year"), "kroner", 16),
        ReportColumn("run_rate", _("Run rate"), "kroner", 16),
    ),
    totals_label=None,  # a grant may be a hit of several rules: a sum would count it twice
)
FORMATS = ("table", "json", "xlsx", "csv")


def hits_frame(result: FocusResult) -> pl.DataFrame:
    """One row per hit of every rule, in the rules' order and each rule's order of hits."""
    parts = [
        r.hits.select(
            pl.lit(r.rule.code).alias("rule_code"),
            pl.lit(r.rule.name).alias("rule_name"),
            "subject_id",
            "reason",
            pl.col("grant_ids").list.join(", ").alias("grants"),
            "cost_this_year",
            "run_rate",
        )
        for r in result.results
    ]
    schema = {
        "rule_code": pl.String,
        "rule_name": pl.String,
        "subject_id": pl.String,
        "reason": pl.String,
        "grants": pl.String,
        "cost_this_year": pl.Float64,
        "run_rate": pl.Float64,
    }
    return pl.concat(parts) if parts else pl.DataFrame(schema=schema)


def render(result: FocusResult, fmt: str) -> bytes | str:
    """The hits in ``fmt``; JSON is the ``focus`` command's document (docs/casework.md)."""
    frame = hits_frame(result)
    return exports.render(
        HITS_REPORT,
        frame,
        fmt,
        caption=_("As of %(date)s") % {"date": date_dk(result.as_of)},
        document=result.as_json() if fmt == "json" else None,
    )


def file_name(result: FocusResult, fmt: str) -> str:
    stem = pgettext("file name", "focus-rules")
    return f"{stem}-{result.as_of.isoformat()}.{fmt}"


def hits_download(hits, fmt: str) -> exports.Download:
    """One rule's hits (:class:`pages.RuleHits`) as a spreadsheet, in the page's order."""
    frame = hits.hits.select(
        pl.lit(hits.rule.name).alias("rule_name"),
        "subject_id",
        "reason",
        pl.col("grant_ids").list.join(", ").alias("grants"),
        "cost_this_year",
        "run_rate",
    )
    name = f"{pgettext('file name', 'focus-rules')}-{hits.rule.code}-{hits.as_of.isoformat()}"
    return exports.download(
        HITS_REPORT,
        frame,
        fmt,
        name,
        caption=_("%(rule)s, as of %(date)s")
        % {"rule": hits.rule.name, "date": date_dk(hits.as_of)},
    )

"""The refund list's columns, its JSON (the CLI contract of docs/refunds.md) and the
caption that names the threshold level."""

from __future__ import annotations

from typing import Any

import polars as pl

from socialstyring.core.refunds import RefundResult, Thresholds
from socialstyring.io.formatting import date_dk, kroner
from socialstyring.io.writers import Report, ReportColumn
from socialstyring.terms import MONTH_ABBR, REFUND_SUBJECT_KINDS
from socialstyring.translation import _

MONTH_FIELDS = tuple(f"refund_{m:02d}" for m in range(1, 13))

_SUBJECT_COLUMNS = (
    ReportColumn("subject_id", _("Household or citizen"), "text", 26),
    ReportColumn("kind_label", _("Kind"), "text", 12),
    ReportColumn("grant_list", _("Grants"), "text", 30),
    ReportColumn("annual_expense", _("Expense in the year"), "kroner", 16),
    ReportColumn("refund", _("Expected refund"), "kroner", 16),
    ReportColumn("near_label", _("Close to threshold"), "text", 12),
)
# The terminal shows the subjects; the spreadsheet adds each month's refund.
REFUND_TABLE_REPORT = Report(_("Refund for expensive single cases"), _SUBJECT_COLUMNS)
REFUND_REPORT = Report(
    _("Refund for expensive single cases"),
    (
        *_SUBJECT_COLUMNS,
        *(
            ReportColumn(field, abbr, "kroner", 11)
            for field, abbr in zip(MONTH_FIELDS, MONTH_ABBR, strict=True)
        ),
    ),
)
REFUND_ACCOUNTS_REPORT = Report(
    _("Refund per account"),
    (
        ReportColumn("account", _("Account"), "text", 10),
        ReportColumn("refund", _("Expected refund"), "kroner", 16),
    ),
)


def level_note(thresholds: Thresholds) -> str:
    """Which thresholds were used; says so plainly when the year has no level of its own."""
    limits = ", ".join(kroner(t) for t in thresholds.limits)
    if thresholds.is_fallback:
        return _(
            "Thresholds at the %(level)s price level (%(limits)s): %(year)s has no level of "
            "its own in the thresholds table."
        ) % {"level": thresholds.level, "limits": limits, "year": thresholds.year}
    return _("Thresholds at the %(level)s price level (%(limits)s).") % {
        "level": thresholds.level,
        "limits": limits,
    }


def refund_caption(result: RefundResult) -> str:
    head = _("Year %(year)s, as of %(date)s") % {
        "year": result.year,
        "date": date_dk(result.as_of),
    }
    return f"{head} · {level_note(result.thresholds)}"


def refund_rows(result: RefundResult) -> pl.DataFrame:
    """The subjects with the labels the reports show and one column per month."""
    subjects = result.subjects
    return subjects.with_columns(
        pl.col("kind")
        .replace_strict(REFUND_SUBJECT_KINDS.labels, return_dtype=pl.String)
        .alias("kind_label"),
        pl.col("grant_ids").list.join(", ").alias("grant_list"),
        pl.col("near_threshold").cast(pl.String).fill_null("").alias("near_label"),
        *(
            pl.col("monthly_refund").list.get(i).alias(field)
            for i, field in enumerate(MONTH_FIELDS)
        ),
    )


def _money(value: float | None) -> float | None:
    """Figures to the øre: sums are taken unrounded, each figure rounded once, here."""
    return None if value is None else round(float(value), 2) + 0.0


def refund_json(result: RefundResult) -> dict[str, Any]:
    thresholds = result.thresholds
    subjects = [
        {
            "subject_id": row["subject_id"],
            "kind": row["kind"],
            "grant_ids": list(row["grant_ids"]),
            "annual_expense": _money(row["annual_expense"]),
            "refund": _money(row["refund"]),
            "monthly_refund": [_money(v) for v in row["monthly_refund"]],
            "near_threshold": row["near_threshold"],
            "monthly_expense": [_money(v) for v in row["monthly_expense"]],
            "after_67_from_month": row["after_67_from"],
            "after_67_refunded": row["after_67_refunded"],
        }
        for row in result.subjects.iter_rows(named=True)
    ]
    total = result.total
    return {
        "year": result.year,
        "as_of": result.as_of.isoformat(),
        "threshold_level": thresholds.level,
        "threshold_fallback": thresholds.is_fallback,
        "thresholds": [
            {"tier": tier, "threshold": limit, "rate": rate}
            for tier, limit, rate in zip(
                (1, 2, 3), thresholds.limits, thresholds.rates, strict=True
            )
        ],
        "note": level_note(thresholds),
        "subjects": subjects,
        "accounts": [
            {"konto": account, "refund": _money(refund)}
            for account, refund in result.accounts.iter_rows()
        ],
        "total": {k: _money(v) for k, v in total.items()},
    }


# --- the refund column of the forecast ---------------------------------------------------

REFUND_COLUMN = ReportColumn("refund", _("Expected refund (5.22.07)"), "kroner", 16)


def with_refund_column(
    table: pl.DataFrame, totals: dict[str, Any], refund: RefundResult
) -> tuple[pl.DataFrame, dict[str, Any]]:
    """The forecast by account with each account's expected refund beside it."""
    joined = table.join(refund.accounts, on="account", how="left").with_columns(
        pl.col("refund").fill_null(0.0)
    )
    return joined, {**totals, "refund": float(joined["refund"].sum())}


def add_refund_to_json(
    document: dict[str, Any], table: pl.DataFrame, totals: dict[str, Any], refund: Any
) -> None:
    for line, value in zip(document["lines"], table["refund"], strict=True):
        line["refund"] = value
    document["total"]["refund"] = totals["refund"]
    document["refund_threshold_level"] = refund.thresholds.level

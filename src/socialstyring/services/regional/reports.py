"""The tariff command's output: the spec's JSON, a terminal table and a spreadsheet,
all through ``exports.render``."""

from __future__ import annotations

from typing import Any

import polars as pl

from socialstyring.io.formatting import number_dk
from socialstyring.io.writers import Report, ReportColumn
from socialstyring.services import exports
from socialstyring.services.regional.tariffs import TariffResult
from socialstyring.terms import PRICE_UNITS
from socialstyring.translation import _

TARIFF_REPORT = Report(
    _("Tariffs"),
    (
        ReportColumn("offer_id", _("Offer"), "text", 14),
        ReportColumn("year", _("Year"), "text", 6),
        ReportColumn("places", _("Places"), "text", 8),
        ReportColumn("cost_base", _("Cost base"), "kroner", 16),
        ReportColumn("occupancy_text", _("Occupancy"), "text", 10),
        ReportColumn("units", _("Units"), "text", 6),
        ReportColumn("tariff_text", _("Tariff"), "text", 14),
        ReportColumn("unit_text", _("Tariff unit"), "text", 10),
    ),
    totals_label=None,
)

SETTLEMENT_REPORT = Report(
    _("Settlement of surplus and deficit"),
    (
        ReportColumn("offer_id", _("Offer"), "text", 14),
        ReportColumn("year", _("Accounts year"), "text", 8),
        ReportColumn("result", _("Result"), "kroner", 14),
        ReportColumn("result_pct_text", _("Result %"), "text", 9),
        ReportColumn("carried_next_year", _("Carried to next year"), "kroner", 14),
        ReportColumn("set_aside", _("Set aside"), "kroner", 14),
        ReportColumn("set_aside_until", _("Set aside until"), "text", 8),
        ReportColumn("into_tariff", _("Into the tariff"), "kroner", 14),
        ReportColumn("into_tariff_year", _("Tariff year"), "text", 8),
    ),
    totals_label=None,
)

# The spreadsheet: one sheet, a tariff row or a settlement row each.
SHEET_REPORT = Report(
    _("Tariffs and settlement"),
    (
        ReportColumn("section", _("Part"), "text", 18),
        ReportColumn("offer_id", _("Offer"), "text", 14),
        ReportColumn("year", _("Year"), "number", 8),
        ReportColumn("places", _("Places"), "number", 8),
        ReportColumn("cost_base", _("Cost base"), "kroner", 16),
        ReportColumn("occupancy", _("Occupancy"), "number", 10),
        ReportColumn("units", _("Units"), "number", 8),
        ReportColumn("tariff", _("Tariff"), "number", 12),
        ReportColumn("unit_text", _("Tariff unit"), "text", 10),
        *SETTLEMENT_REPORT.columns[2:3],
        ReportColumn("result_pct", _("Result %"), "number", 9),
        *SETTLEMENT_REPORT.columns[4:6],
        ReportColumn("set_aside_until", _("Set aside until"), "number", 8),
        SETTLEMENT_REPORT.columns[7],
        ReportColumn("into_tariff_year", _("Tariff year"), "number", 8),
    ),
    totals_label=None,
)


# The JSON's keys that are the import format's Danish column names (docs/regional.md).
JSON_KEYS = {
    "year": "år",
    "places": "pladser",
    "income": "indtægter",
    "costs": "omkostninger",
}


def _unit_code(unit: str | None) -> str:
    """The Danish code a file writes: ``dag`` or ``måned``."""
    return PRICE_UNITS.file_codes.get(unit or "day", unit or "")


def document(result: TariffResult) -> dict[str, Any]:
    """The JSON of ``socialstyring tariff`` (docs/regional.md): amounts unrounded, the
    tariff rounded to øre, occupancy a fraction, result_pct a percentage."""
    return {
        "year": result.year,
        "agreement": result.agreement.name,
        "tariffs": [
            {
                "tilbud_id": row["offer_id"],
                "cost_base": float(row["cost_base"]),
                "occupancy": float(row["occupancy"]),
                "units": int(row["units"]),
                "tariff": float(row["tariff"]),
                "takstenhed": _unit_code(row["tariff_unit"]),
                JSON_KEYS["year"]: int(row["year"]),
                JSON_KEYS["places"]: int(row["places"]),
                "overhead_pct": float(row["overhead_pct"]),
                "overhead_above_ceiling": bool(row["overhead_above_ceiling"]),
            }
            for row in result.tariffs.iter_rows(named=True)
        ],
        "settlements": [
            {
                "tilbud_id": row["offer_id"],
                JSON_KEYS["year"]: int(row["year"]),
                "result": float(row["result"]),
                "result_pct": float(row["result_pct"]),
                "carried_next_year": float(row["carried_next_year"]),
                "set_aside": float(row["set_aside"]),
                "set_aside_until": row["set_aside_until"],
                "into_tariff": float(row["into_tariff"]),
                "into_tariff_year": row["into_tariff_year"],
                "budget": float(row["budget"]),
                JSON_KEYS["income"]: float(row["income"]),
                JSON_KEYS["costs"]: float(row["costs"]),
            }
            for row in result.settlements.iter_rows(named=True)
        ],
    }


def _with_texts(tariffs: pl.DataFrame) -> pl.DataFrame:
    return tariffs.with_columns(
        pl.col("occupancy")
        .map_elements(lambda v: number_dk(100 * v, 1) + " %", return_dtype=pl.String)
        .alias("occupancy_text"),
        pl.col("tariff").map_elements(number_dk, return_dtype=pl.String).alias("tariff_text"),
        pl.col("tariff_unit").map_elements(_unit_code, return_dtype=pl.String).alias("unit_text"),
    )


def _settlement_texts(settlements: pl.DataFrame) -> pl.DataFrame:
    return settlements.with_columns(
        pl.col("result_pct")
        .map_elements(lambda v: number_dk(v, 2) + " %", return_dtype=pl.String)
        .alias("result_pct_text")
    )


def render(result: TariffResult, fmt: str) -> str | bytes:
    if fmt == "json":
        return exports.render(TARIFF_REPORT, result.tariffs, "json", document=document(result))
    tariffs = _with_texts(result.tariffs)
    settlements = _settlement_texts(result.settlements)
    caption = _("%(year)s, agreement %(agreement)s") % {
        "year": result.year,
        "agreement": result.agreement.name,
    }
    if fmt == "xlsx":
        sheet = pl.concat(
            [
                tariffs.with_columns(pl.lit(_("Tariff")).alias("section")),
                settlements.with_columns(pl.lit(_("Settlement")).alias("section")),
            ],
            how="diagonal_relaxed",
        )
        return exports.render(SHEET_REPORT, sheet, "xlsx", caption=caption)
    parts = [exports.render(TARIFF_REPORT, tariffs, "table", caption=caption)]
    if settlements.height:
        parts.append(exports.render(SETTLEMENT_REPORT, settlements, "table", caption=caption))
    return "\n\n".join(str(p) for p in parts)

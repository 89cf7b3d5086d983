"""The row rules of the management files: appeals (klagesager), reference key figures
(nøgletal) and population (befolkning, also in Statistics Denmark's FOLK1A layout)."""

from __future__ import annotations

import datetime as dt

import polars as pl

from socialstyring.io import parsing
from socialstyring.io.cpr import MASK, Pseudonymiser, resolve_citizens
from socialstyring.io.validation.checks import Checker, Reference, check_code, flag_duplicates
from socialstyring.io.validation.typed import via_distinct
from socialstyring.terms import APPEAL_OUTCOMES, AREAS, KEY_FIGURE_LEVELS
from socialstyring.translation import _

# An age as files and Statistics Denmark write it: "5", "5 år", "0-17", "100 år og derover".
_AGE = r"^(\d+)\s*(?:år)?\s*(?:-\s*(\d+)\s*(?:år)?)?\s*(og derover|\+)?$"
# The oldest age a band "100 år og derover" reaches.
OPEN_AGE = 125

UNKNOWN_OUTCOME = _("Unknown decision of Ankestyrelsen (use %(codes)s, or leave it empty).") % {
    "codes": APPEAL_OUTCOMES.hint()
}
UNKNOWN_LEVEL = _("Unknown level (use %(codes)s).") % {"codes": KEY_FIGURE_LEVELS.hint()}


def check_appeals(
    check: Checker,
    frame: pl.DataFrame,
    pseudonymise: Pseudonymiser,
    today: dt.date,
) -> pl.DataFrame:
    frame = check_code(
        check,
        frame,
        "area",
        AREAS.aliases,
        _("Unknown area (use %(codes)s).") % {"codes": AREAS.hint(quote="'")},
    )
    frame = check_code(check, frame, "outcome", APPEAL_OUTCOMES.aliases, UNKNOWN_OUTCOME)
    frame = via_distinct(frame, "raw_paragraph", "paragraph", parsing.paragraph)
    check.frame = frame
    decided = pl.col("raw_outcome").is_not_null()
    check.flag(
        decided & pl.col("raw_outcome_date").is_null(),
        "outcome_date",
        _("The date of Ankestyrelsen's decision is missing (required when a decision is given)."),
    )
    check.flag(
        ~decided & pl.col("raw_outcome_date").is_not_null(),
        "outcome",
        _("The case has a date of Ankestyrelsen's decision but no decision."),
    )
    check.flag(
        pl.col("outcome_date") < pl.col("decision_date"),
        "outcome_date",
        _("Ankestyrelsen's decision is dated before the municipality's."),
    )
    flag_duplicates(check, ["case_id"], "case_id", _("The case id"))

    citizens = resolve_citizens(frame["raw_citizen_id"].fill_null(""), pseudonymise, today)
    frame = frame.with_columns(
        pl.when(pl.col("raw_citizen_id").is_not_null())
        .then(citizens["citizen_id"])
        .alias("citizen_id"),
        citizens["valid"].alias("_cpr_valid"),
    )
    check.frame = frame
    check.flag(
        pl.col("raw_citizen_id").is_not_null() & ~pl.col("_cpr_valid"),
        "citizen_id",
        _("Invalid CPR number (the date part does not exist)."),
        pl.lit(MASK),
    )
    return frame


def check_key_figures(check: Checker, frame: pl.DataFrame) -> pl.DataFrame:
    frame = check_code(check, frame, "level", KEY_FIGURE_LEVELS.aliases, UNKNOWN_LEVEL)
    # A national figure names no unit; the empty text keeps the key whole (NULLs never match).
    frame = frame.with_columns(
        pl.col("code").str.strip_chars(), pl.col("unit").str.strip_chars().fill_null("")
    )
    check.frame = frame
    flag_duplicates(
        check,
        ["code", "year", "level", "unit"],
        "code",
        _("A key figure for the same code, year, level and unit"),
    )
    return frame


def _place_code(raw: pl.Expr, names: dict[str, str]) -> pl.Expr:
    """A municipality (or region, or the country) from its code, ``706 Syddjurs`` or its name."""
    text = raw.str.strip_chars()
    digits = text.str.extract(r"^(\d{3,4})\b", 1)
    code = pl.when(digits.str.contains(r"^0\d{3}$")).then(digits.str.slice(1)).otherwise(digits)
    by_name = (
        text.str.to_lowercase()
        .str.replace_all(r"\s+", " ")
        .replace_strict(names, default=None, return_dtype=pl.String)
    )
    return pl.coalesce(code, by_name)


def check_population(check: Checker, frame: pl.DataFrame, ref: Reference) -> pl.DataFrame:
    names = dict(ref.place_names)
    known = sorted(set(ref.municipalities) | set(names.values()) | set(ref.tenants))
    frame = via_distinct(
        frame,
        "raw_municipality_code",
        "municipality_code",
        lambda raw: _place_code(raw, names),
    )
    year_text = pl.col("raw_year").str.strip_chars()
    age_text = pl.col("raw_age_from").str.strip_chars().str.to_lowercase()
    # "5 år", "0-17", "100 år og derover"; the totals ("I alt", "Alder i alt") are dropped:
    # every figure is summed from the ages, and a total would count everyone twice.
    total_row = age_text.str.contains(r"i alt|^total$")
    age = _AGE
    frame = frame.filter(~total_row.fill_null(False)).with_columns(
        year_text.str.extract(r"^(\d{4})(?:[KkMm]\d{1,2})?$", 1).cast(pl.Int64).alias("year"),
        year_text.str.extract(r"^\d{4}[KkMm](\d{1,2})$", 1).cast(pl.Int64).alias("_period"),
        age_text.str.extract(age, 1).cast(pl.Int64).alias("age_from"),
        pl.coalesce(
            age_text.str.extract(age, 2).cast(pl.Int64),
            pl.when(age_text.str.extract(age, 3).is_not_null()).then(pl.lit(OPEN_AGE)),
            pl.col("raw_age_to").str.strip_chars().str.extract(r"^(\d+)", 1).cast(pl.Int64),
            age_text.str.extract(age, 1).cast(pl.Int64),
        ).alias("age_to"),
    )
    check.frame = frame
    check.flag(
        pl.col("raw_municipality_code").is_not_null()
        & (pl.col("municipality_code").is_null() | ~pl.col("municipality_code").is_in(known)),
        "municipality_code",
        _(
            "Unknown municipality (give the kommunekode or the name as Statistics Denmark "
            "writes it)."
        ),
    )
    check.flag(
        pl.col("raw_year").is_not_null() & pl.col("year").is_null(),
        "year",
        _("Invalid year (e.g. 2026, or 2026K1 as Statistics Denmark writes it)."),
    )
    check.flag(
        pl.col("raw_age_from").is_not_null() & pl.col("age_from").is_null(),
        "age_from",
        _("Invalid age (e.g. 5, 5 år or 0-17)."),
    )
    check.flag(
        pl.col("age_to") < pl.col("age_from"), "age_from", _("The age band ends before it starts.")
    )
    check.flag(pl.col("count") < 0, "count", _("The number of inhabitants must not be negative."))
    # A FOLK1A export over several quarters: the population of the year is its first quarter's
    # (1 January); the later quarters of the same year are left out.
    first = pl.col("_period").fill_null(0) == pl.col("_period").fill_null(0).min().over(
        "municipality_code", "year"
    )
    frame = frame.filter(first | pl.col("year").is_null())
    check.frame = frame
    flag_duplicates(
        check,
        ["municipality_code", "year", "age_from", "age_to"],
        "age_from",
        _("A population for the same municipality, year and age"),
    )
    return frame

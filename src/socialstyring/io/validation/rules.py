"""The row rules of each kind of file (grants, budgets, postings, providers) and of the
kommunekode column any of them may have."""

from __future__ import annotations

from collections.abc import Callable

import polars as pl

from socialstyring.io import parsing
from socialstyring.io.cpr import MASK
from socialstyring.io.problems import PROBLEM_SCHEMA
from socialstyring.io.schema import POSTINGS, TENANT
from socialstyring.io.validation.checks import (
    MISSING,
    Checker,
    Reference,
    check_account,
    check_code,
    flag_duplicates,
)
from socialstyring.io.validation.typed import via_distinct
from socialstyring.terms import (
    AREAS,
    BUDGET_KINDS,
    DEFAULT_BUDGET_KIND,
    OPEN_ENDED,
    PRICE_UNITS,
    PROVIDER_TYPES,
    SIGN_FACTORS,
    SIGNS,
)
from socialstyring.translation import _

UNKNOWN_AREA = _("Unknown area (use %(codes)s).") % {"codes": AREAS.hint(quote="'")}
UNKNOWN_PRICE_UNIT = _("Unknown price unit (use %(codes)s).") % {"codes": PRICE_UNITS.hint()}
UNKNOWN_PROVIDER_TYPE = _("Unknown provider type (use %(codes)s).") % {
    "codes": PROVIDER_TYPES.hint()
}
UNKNOWN_OPEN_ENDED = _("Write ja or nej (whether the grant was decided without an end date).")
UNKNOWN_BUDGET_KIND = _("Unknown budget type (use %(codes)s).") % {
    "codes": BUDGET_KINDS.hint(quote="'")
}


def check_grants(
    check: Checker,
    frame: pl.DataFrame,
    ref: Reference,
    citizens: Callable[[], pl.DataFrame],
) -> pl.DataFrame:
    """``citizens``: the :func:`resolve_citizens` of the file's ``borger_id`` cells (begun
    by the caller beside the other checks)."""
    frame = check_account(check, frame, ref)
    frame = check_code(check, frame, "area", AREAS.aliases, UNKNOWN_AREA)
    frame = check_code(check, frame, "price_unit", PRICE_UNITS.aliases, UNKNOWN_PRICE_UNIT)
    frame = check_code(check, frame, "provider_type", PROVIDER_TYPES.aliases, UNKNOWN_PROVIDER_TYPE)
    frame = check_code(check, frame, "open_ended", OPEN_ENDED.aliases, UNKNOWN_OPEN_ENDED)
    frame = via_distinct(frame, "raw_paragraph", "paragraph", parsing.paragraph)
    check.frame = frame
    check.flag(pl.col("end") < pl.col("start"), "end", _("The end date is before the start date."))
    check.flag(pl.col("price") < 0, "price", _("The price must not be negative."))
    check.flag(
        (pl.col("open_ended") == "no") & pl.col("end").is_null(),
        "open_ended",
        _("The grant is marked as not open-ended (nej) but has no end date."),
    )
    check.flag(pl.col("quantity") < 0, "quantity", _("The quantity must not be negative."))
    flag_duplicates(check, ["grant_id"], "grant_id", _("The grant id"))

    resolved = citizens()
    frame = frame.with_columns(
        resolved["citizen_id"].alias("citizen_id"),
        resolved["is_cpr"].alias("_is_cpr"),
        resolved["valid"].alias("_cpr_valid"),
        resolved["cpr_birth_date"].alias("_cpr_birth"),
    )
    check.frame = frame
    check.flag(
        pl.col("raw_citizen_id").is_not_null() & ~pl.col("_cpr_valid"),
        "citizen_id",
        _("Invalid CPR number (the date part does not exist)."),
        pl.lit(MASK),
    )

    minutes = pl.col("price_unit") == "minute"  # minutes per week become hours per week
    quantity = pl.col("quantity").fill_null(1.0)
    return frame.with_columns(
        pl.when(minutes).then(pl.lit("hour")).otherwise(pl.col("price_unit")).alias("price_unit"),
        pl.when(minutes).then(quantity / 60.0).otherwise(quantity).alias("quantity"),
        pl.col("registered").fill_null(pl.col("start")).alias("registered"),
        pl.coalesce("_cpr_birth", "birth_date").alias("birth_date"),
    )


def check_budgets(check: Checker, frame: pl.DataFrame, ref: Reference) -> pl.DataFrame:
    frame = check_account(check, frame, ref)
    frame = check_code(check, frame, "kind", BUDGET_KINDS.aliases, UNKNOWN_BUDGET_KIND)
    frame = check_code(check, frame, "area", AREAS.aliases, UNKNOWN_AREA)
    # "" is "not distributed" (the stored key's form, docs/import.md)
    frame = frame.with_columns(
        pl.col("kind").fill_null(DEFAULT_BUDGET_KIND),
        pl.col("area").fill_null(""),
        pl.col("team").fill_null(""),
    )
    check.frame = frame
    distributed = (frame["area"] != "").any() or (frame["team"] != "").any()
    flag_duplicates(
        check,
        ["year", "account", "kind", "area", "team"],
        "account",
        _("A budget for the same year, account, type, area and team")
        if distributed
        else _("A budget for the same year, account and type"),
    )
    if distributed:
        _flag_partly_distributed(check, frame)
    return frame


def _flag_partly_distributed(check: Checker, frame: pl.DataFrame) -> None:
    """An account's budget is distributed on a column in all its rows of a year and type,
    or in none: a row without it beside rows with it would count twice, or leave the
    reader to guess whether it is the total or the rest."""
    key = ["year", "account", "kind"]
    if TENANT in frame.columns and frame[TENANT].null_count() < frame.height:
        key = [TENANT, *key]
    for fld, reason in (
        (
            "area",
            _(
                "Other rows distribute this account's budget for the year and type on "
                "område; give område in all of them or in none."
            ),
        ),
        (
            "team",
            _(
                "Other rows distribute this account's budget for the year and type on "
                "team; give team in all of them or in none."
            ),
        ),
    ):
        given = pl.col(fld) != ""
        if f"raw_{fld}" in frame.columns:  # an unknown code is its own problem, not this one
            given = given | pl.col(f"raw_{fld}").is_not_null()
        check.flag(~given & given.any().over(key), fld, reason)


def check_postings(
    check: Checker, frame: pl.DataFrame, ref: Reference, mapping: dict[str, str]
) -> pl.DataFrame:
    frame = check_account(check, frame, ref)
    has_amount, has_sign = "amount" in mapping, "sign" in mapping
    has_debit_credit = "debit" in mapping or "credit" in mapping
    if not has_amount and not has_debit_credit:
        check.found.append(
            pl.DataFrame(
                {
                    "row": [1],
                    "column": [POSTINGS.column("amount").name],
                    "value": [None],
                    "reason": [_("The column is missing (beløb, or debet and kredit).")],
                },
                schema=PROBLEM_SCHEMA,
            )
        )
        return frame
    if has_amount and has_debit_credit:
        check.found.append(
            pl.DataFrame(
                {
                    "row": [1],
                    "column": [mapping["amount"]],
                    "value": [None],
                    "reason": [
                        _(
                            "The file has both a beløb column and debet/kredit columns; "
                            "give only one kind."
                        )
                    ],
                },
                schema=PROBLEM_SCHEMA,
            )
        )
        return frame
    if has_amount:
        check.flag(pl.col("raw_amount").is_null(), "amount", MISSING)
        amount = pl.col("amount")
        if has_sign:
            frame = check_code(
                check,
                frame,
                "sign",
                SIGNS.aliases,
                _("Unknown sign (use D or K)."),
            )
            check.flag(pl.col("raw_sign").is_null(), "sign", MISSING)
            check.flag(
                pl.col("amount") < 0,
                "amount",
                _("A negative amount in a file with a D/K column; the sign cannot be decided."),
            )
            factor = pl.col("sign").replace_strict(SIGN_FACTORS, return_dtype=pl.Float64)
            amount = pl.col("amount") * factor
    else:
        check.flag(
            pl.col("raw_debit").is_null() & pl.col("raw_credit").is_null(),
            "debit",
            _("Value missing (debet or kredit)."),
        )
        amount = pl.col("debit").fill_null(0.0) - pl.col("credit").fill_null(0.0)
    frame = frame.with_columns(amount.alias("amount"))
    check.frame = frame
    if "posting_id" in mapping:
        check.flag(pl.col("raw_posting_id").is_null(), "posting_id", MISSING)
        flag_duplicates(check, ["posting_id"], "posting_id", _("The posting id"))
    else:
        # No key in the file: the row's content is its identity (the n-th equal row is its
        # own line).
        content = pl.concat_str(
            pl.col("posting_date").cast(pl.String),
            pl.col("account"),
            pl.col("amount").round(2).cast(pl.String),
            pl.col("raw_grant_id").fill_null(""),
            pl.col("raw_text").fill_null(""),
            separator="|",
        )
        frame = frame.with_columns(
            pl.concat_str(
                content, pl.lit("#"), pl.int_range(pl.len()).over(content).cast(pl.String)
            ).alias("posting_id")
        )
    return frame


def check_providers(check: Checker, frame: pl.DataFrame, ref: Reference) -> pl.DataFrame:
    frame = check_code(check, frame, "provider_type", PROVIDER_TYPES.aliases, UNKNOWN_PROVIDER_TYPE)
    frame = check_code(
        check, frame, "tariff_unit", PRICE_UNITS.stored_aliases, _("Unknown tariff unit.")
    )
    check.frame = frame
    check.flag(pl.col("capacity") < 0, "capacity", _("The number of places must not be negative."))
    check.flag(pl.col("tariff") < 0, "tariff", _("The tariff must not be negative."))
    if ref.municipalities:
        code = pl.col("raw_municipality_code").str.zfill(3)
        frame = frame.with_columns(code.alias("municipality_code"))
        check.frame = frame
        check.flag(
            code.is_not_null() & ~code.is_in(list(ref.municipalities)),
            "municipality_code",
            _("Unknown municipality code."),
        )
    flag_duplicates(check, ["provider_id"], "provider_id", _("The provider id"))
    return frame


def check_tenant(check: Checker, frame: pl.DataFrame, ref: Reference) -> pl.DataFrame:
    """Each row's kommunekode: three digits (a leading zero of four is dropped), one the
    import may write for; an empty cell means the import's own municipality."""
    raw = pl.col(TENANT).str.strip_chars()
    code = pl.when(raw.str.contains(r"^0\d{3}$")).then(raw.str.slice(1)).otherwise(raw)
    if len(ref.tenants) == 1:
        code = code.fill_null(next(iter(ref.tenants)))
    frame = frame.with_columns(code.alias(TENANT))
    check.frame = frame
    value = pl.col(TENANT)
    check.flag(value.is_null(), TENANT, _("The municipality code is missing."))
    check.flag(
        value.is_not_null() & ~value.str.contains(r"^\d{3}$"),
        TENANT,
        _("The municipality code must be three digits."),
    )
    if ref.tenants:
        allowed = ", ".join(sorted(ref.tenants))
        check.flag(
            value.str.contains(r"^\d{3}$") & ~value.is_in(list(ref.tenants)),
            TENANT,
            _("The row belongs to another municipality than the import's (%(codes)s).")
            % {"codes": allowed},
        )
    elif ref.municipalities:
        check.flag(
            value.str.contains(r"^\d{3}$") & ~value.is_in(list(ref.municipalities)),
            TENANT,
            _("Unknown municipality code."),
        )
    return frame

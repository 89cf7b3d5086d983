"""The checker that collects problems as frames, what rows are checked against, and the
checks every kind of file shares: required values, types, accounts, codes, repeated keys."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from socialstyring.io import parsing
from socialstyring.io.cpr import mask_cpr
from socialstyring.io.problems import PROBLEM_SCHEMA, Problem
from socialstyring.io.schema import TENANT, FileLayout
from socialstyring.io.validation.typed import via_distinct
from socialstyring.terms.files import AMOUNT, DATE, INTEGER, NUMBER
from socialstyring.translation import _

MAX_PROBLEMS = 1000
# NUL, the other C0 control characters (tab, line feed and carriage return are text) and
# the C1 block, which no export means as text.
CONTROL = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"
SHOWN_CHARS = 60  # a report shows this much of a value


MISSING = _("Value missing.")


@dataclass(frozen=True)
class Reference:
    """What rows are checked against: the chart of accounts, municipality codes."""

    accounts: frozenset[str]
    municipalities: frozenset[str] = frozenset()
    # The municipalities an import may write rows for (the work's active ones); empty
    # when nothing is stored (a forecast from files).
    tenants: frozenset[str] = frozenset()
    # The agreement's default overhead, % of direct costs: an offer's tariff basis without
    # overhead_pct is checked with it (a negative cost base is a row error).
    overhead_pct: float = 6.0
    # Casefolded names of municipalities and regions (and "hele landet") → code, for
    # population files that name them as Statistics Denmark does.
    place_names: tuple[tuple[str, str], ...] = ()


class Checker:
    """Collects problems as frames (row, column, value, reason)."""

    def __init__(self, frame: pl.DataFrame, headers: dict[str, str]):
        self.frame = frame
        self.headers = headers
        self.found: list[pl.DataFrame] = []

    def flag(self, bad: pl.Expr, fld: str, reason: str, value: pl.Expr | None = None) -> None:
        value_expr = (
            value
            if value is not None
            else pl.col(f"raw_{fld}")
            if f"raw_{fld}" in self.frame.columns
            else pl.lit(None)
        )
        hits = self.frame.filter(bad.fill_null(False)).select(
            pl.col("_row").alias("row"),
            pl.lit(self.headers.get(fld, fld)).alias("column"),
            value_expr.cast(pl.String).alias("value"),
            pl.lit(reason).alias("reason"),
        )
        if hits.height:
            self.found.append(hits)

    def problems(self, file: str) -> tuple[list[Problem], int]:
        if not self.found:
            return [], 0
        every = (
            pl.concat(self.found)
            .cast(PROBLEM_SCHEMA)  # type: ignore[arg-type]
            .sort("row", "column")
        )
        first = every.head(MAX_PROBLEMS).with_columns(shown(pl.col("value")).alias("value"))
        return [Problem(file, r, c, v, why) for r, c, v, why in first.iter_rows()], every.height


def generic_checks(check: Checker, kind: FileLayout) -> None:
    for column in kind.columns:
        raw = pl.col(f"raw_{column.field}")
        if column.required:
            check.flag(raw.is_null(), column.field, MISSING)
        if column.type == DATE:
            check.flag(
                raw.is_not_null() & pl.col(column.field).is_null(),
                column.field,
                _("Invalid date (use dd-mm-yyyy or yyyy-mm-dd, and the date must exist)."),
            )
        elif column.type in (AMOUNT, NUMBER):
            check.flag(
                raw.is_not_null() & pl.col(column.field).is_null(),
                column.field,
                _("Invalid number (e.g. 1.234,50 in a ';' file or 1234.50 in a ',' file)."),
            )
        elif column.type == INTEGER:
            check.flag(
                raw.is_not_null() & pl.col(column.field).is_null(),
                column.field,
                _("Invalid whole number."),
            )


def check_account(check: Checker, frame: pl.DataFrame, ref: Reference) -> pl.DataFrame:
    frame = via_distinct(frame, "raw_account", "account", parsing.account)
    check.frame = frame
    raw = pl.col("raw_account")
    check.flag(
        raw.is_not_null() & pl.col("account").is_null(),
        "account",
        _("Invalid account number (expected e.g. 5.28.21)."),
    )
    check.flag(
        pl.col("account").is_not_null() & ~pl.col("account").is_in(list(ref.accounts)),
        "account",
        _("The account is not in the chart of accounts."),
    )
    return frame


def check_code(
    check: Checker, frame: pl.DataFrame, fld: str, mapping: dict[str, str], reason: str
) -> pl.DataFrame:
    frame = via_distinct(frame, f"raw_{fld}", fld, lambda raw: parsing.code(raw, mapping))
    check.frame = frame
    check.flag(pl.col(f"raw_{fld}").is_not_null() & pl.col(fld).is_null(), fld, reason)
    return frame


def flag_duplicates(check: Checker, key: list[str], fld: str, label: str) -> None:
    """Flag every repeat of a key after its first row, naming that first row. Keys are per
    municipality when the file says which each row belongs to."""
    frame = check.frame
    if TENANT in frame.columns and frame[TENANT].null_count() < frame.height:
        key = [TENANT, *key]
    present = pl.all_horizontal(*(pl.col(k).is_not_null() for k in key))
    if _strictly_increasing(frame.select(pl.col(key[-1]).filter(present)).to_series()):
        return
    first = (
        pl.struct(key).is_first_distinct() if len(key) > 1 else pl.col(key[0]).is_first_distinct()
    )
    marked = frame.select(
        "_row", f"raw_{fld}", *key, present.alias("_present"), first.alias("_first")
    )
    repeats = marked.filter(pl.col("_present") & ~pl.col("_first"))
    if repeats.height == 0:
        return
    firsts = marked.filter(pl.col("_first")).select(*key, pl.col("_row").alias("_first_row"))
    check.found.append(
        repeats.join(firsts, on=key, how="left").select(
            pl.col("_row").alias("row"),
            pl.lit(check.headers.get(fld, fld)).alias("column"),
            pl.col(f"raw_{fld}").alias("value"),
            pl.format(
                _("%(key)s appears more than once in the file (first time in row %(row)s).")
                % {"key": label, "row": "{}"},
                pl.col("_first_row").cast(pl.String),
            ).alias("reason"),
        )
    )


def _strictly_increasing(values: pl.Series) -> bool:
    """Exports list their rows by id: ids in strictly increasing order repeat none, and no
    key they are part of repeats either. Comparing neighbours costs a twentieth of hashing
    a million ids."""
    column = pl.lit(values)
    return bool(pl.select((column.shift(-1) > column).all()).item())


def shown(value: pl.Expr) -> pl.Expr:
    """A value as a report may show it: CPR numbers masked, control characters replaced,
    at most ``SHOWN_CHARS`` characters."""
    safe = mask_cpr(value).str.replace_all(CONTROL, "\ufffd")
    return (
        pl.when(safe.str.len_chars() > SHOWN_CHARS)
        .then(safe.str.slice(0, SHOWN_CHARS) + "…")
        .otherwise(safe)
    )

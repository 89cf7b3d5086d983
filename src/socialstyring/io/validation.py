"""Raw text tables → typed frames of one file kind, with every problem collected.

Validation is vectorised: each rule is one polars filter over all rows, and the
rows it catches become problems. A file with any problem is rejected whole.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

import polars as pl

from socialstyring.io import parsing
from socialstyring.io.cpr import MASK, Pseudonymiser, resolve_citizens
from socialstyring.io.distinct import mostly_distinct
from socialstyring.io.problems import PROBLEM_SCHEMA, ImportRejected, Problem, file_problem
from socialstyring.io.readers import RawTable
from socialstyring.io.schema import (
    BUDGETS,
    GRANTS,
    KINDS,
    POSTINGS,
    PROVIDERS,
    TENANT,
    FileLayout,
    normalise_header,
)
from socialstyring.terms import (
    AREAS,
    BUDGET_KINDS,
    DEFAULT_BUDGET_KIND,
    PRICE_UNITS,
    PROVIDER_TYPES,
    SIGN_FACTORS,
    SIGNS,
    FileKind,
)
from socialstyring.terms.files import AMOUNT, DATE, INTEGER, NUMBER

MAX_PROBLEMS = 1000

UNKNOWN_AREA = f"Ukendt område (brug {AREAS.hint(quote=chr(39))})."
UNKNOWN_PRICE_UNIT = f"Ukendt prisenhed (brug {PRICE_UNITS.hint()})."
UNKNOWN_PROVIDER_TYPE = f"Ukendt leverandørtype (brug {PROVIDER_TYPES.hint()})."
UNKNOWN_BUDGET_KIND = f"Ukendt budgettype (brug {BUDGET_KINDS.hint(quote=chr(39))})."


@dataclass
class Validated:
    kind: FileLayout
    file: str
    frame: pl.DataFrame
    ignored_columns: list[str] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return self.frame.height

    @property
    def file_kind(self) -> FileKind:
        return self.kind.kind


@dataclass(frozen=True)
class Reference:
    """What rows are checked against: the chart of accounts, municipality codes."""

    accounts: frozenset[str]
    municipalities: frozenset[str] = frozenset()
    # The municipalities an import may write rows for (the work's active ones); empty
    # when nothing is stored (a forecast from files).
    tenants: frozenset[str] = frozenset()


def map_headers(
    headers: list[str], kind: FileLayout
) -> tuple[dict[str, str], list[str], list[str]]:
    """Field → raw header; the unknown headers; headers that name a field twice."""
    by_norm: dict[str, str] = {}
    for column in kind.columns:
        for spelling in (column.name, column.field, *column.aliases):
            by_norm.setdefault(normalise_header(spelling), column.field)
    ambiguous = {normalise_header(a): c.field for c in kind.columns for a in c.ambiguous}
    mapping: dict[str, str] = {}
    unknown, doubled = [], []
    for raw in headers:
        norm = normalise_header(raw)
        target = by_norm.get(norm)
        if target is None:
            if norm not in ambiguous:
                unknown.append(raw)
            continue
        if target in mapping:
            doubled.append(raw)
            continue
        mapping[target] = raw
    for raw in headers:  # a dagger alias only fills a field nothing better named
        target = ambiguous.get(normalise_header(raw))
        if target is not None and target not in mapping:
            mapping[target] = raw
        elif target is not None:
            unknown.append(raw)
    return mapping, unknown, doubled


def detect_kind(headers: list[str]) -> FileLayout | None:
    for kind in KINDS:
        mapping, _, _ = map_headers(headers, kind)
        if all(f in mapping for f in kind.signature):
            return kind
    return None


class _Checker:
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
        every = pl.concat(self.found).cast(PROBLEM_SCHEMA).sort("row", "column")  # type: ignore[arg-type]
        shown = every.head(MAX_PROBLEMS)
        return [Problem(file, r, c, v, why) for r, c, v, why in shown.iter_rows()], every.height


def via_distinct(
    frame: pl.DataFrame, source: str, target: str, parse: Callable[[pl.Expr], pl.Expr]
) -> pl.DataFrame:
    """Apply ``parse`` once per distinct value of ``source``: codes, accounts, paragraphs
    and dates repeat a lot, and regular expressions are the slow part of validation."""
    if mostly_distinct(frame[source]):  # a ledger's amounts: parsing every row is cheaper
        return frame.with_columns(parse(pl.col(source)).alias(target))
    lookup = frame.select(pl.col(source).unique()).with_columns(parse(pl.col(source)).alias(target))
    # Only the key goes through the join: joining the whole frame would copy every column.
    key = frame.select(source)
    parsed = key.join(lookup, on=source, how="left", nulls_equal=True, maintain_order="left")
    return frame.with_columns(parsed[target])


def _parse(raw: RawTable, kind: FileLayout, mapping: dict[str, str]) -> pl.DataFrame:
    """One raw and one typed column per mapped field (``raw_x`` and ``x``)."""
    exprs: list[pl.Expr] = [(pl.int_range(pl.len(), dtype=pl.Int64) + 2).alias("_row")]
    for column in kind.columns:
        header = mapping.get(column.field)
        source = pl.col(header) if header else pl.lit(None, dtype=pl.String)
        exprs.append(source.alias(f"raw_{column.field}"))
    parsed = raw.frame.select(exprs)
    typed = []
    for column in kind.columns:
        header = mapping.get(column.field)
        notation = raw.notation.get(header, parsing.DANISH) if header else parsing.DANISH
        if column.type == DATE:
            parsed = via_distinct(parsed, f"raw_{column.field}", column.field, parsing.date)
        elif column.type in (AMOUNT, NUMBER):
            parsed = via_distinct(
                parsed,
                f"raw_{column.field}",
                column.field,
                partial(parsing.number, notation=notation),
            )
        elif column.type == INTEGER:
            parsed = via_distinct(
                parsed,
                f"raw_{column.field}",
                column.field,
                partial(parsing.integer, notation=notation),
            )
        else:
            typed.append(pl.col(f"raw_{column.field}").alias(column.field))
    return parsed.with_columns(typed)


def _generic_checks(check: _Checker, kind: FileLayout) -> None:
    for column in kind.columns:
        raw = pl.col(f"raw_{column.field}")
        if column.required:
            check.flag(raw.is_null(), column.field, "Værdi mangler.")
        if column.type == DATE:
            check.flag(
                raw.is_not_null() & pl.col(column.field).is_null(),
                column.field,
                "Ugyldig dato (brug dd-mm-åååå eller åååå-mm-dd, og datoen skal findes).",
            )
        elif column.type in (AMOUNT, NUMBER):
            check.flag(
                raw.is_not_null() & pl.col(column.field).is_null(),
                column.field,
                "Ugyldigt tal (fx 1.234,50 i en ';'-fil eller 1234.50 i en ','-fil).",
            )
        elif column.type == INTEGER:
            check.flag(
                raw.is_not_null() & pl.col(column.field).is_null(), column.field, "Ugyldigt heltal."
            )


def _check_account(check: _Checker, frame: pl.DataFrame, ref: Reference) -> pl.DataFrame:
    frame = via_distinct(frame, "raw_account", "account", parsing.account)
    check.frame = frame
    raw = pl.col("raw_account")
    check.flag(
        raw.is_not_null() & pl.col("account").is_null(),
        "account",
        "Ugyldigt kontonummer (forventet fx 5.28.21).",
    )
    check.flag(
        pl.col("account").is_not_null() & ~pl.col("account").is_in(list(ref.accounts)),
        "account",
        "Kontoen findes ikke i kontoplanen.",
    )
    return frame


def _check_code(
    check: _Checker, frame: pl.DataFrame, fld: str, mapping: dict[str, str], reason: str
) -> pl.DataFrame:
    frame = via_distinct(frame, f"raw_{fld}", fld, lambda raw: parsing.code(raw, mapping))
    check.frame = frame
    check.flag(pl.col(f"raw_{fld}").is_not_null() & pl.col(fld).is_null(), fld, reason)
    return frame


def _flag_duplicates(check: _Checker, key: list[str], fld: str, label: str) -> None:
    """Flag every repeat of a key after its first row, naming that first row. Keys are per
    municipality when the file says which each row belongs to."""
    frame = check.frame
    if TENANT in frame.columns and frame[TENANT].null_count() < frame.height:
        key = [TENANT, *key]
    present = pl.all_horizontal(*(pl.col(k).is_not_null() for k in key))
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
            pl.concat_str(
                pl.lit(f"{label} står flere gange i filen (første gang i række "),
                pl.col("_first_row").cast(pl.String),
                pl.lit(")."),
            ).alias("reason"),
        )
    )


def _grants(
    check: _Checker,
    frame: pl.DataFrame,
    ref: Reference,
    pseudonymise: Pseudonymiser,
    today: dt.date,
) -> pl.DataFrame:
    frame = _check_account(check, frame, ref)
    frame = _check_code(check, frame, "area", AREAS.aliases, UNKNOWN_AREA)
    frame = _check_code(check, frame, "price_unit", PRICE_UNITS.aliases, UNKNOWN_PRICE_UNIT)
    frame = _check_code(
        check, frame, "provider_type", PROVIDER_TYPES.aliases, UNKNOWN_PROVIDER_TYPE
    )
    frame = via_distinct(frame, "raw_paragraph", "paragraph", parsing.paragraph)
    check.frame = frame
    check.flag(pl.col("end") < pl.col("start"), "end", "Slutdato ligger før startdato.")
    check.flag(pl.col("price") < 0, "price", "Prisen må ikke være negativ.")
    check.flag(pl.col("quantity") < 0, "quantity", "Antal må ikke være negativt.")
    _flag_duplicates(check, ["grant_id"], "grant_id", "Bevillings-id'et")

    citizens = resolve_citizens(frame["raw_citizen_id"].fill_null(""), pseudonymise, today)
    frame = frame.with_columns(
        citizens["citizen_id"].alias("citizen_id"),
        citizens["is_cpr"].alias("_is_cpr"),
        citizens["valid"].alias("_cpr_valid"),
        citizens["cpr_birth_date"].alias("_cpr_birth"),
    )
    check.frame = frame
    check.flag(
        pl.col("raw_citizen_id").is_not_null() & ~pl.col("_cpr_valid"),
        "citizen_id",
        "Ugyldigt CPR-nummer (datodelen findes ikke).",
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


def _budgets(check: _Checker, frame: pl.DataFrame, ref: Reference) -> pl.DataFrame:
    frame = _check_account(check, frame, ref)
    frame = _check_code(check, frame, "kind", BUDGET_KINDS.aliases, UNKNOWN_BUDGET_KIND)
    frame = frame.with_columns(pl.col("kind").fill_null(DEFAULT_BUDGET_KIND))
    check.frame = frame
    _flag_duplicates(
        check, ["year", "account", "kind"], "account", "Budget for samme år, konto og type"
    )
    return frame


def _postings(
    check: _Checker, frame: pl.DataFrame, ref: Reference, mapping: dict[str, str]
) -> pl.DataFrame:
    frame = _check_account(check, frame, ref)
    has_amount, has_sign = "amount" in mapping, "sign" in mapping
    has_debit_credit = "debit" in mapping or "credit" in mapping
    if not has_amount and not has_debit_credit:
        check.found.append(
            pl.DataFrame(
                {
                    "row": [1],
                    "column": ["beløb"],
                    "value": [None],
                    "reason": ["Kolonnen mangler (beløb, eller debet og kredit)."],
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
                        "Filen har både et beløb og debet/kredit-kolonner; angiv kun én slags."
                    ],
                },
                schema=PROBLEM_SCHEMA,
            )
        )
        return frame
    if has_amount:
        check.flag(pl.col("raw_amount").is_null(), "amount", "Værdi mangler.")
        amount = pl.col("amount")
        if has_sign:
            frame = _check_code(
                check,
                frame,
                "sign",
                SIGNS.aliases,
                "Ukendt fortegn (brug D eller K).",
            )
            check.flag(pl.col("raw_sign").is_null(), "sign", "Værdi mangler.")
            check.flag(
                pl.col("amount") < 0,
                "amount",
                "Negativt beløb i en fil med D/K-kolonne; fortegnet kan ikke afgøres.",
            )
            factor = pl.col("sign").replace_strict(SIGN_FACTORS, return_dtype=pl.Float64)
            amount = pl.col("amount") * factor
    else:
        check.flag(
            pl.col("raw_debit").is_null() & pl.col("raw_credit").is_null(),
            "debit",
            "Værdi mangler (debet eller kredit).",
        )
        amount = pl.col("debit").fill_null(0.0) - pl.col("credit").fill_null(0.0)
    frame = frame.with_columns(amount.alias("amount"))
    check.frame = frame
    if "posting_id" in mapping:
        check.flag(pl.col("raw_posting_id").is_null(), "posting_id", "Værdi mangler.")
        _flag_duplicates(check, ["posting_id"], "posting_id", "Posterings-id'et")
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


def _providers(check: _Checker, frame: pl.DataFrame, ref: Reference) -> pl.DataFrame:
    frame = _check_code(
        check, frame, "provider_type", PROVIDER_TYPES.aliases, UNKNOWN_PROVIDER_TYPE
    )
    frame = _check_code(
        check, frame, "tariff_unit", PRICE_UNITS.stored_aliases, "Ukendt takstenhed."
    )
    check.frame = frame
    check.flag(pl.col("capacity") < 0, "capacity", "Antal pladser må ikke være negativt.")
    check.flag(pl.col("tariff") < 0, "tariff", "Taksten må ikke være negativ.")
    if ref.municipalities:
        code = pl.col("raw_municipality_code").str.zfill(3)
        frame = frame.with_columns(code.alias("municipality_code"))
        check.frame = frame
        check.flag(
            code.is_not_null() & ~code.is_in(list(ref.municipalities)),
            "municipality_code",
            "Ukendt kommunekode.",
        )
    _flag_duplicates(check, ["provider_id"], "provider_id", "Leverandør-id'et")
    return frame


def validate(
    raw: RawTable,
    ref: Reference,
    pseudonymise: Pseudonymiser,
    kind: FileLayout | None = None,
    *,
    today: dt.date,
) -> Validated:
    """Typed frame of ``raw`` in the core's column names, or :class:`ImportRejected`."""
    kind = kind or detect_kind(raw.headers)
    if kind is None:
        raise ImportRejected(
            [
                file_problem(
                    raw.file,
                    "Filtypen kan ikke genkendes ud fra overskrifterne. Forventet bevillinger "
                    "(bevilling_id, borger_id, startdato …), budget (år, konto, beløb), "
                    "posteringer (bogføringsdato, konto, beløb) eller leverandører "
                    "(leverandør_id, navn, type).",
                )
            ]
        )
    mapping, unknown, doubled = map_headers(raw.headers, kind)
    problems = [
        Problem(raw.file, 1, c.name, None, "Kolonnen mangler.")
        for c in kind.columns
        if c.required and c.field not in mapping
    ]
    problems += [Problem(raw.file, 1, h, None, "Kolonnen står to gange.") for h in doubled]
    if problems:
        raise ImportRejected(problems)
    if raw.frame.height == 0:
        raise ImportRejected([file_problem(raw.file, "Filen har overskrifter, men ingen rækker.")])

    frame = _parse(raw, kind, mapping)
    check = _Checker(frame, {c.field: mapping.get(c.field, c.name) for c in kind.columns})
    _generic_checks(check, kind)
    has_tenant = TENANT in mapping
    if has_tenant:
        frame = _tenant(check, frame, ref)
    else:
        frame = frame.drop(TENANT, strict=False)
        check.frame = frame
    if kind is GRANTS:
        frame = _grants(check, frame, ref, pseudonymise, today)
    elif kind is BUDGETS:
        frame = _budgets(check, frame, ref)
    elif kind is POSTINGS:
        frame = _postings(check, frame, ref, mapping)
    elif kind is PROVIDERS:
        frame = _providers(check, frame, ref)
    if not has_tenant and len(ref.tenants) > 1:
        raise ImportRejected(
            [file_problem(raw.file, "Importen gælder flere kommuner: angiv kolonnen kommunekode.")]
        )
    found, total = check.problems(raw.file)
    if found:
        raise ImportRejected(found, total)
    fields = [*kind.fields, TENANT] if has_tenant else list(kind.fields)
    return Validated(kind, raw.file, frame.select(fields), unknown)


def _tenant(check: _Checker, frame: pl.DataFrame, ref: Reference) -> pl.DataFrame:
    """Each row's kommunekode: three digits (a leading zero of four is dropped), one the
    import may write for; an empty cell means the import's own municipality."""
    raw = pl.col(TENANT).str.strip_chars()
    code = pl.when(raw.str.contains(r"^0\d{3}$")).then(raw.str.slice(1)).otherwise(raw)
    if len(ref.tenants) == 1:
        code = code.fill_null(next(iter(ref.tenants)))
    frame = frame.with_columns(code.alias(TENANT))
    check.frame = frame
    value = pl.col(TENANT)
    check.flag(value.is_null(), TENANT, "Kommunekoden mangler.")
    check.flag(
        value.is_not_null() & ~value.str.contains(r"^\d{3}$"),
        TENANT,
        "Kommunekoden skal være tre cifre.",
    )
    if ref.tenants:
        allowed = ", ".join(sorted(ref.tenants))
        check.flag(
            value.str.contains(r"^\d{3}$") & ~value.is_in(list(ref.tenants)),
            TENANT,
            f"Rækken hører til en anden kommune end importens ({allowed}).",
        )
    elif ref.municipalities:
        check.flag(
            value.str.contains(r"^\d{3}$") & ~value.is_in(list(ref.municipalities)),
            TENANT,
            "Ukendt kommunekode.",
        )
    return frame

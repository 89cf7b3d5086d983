"""Frames to and from the database in bulk.

Saving is :mod:`socialstyring.storage.saving` (new rows straight in, unchanged rows found
by their hash, changed rows through a stage); reading is one query per table. Callers own
the transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl
from django.db import connection

from socialstyring.core.periods import year_end_inclusive, year_start
from socialstyring.storage import budget_rows, frame_files, saving, summaries, tenancy
from socialstyring.storage.copy_reads import copy_frame
from socialstyring.storage.saving import ROW_HASH, SaveCounts  # noqa: F401 (re-exported)
from socialstyring.terms import FileKind
from socialstyring.terms.files import AMOUNT, DATE, INTEGER, NUMBER, TEXT

TENANT = "municipality"


@dataclass(frozen=True)
class Table:
    """A tenant table: its natural key and columns, both without the municipality, which
    every row has and every key starts with."""

    name: str
    natural_key: tuple[str, ...]
    data_columns: dict[str, pl.DataType]

    @property
    def key(self) -> tuple[str, ...]:
        return (TENANT, *self.natural_key)

    @property
    def columns(self) -> dict[str, pl.DataType]:
        return {TENANT: pl.String(), **self.data_columns}


_DTYPES: dict[str, type[pl.DataType]] = {
    TEXT: pl.String,
    DATE: pl.Date,
    AMOUNT: pl.Float64,
    NUMBER: pl.Float64,
    INTEGER: pl.Int64,
}


def _columns(kind: FileKind) -> dict[str, pl.DataType]:
    """The record's fields (terms.files) as the table's typed columns."""
    return {f.name: _DTYPES[f.type]() for f in kind.fields}


TABLES = {
    FileKind.GRANTS: Table("ss_grant", FileKind.GRANTS.key, _columns(FileKind.GRANTS)),
    FileKind.BUDGETS: Table("ss_budget", FileKind.BUDGETS.key, _columns(FileKind.BUDGETS)),
    FileKind.POSTINGS: Table("ss_posting", FileKind.POSTINGS.key, _columns(FileKind.POSTINGS)),
    FileKind.PROVIDERS: Table("ss_provider", FileKind.PROVIDERS.key, _columns(FileKind.PROVIDERS)),
    FileKind.OFFER_BUDGETS: Table(
        "ss_offer_budget", FileKind.OFFER_BUDGETS.key, _columns(FileKind.OFFER_BUDGETS)
    ),
    FileKind.OFFER_ACCOUNTS: Table(
        "ss_offer_accounts", FileKind.OFFER_ACCOUNTS.key, _columns(FileKind.OFFER_ACCOUNTS)
    ),
    FileKind.APPEALS: Table("ss_appeal", FileKind.APPEALS.key, _columns(FileKind.APPEALS)),
    FileKind.KEY_FIGURES: Table(
        "ss_key_figure", FileKind.KEY_FIGURES.key, _columns(FileKind.KEY_FIGURES)
    ),
    FileKind.POPULATION: Table(
        "ss_population", FileKind.POPULATION.key, _columns(FileKind.POPULATION)
    ),
}


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def save(kind: str, frame: pl.DataFrame) -> SaveCounts:
    """Insert new rows, update changed ones (by key), leave equal ones alone (see
    :mod:`socialstyring.storage.saving`). ``kind`` is a :class:`FileKind` (or its Danish
    name). Rows without a municipality belong to the active one. Raises the data version of
    the municipalities saved."""
    file_kind = FileKind(kind)
    table = TABLES[file_kind]
    # A field a caller's frame does not have (a column added later) is stored empty.
    frame = frame.with_columns(
        pl.lit(None, dtype).alias(c)
        for c, dtype in table.columns.items()
        if c not in frame.columns and c != TENANT
    )
    replaced = 0
    if file_kind is FileKind.BUDGETS:
        if TENANT not in frame.columns:
            frame = frame.with_columns(pl.lit(tenancy.current_code(), pl.String).alias(TENANT))
        frame = frame.with_columns(pl.col("area", "team").fill_null(""))  # "": not distributed
        replaced = budget_rows.drop_replaced(table.name, table.key, frame)
    counts = saving.save(table.name, table.key, table.columns, frame)
    if replaced:  # an account's budget whose rows the file replaced has changed
        counts = SaveCounts(counts.created, counts.updated + replaced, counts.unchanged)
    if file_kind is FileKind.POSTINGS and (counts.created or counts.updated):
        if TENANT not in frame.columns:
            frame = frame.with_columns(pl.lit(tenancy.current_code(), pl.String).alias(TENANT))
        if counts.first_load:
            summaries.posting_days_of(frame)
        else:
            summaries.refresh_posting_days(frame[TENANT].unique().to_list())
    return counts


def _tenant_where(where: str, params: tuple) -> tuple[str, tuple]:
    """``where`` narrowed to the active municipalities (unchanged when scoping is off)."""
    codes = tenancy.current_codes()
    if codes is None:
        return where, params
    marks = ", ".join("%s" for _ in codes) or "NULL"
    condition = f"{_q(TENANT)} IN ({marks})"
    where = f"{where} AND {condition}" if where else f"WHERE {condition}"
    return where, (*params, *codes)


def _load(
    kind: str, where: str = "", params: tuple = (), columns: list[str] | None = None
) -> pl.DataFrame:
    table = TABLES[FileKind(kind)]
    cols = columns or list(table.data_columns)
    schema = {c: table.columns[c] for c in cols}
    column_list = ", ".join(_q(c) for c in cols)
    where, params = _tenant_where(where, params)
    sql = f"SELECT {column_list} FROM {_q(table.name)} {where}"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            return copy_frame(cursor, sql, params, cols, schema)
        # Dates as text: sqlite3's per-value date converter would run in Python for every row.
        text_list = ", ".join(f"{_q(c)} || ''" if schema[c] == pl.Date else _q(c) for c in cols)
        cursor.execute(f"SELECT {text_list} FROM {_q(table.name)} {where}", params)
        rows = cursor.fetchall()
    text_schema = {c: (pl.String if t == pl.Date else t) for c, t in schema.items()}
    frame = pl.DataFrame(rows, schema=text_schema, orient="row")
    return frame.with_columns(
        pl.col(c).str.to_date("%Y-%m-%d") for c, t in schema.items() if t == pl.Date
    )


FORECAST_COLUMNS = ["account", "start", "end", "price", "quantity", "price_unit", "registered"]
"""The grant columns the forecast by account reads."""


def load_grants_for_year(
    year: int, as_of: dt.date | None = None, columns: list[str] | None = None
) -> pl.DataFrame:
    """Grants that can cost anything in ``year`` (and are known by ``as_of`` when given);
    ``columns`` narrows the read to what the caller needs."""
    where = f"WHERE {_q('start')} <= %s AND ({_q('end')} IS NULL OR {_q('end')} >= %s)"
    params: tuple = (year_end_inclusive(year), year_start(year))
    if as_of is not None:
        where += f" AND {_q('registered')} <= %s"
        params += (as_of,)
    cols = columns or list(TABLES[FileKind.GRANTS].data_columns)
    return frame_files.read_through(
        ("grants", where, params, tuple(cols)),
        lambda: _load(FileKind.GRANTS, where, params, cols),
    )


def load_grants_before(
    year: int, as_of: dt.date, born_before: dt.date, columns: list[str]
) -> pl.DataFrame:
    """Grants started before ``year`` (known by ``as_of``) of citizens born before
    ``born_before``: what the refund's after-67 rule looks back at."""
    where = f"WHERE {_q('birth_date')} < %s AND {_q('start')} < %s AND {_q('registered')} <= %s"
    params: tuple = (born_before, year_start(year), as_of)
    return frame_files.read_through(
        ("grants", where, params, tuple(columns)),
        lambda: _load(FileKind.GRANTS, where, params, columns),
    )


def load_grants_with_ids(grant_ids: list[str], columns: list[str] | None = None) -> pl.DataFrame:
    """The grants with these ``grant_id``s (a few: a case review's, an approval's), read
    in chunks that stay under any database's limit of parameters."""
    unique = sorted(set(grant_ids))
    parts = []
    for i in range(0, len(unique), 500):
        chunk = tuple(unique[i : i + 500])
        marks = ", ".join(["%s"] * len(chunk))
        parts.append(_load(FileKind.GRANTS, f"WHERE {_q('grant_id')} IN ({marks})", chunk, columns))
    if not parts:
        table = TABLES[FileKind.GRANTS]
        cols = columns or list(table.data_columns)
        return pl.DataFrame(schema={c: table.columns[c] for c in cols})
    return pl.concat(parts)


def load_budgets(year: int | None = None) -> pl.DataFrame:
    if year is None:
        return _load(FileKind.BUDGETS)
    return _load(FileKind.BUDGETS, f"WHERE {_q('year')} = %s", (year,))


def load_posting_totals(year: int, as_of: dt.date, per_grant: bool = False) -> pl.DataFrame:
    """Ledger spending in [1 January, ``as_of``] summed per account and month (or per
    account and grant, for groupings by a grant's attributes), in the postings frame's
    shape with ``posting_date`` = the group's first posting day. The forecast needs no
    more than this, and it is a fraction of the rows.

    When the year has postings only after ``as_of``, one zero row on 31 December keeps the
    meaning "there is a ledger for this year"."""
    if per_grant:
        group = "account, grant_id"
        select = "account, grant_id"
    else:
        month = (
            "substr(posting_date, 1, 7)"
            if connection.vendor == "sqlite"
            else "date_trunc('month', posting_date)"
        )
        group = f"account, {month}"
        select = "account, NULL"
    first, last = year_start(year), year_end_inclusive(year)
    # Per account, the daily sums are enough (a few thousand rows instead of the ledger).
    source = _q("ss_posting") if per_grant else _q(summaries.TABLE)
    where, params = _tenant_where("WHERE posting_date BETWEEN %s AND %s", (first, min(as_of, last)))
    sql = (
        f"SELECT {select}, MIN(posting_date) || '', SUM(amount) FROM {source} "
        f"{where} GROUP BY {group}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
        if not rows:
            where, params = _tenant_where("WHERE posting_date BETWEEN %s AND %s", (first, last))
            cursor.execute(f"SELECT 1 FROM {_q('ss_posting')} {where} LIMIT 1", params)
            if cursor.fetchone():
                rows = [("", None, last.isoformat(), 0.0)]
    frame = pl.DataFrame(
        rows,
        schema={
            "account": pl.String,
            "grant_id": pl.String,
            "posting_date": pl.String,
            "amount": pl.Float64,
        },
        orient="row",
    )
    return frame.with_columns(
        pl.col("posting_date").str.slice(0, 10).str.to_date("%Y-%m-%d"),
        pl.lit(None, dtype=pl.String).alias("posting_id"),
        pl.lit(None, dtype=pl.String).alias("text"),
    )


def load_postings(first: dt.date, last: dt.date) -> pl.DataFrame:
    """The ledger's rows posted in [``first``, ``last``]: the postings behind a figure."""
    where = f"WHERE {_q('posting_date')} BETWEEN %s AND %s"
    return _load(FileKind.POSTINGS, where, (first, last))


def load_providers() -> pl.DataFrame:
    return _load(FileKind.PROVIDERS)


def load_kind(kind: FileKind, columns: list[str] | None = None) -> pl.DataFrame:
    """Every stored row of ``kind`` of the active municipalities (appeals, key figures,
    population: small tables, read whole; grants of every year by the ``columns`` asked)."""
    return _load(kind, columns=columns)


def load_known_grants(as_of: dt.date, columns: list[str] | None = None) -> pl.DataFrame:
    """Every grant known by ``as_of``, of any year: the focus rules read whole courses."""
    where = f"WHERE COALESCE({_q('registered')}, {_q('start')}) <= %s"
    return _load(FileKind.GRANTS, where, (as_of,), columns)


def known_grants_of(saved: pl.DataFrame, as_of: dt.date) -> pl.DataFrame:
    """What :func:`load_known_grants` reads, from the rows just saved when they are all the
    municipality has (a first load): an import need not read back what it wrote."""
    table = TABLES[FileKind.GRANTS]
    known = pl.coalesce("registered", "start") <= pl.lit(as_of)
    return saved.select(pl.col(c).cast(t) for c, t in table.data_columns.items()).filter(known)

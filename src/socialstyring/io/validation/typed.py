"""Raw text cells → typed columns: one raw (``raw_x``) and one typed (``x``) column per
field, each distinct value parsed once."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import polars as pl

from socialstyring.io import parsing
from socialstyring.io.distinct import mostly_distinct
from socialstyring.io.readers import RawTable
from socialstyring.io.schema import FileLayout
from socialstyring.terms.files import AMOUNT, DATE, INTEGER, NUMBER


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


def parse(raw: RawTable, kind: FileLayout, mapping: dict[str, str]) -> pl.DataFrame:
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
            parsed = _numbers(parsed, f"raw_{column.field}", column.field, notation)
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


def _numbers(frame: pl.DataFrame, source: str, target: str, notation: str) -> pl.DataFrame:
    """Amounts and numbers: when every cell has the simple shape (nearly every export), one
    replace and a cast; otherwise each value by the full rule."""
    if frame.select(parsing.simple_numbers(pl.col(source), notation)).item():
        return frame.with_columns(parsing.simple_number(pl.col(source), notation).alias(target))
    return via_distinct(frame, source, target, partial(parsing.number, notation=notation))

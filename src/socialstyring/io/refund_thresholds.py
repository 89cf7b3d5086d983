"""A refund thresholds file (``--thresholds``): the columns of the shipped
``refusion_graenser.csv``, read as CSV or XLSX, checked cell by cell."""

from __future__ import annotations

import polars as pl

from socialstyring.io import parsing
from socialstyring.io.parsing import PLAIN
from socialstyring.io.problems import ImportRejected, Problem, file_problem
from socialstyring.io.readers import read_table
from socialstyring.translation import _

# Danish header → field, and whether the column must be there.
COLUMNS = {
    "prisniveau": ("price_level", True),
    "ordning": ("scheme", False),
    "trin": ("tier", True),
    "graense_kr_aar": ("threshold", True),
    "sats": ("rate", True),
    "kilde": ("source", False),
}
_NUMBERS = ("prisniveau", "trin", "graense_kr_aar", "sats")


def read_thresholds(data: bytes, file: str) -> pl.DataFrame:
    """The thresholds as ``price_level, scheme, tier, threshold, rate, source``; every bad
    cell reported (file, row, column, value) at once."""
    table = read_table(data, file)
    headers = {h.strip().lower(): h for h in table.headers}
    missing = [name for name, (_f, required) in COLUMNS.items() if required and name not in headers]
    if missing:
        raise ImportRejected(
            [
                file_problem(
                    file, _("The column is missing from the thresholds file."), column=name
                )
                for name in missing
            ]
        )
    raw = table.frame.rename({headers[h]: h for h in headers if h in COLUMNS}).with_row_index(
        "_row", offset=2
    )
    parsed = raw.with_columns(
        parsing.number(pl.col(name), table.notation.get(headers[name], PLAIN)).alias(f"_{name}")
        for name in _NUMBERS
    )
    problems: list[Problem] = []
    for name in _NUMBERS:
        bad = parsed.filter(pl.col(f"_{name}").is_null())
        problems += [
            Problem(file, row, name, value, _("Not a number."))
            for row, value in bad.select("_row", name).iter_rows()
        ]
    tiers = parsed.filter(~pl.col("_trin").is_in([1.0, 2.0, 3.0]) & pl.col("_trin").is_not_null())
    problems += [
        Problem(file, row, "trin", value, _("The tier must be 1, 2 or 3."))
        for row, value in tiers.select("_row", "trin").iter_rows()
    ]
    if problems:
        raise ImportRejected(problems)
    return parsed.select(
        pl.col("_prisniveau").cast(pl.Int64).alias("price_level"),
        (pl.col("ordning") if "ordning" in parsed.columns else pl.lit("")).alias("scheme"),
        pl.col("_trin").cast(pl.Int64).alias("tier"),
        pl.col("_graense_kr_aar").alias("threshold"),
        pl.col("_sats").alias("rate"),
        (pl.col("kilde") if "kilde" in parsed.columns else pl.lit("")).alias("source"),
    )

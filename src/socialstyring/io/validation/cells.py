"""Checks of the text cells themselves, the same for every kind of file and on every
database: cells the reader found in the wrong encoding, NUL and control characters, CPR
numbers outside ``borger_id``, and values longer than the registry lets a field keep."""

from __future__ import annotations

import datetime as dt

import polars as pl

from socialstyring.io.cpr import CPR_SHAPED, MASK, holds_cpr
from socialstyring.io.readers import RawTable
from socialstyring.io.schema import POSTINGS, FileLayout
from socialstyring.io.validation.checks import CONTROL, Checker
from socialstyring.terms.files import TEXT
from socialstyring.translation import _

CONTROL_CHARACTERS = _(
    "The cell contains control characters (such as NUL); the file is damaged or not "
    "exported as text."
)
CPR_OUTSIDE_CITIZEN = _(
    "The value contains a CPR number; CPR numbers may only be given in borger_id, where "
    "they are replaced by a pseudonym."
)
CPR_IN_CITIZEN_KEY = _(
    "The citizen key contains a CPR number in a form that is not recognised; give the CPR "
    "number alone (ddmmyy-xxxx)."
)
CITIZEN = "citizen_id"


def check_cells(
    check: Checker, raw: RawTable, kind: FileLayout, mapping: dict[str, str], today: dt.date
) -> None:
    """Before the kind's rules, on the cells as written. One parallel screen of every text
    column first; only a column it catches is checked row by row."""
    if raw.cell_problems is not None:
        check.found.append(raw.cell_problems)
    fields = [c.field for c in kind.columns if c.type == TEXT and c.field in mapping]
    if not fields:
        return
    # One pattern for both: a cell with neither (nearly all) is looked at once.
    screen = check.frame.select(
        pl.col(f"raw_{f}").str.contains(rf"{CONTROL}|{CPR_SHAPED}").any().alias(f) for f in fields
    ).row(0, named=True)
    for field in (f for f in fields if screen[f]):
        cells = pl.col(f"raw_{field}")
        if check.frame.select(cells.str.contains(CONTROL).any()).item():
            check.flag(cells.str.contains(CONTROL), field, CONTROL_CHARACTERS)
        if field != CITIZEN:
            holds = holds_cpr(check.frame[f"raw_{field}"], today)
            if holds.any():
                check.flag(pl.lit(holds), field, CPR_OUTSIDE_CITIZEN, pl.lit(MASK))


def check_stored(
    check: Checker, frame: pl.DataFrame, kind: FileLayout, mapping: dict[str, str], today: dt.date
) -> None:
    """After the kind's rules, on the values as they would be stored: each field within the
    registry's length, and no citizen key that holds a CPR number it did not recognise."""
    check.frame = frame
    if "_is_cpr" in frame.columns:
        keys = frame.select(pl.when(~pl.col("_is_cpr")).then(pl.col("raw_citizen_id")))
        holds = holds_cpr(keys.to_series(), today)
        if holds.any():
            check.flag(pl.lit(holds), CITIZEN, CPR_IN_CITIZEN_KEY, pl.lit(MASK))
    limited = [
        f
        for f in kind.kind.fields
        if f.type == TEXT and f.max_length is not None and f.name in frame.columns
    ]
    if not limited:
        return
    longest = frame.select(pl.col(f.name).str.len_chars().max() for f in limited).row(0)
    for field, length in zip(limited, longest, strict=True):
        if length is None or length <= field.max_length:
            continue
        too_long = pl.col(field.name).str.len_chars() > field.max_length
        if kind is POSTINGS and field.name == "posting_id" and field.name not in mapping:
            check.flag(
                too_long,
                "text",
                _(
                    "The line has no posterings_id, and its content (date, account, amount, "
                    "bevilling_id and tekst) is too long to identify it by: at most "
                    "%(max)s characters. Give a posterings_id column or a shorter tekst."
                )
                % {"max": field.max_length},
            )
            continue
        check.flag(
            too_long,
            field.name,
            _("The value is too long: at most %(max)s characters.") % {"max": field.max_length},
        )

"""CPR numbers: recognised, validated with python-stdnum, replaced by a keyed pseudonym.

A CPR number never leaves this module: callers get a pseudonym and a birth date.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac

import polars as pl
from stdnum.dk import cpr as stdnum_cpr
from stdnum.exceptions import ValidationError

CPR_SHAPE = r"^\d{6}-?\d{4}$"
MASK = "******-****"
PSEUDONYM_PREFIX = "PS-"


class Pseudonymiser:
    """HMAC-SHA256 under a secret key: the same CPR always gives the same pseudonym."""

    def __init__(self, key: bytes):
        if len(key) < 16:
            raise ValueError("The pseudonym key must be at least 16 bytes.")
        self._key = key

    def __call__(self, cpr10: str) -> str:
        digest = hmac.new(self._key, cpr10.encode("ascii"), hashlib.sha256).hexdigest()
        return PSEUDONYM_PREFIX + digest[:20].upper()


def resolve_citizens(citizen: pl.Series, pseudonymise: Pseudonymiser) -> pl.DataFrame:
    """For each citizen key: ``is_cpr``, ``valid`` (False for a bad CPR), ``citizen_id``
    (pseudonym for a CPR, the key itself otherwise) and ``cpr_birth_date``.

    stdnum runs once per distinct CPR, not per row.
    """
    stripped = citizen.str.strip_chars()
    # Excel turns 0101901234 into the number 101901234: nine digits are a CPR that lost its
    # leading zero, never a key to store as it is.
    stripped = pl.select(
        pl.when(stripped.str.contains(r"^\d{9}$")).then("0" + stripped).otherwise(stripped)
    ).to_series()
    keys = stripped.unique()
    distinct = keys.filter(keys.str.contains(CPR_SHAPE).fill_null(False)).to_list()
    pseudonyms: dict[str, str | None] = {}
    births: dict[str, dt.date | None] = {}
    for value in distinct:
        try:
            number = stdnum_cpr.validate(value)
        except ValidationError:
            pseudonyms[value], births[value] = None, None
            continue
        pseudonyms[value] = pseudonymise(number)
        births[value] = stdnum_cpr.get_birth_date(number)
    lookup = pl.DataFrame(
        {
            "_key": list(pseudonyms),
            "_pseudonym": list(pseudonyms.values()),
            "cpr_birth_date": [births[k] for k in pseudonyms],
        },
        schema={"_key": pl.String, "_pseudonym": pl.String, "cpr_birth_date": pl.Date},
    )
    frame = pl.DataFrame({"_key": stripped})
    joined = frame.join(lookup, on="_key", how="left", maintain_order="left")
    is_cpr = pl.col("_key").is_in(lookup["_key"].implode())
    return joined.with_columns(is_cpr.alias("is_cpr")).select(
        "is_cpr",
        (~pl.col("is_cpr") | pl.col("_pseudonym").is_not_null()).alias("valid"),
        pl.when(pl.col("is_cpr"))
        .then(pl.col("_pseudonym"))
        .otherwise(pl.col("_key"))
        .alias("citizen_id"),
        "cpr_birth_date",
    )

"""CPR numbers: recognised, validated, replaced by a keyed pseudonym.

A CPR number never leaves this module: callers get a pseudonym and a birth date.
A citizen key is a CPR number in any spelling (``SPELLED_CPR``: with a space, any dash or
none, after a ``CPR`` word), and the same number in two spellings is one citizen; other
text columns may hold none (``holds_cpr``), and reports mask every CPR shape
(``mask_cpr``).

Validation is polars expressions over the distinct keys, deciding exactly as
python-stdnum's ``stdnum.dk.cpr.validate`` and ``get_birth_date`` do (the property test in
``tests/io/test_cpr_oracle.py`` keeps stdnum as the oracle):

- the ten digits, after stdnum's own mapping of look-alike digits (fullwidth,
  mathematical) to ASCII; any other character, other digits included, is invalid;
- day, month and two-digit year must make a real date, the century following from the
  seventh digit (5-8 with a year of 58 or later: 1800s; 0-3, or 4 and 9 with a year of 37
  or later: 1900s; otherwise 2000s);
- that birth date must not lie after ``today``. As in stdnum there is no modulus-11 check.

Pseudonyms are ``PS-`` + the first 20 hex digits, upper case, of HMAC-SHA256(key, the
ten digits in ASCII): one per distinct number, with the keyed SHA-256 states computed once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import threading
from concurrent.futures import ThreadPoolExecutor

import polars as pl

CPR_SHAPE = r"^\d{6}-?\d{4}$"
MASK = "******-****"
# How people write the separator: nothing, spaces, a hyphen, any Unicode dash or minus.
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_SEPARATOR = rf"\s*[-{_DASHES}]?\s*"
# A citizen key that is a CPR number in any of its spellings: ``010203-1234``,
# ``0102031234``, ``010203 1234``, ``010203–1234``, ``CPR 010203-1234``,
# ``CPR-nr.: 010203-1234``; the two digit groups are captured.
SPELLED_CPR = (
    r"^(?i:cpr(?:[\s.\-]*(?:nr|nummer|no)\.?)?[\s.:#\-]*)?"
    rf"(\d{{6}}){_SEPARATOR}(\d{{4}})$"
)
# Anywhere in a text: ten digits in the same spellings, not part of a longer number (the
# leading character is matched, a trailing digit too, so it can be told apart).
_CPR_ANYWHERE = rf"(?:^|\D)\d{{6}}{_SEPARATOR}\d{{4}}\d?"
# What reports hide: any such group of digits, valid CPR number or not.
CPR_SHAPED = rf"\d{{6}}{_SEPARATOR}\d{{4}}"
PSEUDONYM_PREFIX = "PS-"
_BLOCK = 64  # SHA-256's block size, the length HMAC pads its key to

# The digits python-stdnum's ``clean`` maps to ASCII (stdnum.util._char_map): fullwidth and
# five mathematical alphabets. ``\d`` in polars also matches other digits (Arabic-Indic, …);
# stdnum leaves those alone and rejects the number.
_DIGIT_BASES = (0xFF10, 0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6)
_LOOKALIKE_DIGITS = {chr(base + d): str(d) for base in _DIGIT_BASES for d in range(10)}


class Pseudonymiser:
    """HMAC-SHA256 under a secret key: the same CPR always gives the same pseudonym."""

    def __init__(self, key: bytes):
        if len(key) < 16:
            raise ValueError("The pseudonym key must be at least 16 bytes.")
        self._key = key
        # HMAC's keyed inner and outer states (RFC 2104), computed once; each value then
        # costs two copies and two compressions instead of a new HMAC object.
        padded = (hashlib.sha256(key).digest() if len(key) > _BLOCK else key).ljust(_BLOCK, b"\0")
        self._inner = hashlib.sha256(bytes(b ^ 0x36 for b in padded))
        self._outer = hashlib.sha256(bytes(b ^ 0x5C for b in padded))

    def same_key(self, other: Pseudonymiser) -> bool:
        """Whether ``other`` gives the same pseudonyms (is under the same key)."""
        return hmac.compare_digest(self._key, other._key)

    def __call__(self, cpr10: str) -> str:
        """The pseudonym of one ten-digit CPR: the definition the bulk path must match."""
        digest = hmac.new(self._key, cpr10.encode("ascii"), hashlib.sha256).hexdigest()
        return PSEUDONYM_PREFIX + digest[:20].upper()

    def many(self, numbers: pl.Series | list[str]) -> pl.Series:
        """``[self(n) for n in numbers]`` as a String series, about 2.5 times as fast: two
        state copies and two compressions per value, bytes in and hex out by polars."""
        inner, outer = self._inner.copy, self._outer.copy
        heads: list[bytes] = []
        append = heads.append
        for number in pl.Series(numbers, dtype=pl.String).cast(pl.Binary).to_list():
            state = inner()
            state.update(number)
            mac = outer()
            mac.update(state.digest())
            append(mac.digest()[:10])
        hex_digits = pl.lit(pl.Series(heads, dtype=pl.Binary)).bin.encode("hex").str.to_uppercase()
        return pl.select((PSEUDONYM_PREFIX + hex_digits).alias("pseudonym")).to_series()


class RunPseudonymiser(Pseudonymiser):
    """Pseudonyms for work that stores nothing and ends with the process (a forecast from
    files): each distinct number gets the next running number (``PS-`` and 18 digits), the
    same number for the same CPR in every file of the run.

    It protects as much as an HMAC under a throw-away key, which it replaces: neither can be
    linked to a CPR number or to another run once the process ends, and this one costs a
    join instead of two SHA-256 compressions per number (1,3 s for 500.000 numbers)."""

    def __init__(self) -> None:
        self._known = pl.DataFrame(schema={"_number": pl.Int64, "_position": pl.Int64})
        self._lock = threading.Lock()  # a file's citizens are resolved in a thread

    def __call__(self, cpr10: str) -> str:
        return str(self.many([cpr10])[0])

    def many(self, numbers: pl.Series | list[str]) -> pl.Series:
        # Ten ASCII digits fit an integer, and integers join ten times as fast as text.
        asked = pl.DataFrame({"_number": pl.Series(numbers, dtype=pl.String).cast(pl.Int64)})
        with self._lock:
            return self._numbered(asked)

    def _numbered(self, asked: pl.DataFrame) -> pl.Series:
        start = self._known.height + 1
        if not self._known.height and asked["_number"].n_unique() == asked.height:
            # The first file's distinct numbers: numbered as they come, no join needed.
            self._known = asked.with_columns(
                (pl.int_range(pl.len(), dtype=pl.Int64) + start).alias("_position")
            )
            return self._pseudonyms(self._known["_position"])
        new = asked.unique().join(self._known, on="_number", how="anti")
        if new.height:
            self._known = pl.concat(
                [
                    self._known,
                    new.sort("_number").with_columns(
                        (pl.int_range(pl.len(), dtype=pl.Int64) + start).alias("_position")
                    ),
                ]
            )
        position = asked.join(self._known, on="_number", how="left", maintain_order="left")
        return self._pseudonyms(position["_position"])

    @staticmethod
    def _pseudonyms(positions: pl.Series) -> pl.Series:
        # 18 digits by arithmetic: a third of the cost of padding text
        digits = (positions + 10**18).cast(pl.String).str.slice(1)
        return (PSEUDONYM_PREFIX + digits).alias("pseudonym")


def check_cpr(frame: pl.LazyFrame, key: str, today: dt.date) -> pl.LazyFrame:
    """``frame`` with, for its CPR-shaped column ``key`` (``CPR_SHAPE``, stripped), the ten
    ASCII digits (``_number``), whether stdnum's ``validate`` accepts it on ``today``
    (``_valid``) and its birth date (``_born``, null when not valid). One step per
    intermediate column, so no part is computed twice."""
    number = pl.col(key).str.replace_all("-", "", literal=True)
    number = number.str.replace_many(_LOOKALIKE_DIGITS)
    part = pl.col("_number").str.slice
    yy, seventh = pl.col("_yy"), pl.col("_seventh")
    century = (
        pl.when(seventh.is_in(list("5678")) & (yy >= 58))
        .then(1800)
        .when(seventh.is_in(list("0123")) | (seventh.is_in(["4", "9"]) & (yy >= 37)))
        .then(1900)
        .otherwise(2000)
    )
    year, month, day = pl.col("_year"), pl.col("_month"), pl.col("_day")
    leap = ((year % 4 == 0) & (year % 100 != 0)) | (year % 400 == 0)
    month_days = (
        pl.when(month == 2)
        .then(pl.when(leap).then(29).otherwise(28))
        .when(month.is_in([4, 6, 9, 11]))
        .then(30)
        .otherwise(31)
    )
    real_date = pl.col("_ascii10") & month.is_between(1, 12) & day.is_between(1, month_days)
    real = pl.col("_real")
    return (
        frame.with_columns(number.alias("_number"))
        .with_columns(
            pl.col("_number").str.contains(r"^[0-9]{10}$").alias("_ascii10"),
            part(0, 2).cast(pl.Int32, strict=False).alias("_day"),
            part(2, 2).cast(pl.Int32, strict=False).alias("_month"),
            part(4, 2).cast(pl.Int32, strict=False).alias("_yy"),
            part(6, 1).alias("_seventh"),
        )
        .with_columns((yy + century).alias("_year"))
        .with_columns(real_date.alias("_real"))
        # pl.date raises on an impossible date: those get 1 January 2000, then are dropped.
        .with_columns(
            pl.date(
                pl.when(real).then(year).otherwise(2000),
                pl.when(real).then(month).otherwise(1),
                pl.when(real).then(day).otherwise(1),
            ).alias("_born")
        )
        .with_columns((real & (pl.col("_born") <= pl.lit(today))).alias("_valid"))
        .with_columns(pl.when("_valid").then(pl.col("_born")).alias("_born"))
        .drop("_ascii10", "_day", "_month", "_yy", "_seventh", "_year", "_real")
    )


def spelled_cpr(key: pl.Expr) -> pl.Expr:
    """The ten digits of a key written as a CPR number in any spelling (``SPELLED_CPR``),
    or null."""
    groups = key.str.extract_groups(SPELLED_CPR)
    return pl.concat_str(groups.struct.field("1"), groups.struct.field("2"))


def holds_cpr(values: pl.Series, today: dt.date) -> pl.Series:
    """Per value, whether any part of it is a valid CPR number (in any spelling, not part of
    a longer number): the values no text column may store. Only the distinct values with
    ten digits in a CPR number's shape are looked at closely."""
    distinct = values.unique().drop_nulls()
    shaped = distinct.filter(distinct.str.contains(CPR_SHAPED))
    if shaped.is_empty():
        return pl.Series(values.name, [False] * values.len(), dtype=pl.Boolean)
    found = (
        pl.LazyFrame({"_value": shaped})
        .with_columns(pl.col("_value").str.extract_all(_CPR_ANYWHERE).alias("_found"))
        .explode("_found")
        .with_columns(pl.col("_found").str.replace_all(r"\D", "").alias("_digits"))
        .filter(pl.col("_digits").str.len_chars() == 10)
    )
    holding = check_cpr(found, "_digits", today).filter("_valid").select("_value").collect()
    return values.is_in(holding["_value"].implode()).fill_null(False)


def mask_cpr(text: pl.Expr) -> pl.Expr:
    """``text`` with every CPR-shaped group of digits replaced by ``MASK``."""
    return text.str.replace_all(CPR_SHAPED, MASK)


def masked(text: str) -> str:
    """One text (a header, say) with its CPR-shaped digits replaced by ``MASK``."""
    return pl.select(mask_cpr(pl.lit(text, pl.String))).item()


def resolve_citizens(
    citizen: pl.Series, pseudonymise: Pseudonymiser, today: dt.date
) -> pl.DataFrame:
    """For each citizen key: ``is_cpr``, ``valid`` (False for a bad CPR), ``citizen_id``
    (pseudonym for a CPR, the key itself otherwise) and ``cpr_birth_date``. ``today``
    decides whether a birth date lies in the future.

    The checks run once per distinct key, the HMAC once per distinct valid number.
    """
    stripped = citizen.str.strip_chars()
    # Excel turns 0101901234 into the number 101901234: nine digits are a CPR that lost its
    # leading zero, never a key to store as it is.
    keys = pl.DataFrame({"_key": stripped}).with_columns(
        pl.when(pl.col("_key").str.contains(r"^\d{9}$"))
        .then("0" + pl.col("_key"))
        .otherwise(pl.col("_key"))
        .alias("_key")
    )
    # Every spelling of a CPR number is recognised (on the distinct keys), so one number
    # written two ways is one citizen: the export's own forms first (a cheap pattern), the
    # other spellings among the rest.
    unique_keys = keys.lazy().unique("_key")
    plain = pl.col("_key").str.contains(CPR_SHAPE)
    shaped = pl.concat(
        [
            unique_keys.filter(plain).with_columns(
                pl.col("_key").str.replace("-", "", literal=True).alias("_digits")
            ),
            unique_keys.filter(~plain & (pl.col("_key").str.len_chars() >= 10))
            .with_columns(spelled_cpr(pl.col("_key")).alias("_digits"))
            .filter(pl.col("_digits").is_not_null()),
        ]
    )
    lookup = check_cpr(shaped, "_digits", today).drop("_digits").collect()
    good = lookup.filter("_valid")
    numbers = good["_number"]
    # One CPR in two spellings: still one HMAC. (Valid numbers are ten ASCII digits, and
    # integers count faster than text.)
    if numbers.cast(pl.Int64).n_unique() < numbers.len():
        distinct = numbers.unique().sort()
        good = good.with_columns(
            (pl.col("_number").rank("dense") - 1).cast(pl.UInt32).alias("_pos")
        )
    else:
        distinct = numbers
        good = good.with_row_index("_pos")
    # The HMAC loop holds the GIL; polars does not, so the join of every row to its key
    # runs beside it.
    with ThreadPoolExecutor(max_workers=1) as pool:
        pseudonyms = pool.submit(pseudonymise.many, distinct)
        bad = lookup.filter(~pl.col("_valid")).with_columns(pl.lit(None, pl.UInt32).alias("_pos"))
        lookup = pl.concat([good.select(bad.columns), bad]).drop("_number")
        joined = keys.join(lookup, on="_key", how="left", maintain_order="left")
        by_position = pseudonyms.result()
    is_cpr = pl.col("_valid").is_not_null()
    return joined.select(
        is_cpr.alias("is_cpr"),
        pl.col("_valid").fill_null(True).alias("valid"),
        pl.when(is_cpr)
        .then(pl.lit(by_position).gather(pl.col("_pos")))
        .otherwise(pl.col("_key"))
        .alias("citizen_id"),
        pl.col("_born").alias("cpr_birth_date"),
    )

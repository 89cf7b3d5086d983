"""The vectorised CPR check decides exactly as python-stdnum, the oracle; the bulk
pseudonyms are exactly the single-value HMAC.

stdnum reads ``datetime.date.today()``; the oracle runs it with ``today`` pinned, so both
sides judge "born in the future" against the same day.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import unicodedata
from contextlib import contextmanager
from types import SimpleNamespace
from unittest import mock

import polars as pl
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from stdnum import util as stdnum_util
from stdnum.dk import cpr as stdnum_cpr
from stdnum.exceptions import ValidationError

from socialstyring.io.cpr import _LOOKALIKE_DIGITS, Pseudonymiser, resolve_citizens

D = dt.date
KEY = b"test-key-for-pseudonyms-0001"
PSEUDONYMISE = Pseudonymiser(KEY)
TODAY = D(2026, 12, 1)


@contextmanager
def stdnum_today(today: dt.date):
    """stdnum's ``validate`` with ``datetime.date.today()`` returning ``today``."""

    class Pinned(dt.date):
        @classmethod
        def today(cls) -> dt.date:
            return today

    with mock.patch.object(stdnum_cpr, "datetime", SimpleNamespace(date=Pinned)):
        yield


DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"


def spelled(text: str) -> str | None:
    """The ten digits of a CPR number in any spelling, taken apart by hand: an optional
    ``CPR`` word (``CPR``, ``CPR-nr.``, ``cpr nummer:``), then six digits, an optional
    separator of spaces and at most one dash, four digits."""
    rest = text
    if rest[:3].casefold() == "cpr":
        rest = rest[3:].lstrip(" \t.-")
        for word in ("nummer", "nr", "no"):
            if rest[: len(word)].casefold() == word:
                rest = rest[len(word) :].removeprefix(".")
                break
        rest = rest.lstrip(" \t.:#-")
    head, tail = rest[:6], rest[6:]
    middle = tail[:-4].strip(" \t")
    if len(middle) > 1 or (middle and middle not in DASHES):
        return None
    if not re.fullmatch(r"\d{6}", head) or not re.fullmatch(r"\d{4}", tail[-4:]):
        return None
    return head + tail[-4:]


def oracle(key: str, today: dt.date) -> tuple[bool, bool, str, dt.date | None]:
    """(is_cpr, valid, citizen_id, birth date) as the stdnum-per-value code decided it: the
    key stripped, nine digits given their leading zero back, a CPR number in any spelling
    validated and dated by stdnum and pseudonymised one at a time."""
    text = key.strip()
    if re.fullmatch(r"\d{9}", text):
        text = "0" + text
    digits = spelled(text)
    if digits is None:
        return False, True, text, None
    text = digits
    with stdnum_today(today):
        try:
            number = stdnum_cpr.validate(text)
        except ValidationError:
            return True, False, None, None  # type: ignore[return-value]
        born = stdnum_cpr.get_birth_date(number)
    return True, True, PSEUDONYMISE(number), D(born.year, born.month, born.day)


def resolved(keys: list[str], today: dt.date) -> list[tuple]:
    frame = resolve_citizens(pl.Series(keys, dtype=pl.String), PSEUDONYMISE, today)
    return list(frame.select("is_cpr", "valid", "citizen_id", "cpr_birth_date").iter_rows())


def expected(keys: list[str], today: dt.date) -> list[tuple]:
    rows = [oracle(k, today) for k in keys]
    return [(c, v, i if v else None, b) for c, v, i, b in rows]


def agree(keys: list[str], today: dt.date) -> None:
    got = resolved(keys, today)
    want = expected(keys, today)
    wrong = [(k, g, w) for k, g, w in zip(keys, got, want, strict=True) if g != w]
    assert wrong == [], wrong[:10]


# --- every date part, against stdnum ---------------------------------------------------------


# Two-digit years at every rule's boundary (36/37, 57/58), leap and non-leap years (00 is
# 1900 or 2000 by the seventh digit), and 26/27 around TODAY's year.
YEARS = (0, 1, 4, 26, 27, 35, 36, 37, 38, 56, 57, 58, 59, 96, 99)


def test_every_day_month_and_century_digit_agrees_with_stdnum():
    """All 69.300 date parts of days 00-32, months 00-13 and seventh digits 0-9 in the years
    ``YEARS``: every century rule, 29 February in leap and non-leap years, 30/31 of short
    months, born today or tomorrow, judged on TODAY."""
    keys = [
        f"{day:02}{month:02}{yy:02}{seventh}{(day * 7 + month) % 1000:03}"
        for day in range(33)
        for month in range(14)
        for yy in YEARS
        for seventh in range(10)
    ]
    # Half of them written with the dash: the spelling must not matter.
    keys = [k if i % 2 else f"{k[:6]}-{k[6:]}" for i, k in enumerate(keys)]
    got = resolved(keys, TODAY)
    with stdnum_today(TODAY):
        valid = [stdnum_cpr.is_valid(k) for k in keys]
        born = [
            stdnum_cpr.get_birth_date(k) if v else None for k, v in zip(keys, valid, strict=True)
        ]
    assert [g[1] for g in got] == valid
    assert [g[3] for g in got] == born
    assert sum(valid) > 15_000  # not a vacuous agreement


# --- random keys of the right shapes, against stdnum ----------------------------------------

DIGIT = st.sampled_from("0123456789")
# Look-alike digits that stdnum maps to ASCII, and digits it leaves alone (and rejects).
OTHER_DIGITS = st.sampled_from("０１２３４５６７８９𝟎𝟗𝟘𝟡𝟬𝟵٠١٢٣٤٥٦٧٨٩०९")


@st.composite
def cpr_like(draw) -> str:
    """A key built from date parts near every boundary, in any of the export's spellings."""
    day = draw(st.one_of(st.integers(0, 32), st.sampled_from([28, 29, 30, 31])))
    month = draw(st.one_of(st.integers(0, 13), st.sampled_from([2, 4, 6, 9, 11])))
    yy = draw(st.one_of(st.integers(0, 99), st.sampled_from([0, 36, 37, 57, 58, 96, 99])))
    seventh = draw(DIGIT)
    rest = "".join(draw(st.lists(DIGIT, min_size=3, max_size=3)))
    digits = f"{day:02}{month:02}{yy:02}{seventh}{rest}"
    spelling = draw(
        st.sampled_from(["plain", "dash", "excel", "spaces", "lookalike", "written", "prefix"])
    )
    if spelling == "dash":
        return f"{digits[:6]}-{digits[6:]}"
    if spelling == "written":  # a space, an en dash, any other dash, spaces around it
        separator = draw(st.sampled_from([" ", "\u2013", "\u2014", "\u2212", " - ", "  "]))
        return f"{digits[:6]}{separator}{digits[6:]}"
    if spelling == "prefix":
        prefix = draw(st.sampled_from(["CPR ", "CPR-nr. ", "cpr.nr.:", "CPR nummer: ", "Cpr"]))
        return f"{prefix}{digits[:6]}-{digits[6:]}"
    if spelling == "excel":  # a number that lost its leading zero
        return digits.lstrip("0") if digits.startswith("0") else digits
    if spelling == "spaces":
        return f" {digits}\t"
    at = draw(st.integers(0, 9))
    return digits[:at] + draw(OTHER_DIGITS) + digits[at + 1 :]


KEYS = st.one_of(
    cpr_like(),
    st.from_regex(r"\A[0-9]{6}-?[0-9]{4}\Z"),
    st.from_regex(r"\A[0-9]{9}\Z"),
    st.from_regex(r"\A[0-9]{5,11}\Z"),
    st.text(alphabet="0123456789-ABP ø", max_size=12),
    st.text(alphabet="0123456789 -\u2013CPRnr.:", min_size=10, max_size=18),
)
TODAYS = st.one_of(
    st.dates(D(1850, 1, 1), D(2060, 12, 31)),
    st.sampled_from([D(1858, 1, 1), D(1999, 12, 31), D(2000, 2, 29), D(2036, 12, 31)]),
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(keys=st.lists(KEYS, min_size=1, max_size=25), today=TODAYS)
@example(keys=["290200-4000", "290200-0000", "290296-0000", "290297-0000"], today=TODAY)
@example(keys=["310499-1234", "300499-1234", "311199-1234", "301199-1234"], today=TODAY)
@example(keys=["010158-5000", "010157-5000", "010137-4000", "010136-9000"], today=TODAY)
def test_random_keys_agree_with_stdnum(keys, today):
    """About 400 lists of up to 25 keys each (some 5.000 keys), each list on its own day."""
    agree(keys, today)


@pytest.mark.parametrize(
    ("key", "today", "valid", "born"),
    [
        ("290200-4000", TODAY, True, D(2000, 2, 29)),  # 2000 is a leap year
        ("290200-0000", TODAY, False, None),  # 1900 is not
        ("290296-0000", TODAY, True, D(1996, 2, 29)),
        ("290297-0000", TODAY, False, None),
        ("310499-1234", TODAY, False, None),  # April has 30 days
        ("300499-1234", TODAY, True, D(1999, 4, 30)),
        ("311199-1234", TODAY, False, None),
        ("010158-5000", TODAY, True, D(1858, 1, 1)),  # 5-8 and 58-99: 1800s
        ("010157-5000", TODAY, False, None),  # 5-8 and 00-57: 2000s, so not born yet
        ("010157-5000", D(2057, 1, 1), True, D(2057, 1, 1)),  # … until that day
        ("010137-4000", TODAY, True, D(1937, 1, 1)),  # 4 and 37-99: 1900s
        ("010136-9000", TODAY, False, None),  # 9 and 00-36: 2000s
        ("010136-9000", D(2036, 1, 2), True, D(2036, 1, 1)),
        ("010136-3000", TODAY, True, D(1936, 1, 1)),  # 0-3: always 1900s
        ("011226-4000", TODAY, True, D(2026, 12, 1)),  # born today
        ("021226-4000", TODAY, False, None),  # born tomorrow: not born yet
        ("2110525629", TODAY, False, None),  # stdnum's own example of a future birth date
        ("2110625629", TODAY, True, D(1862, 10, 21)),  # 5 and 58-99: 1800s
        ("2110620620", TODAY, True, D(1962, 10, 21)),  # no modulus-11 check
        ("101901234", TODAY, True, D(1990, 1, 1)),  # nine digits: a lost leading zero
        ("000101-1234", TODAY, False, None),  # day 00
        ("011301-1234", TODAY, False, None),  # month 13
        ("０１０１９０１２３４", TODAY, True, D(1990, 1, 1)),  # fullwidth: stdnum maps them
        ("٠١٠١٩٠١٢٣٤", TODAY, False, None),  # Arabic-Indic digits: stdnum rejects
    ],
)
def test_edge_cases(key, today, valid, born):
    assert expected([key], today)[0][1::2] == (valid, born)  # what stdnum says
    is_cpr, ok, pseudonym, birth = resolved([key], today)[0]
    assert (is_cpr, ok, birth) == (True, valid, born)
    assert (pseudonym is not None) == valid
    agree([key], today)


def test_the_lookalike_digits_are_stdnums():
    """The digits mapped to ASCII are exactly those stdnum's ``clean`` maps; no digit it maps
    to anything else, so a CPR-shaped key never meets another of its mappings."""
    stdnum_digits = {k: v for k, v in stdnum_util._char_map.items() if v.isdigit()}
    assert stdnum_digits == _LOOKALIKE_DIGITS
    assert all(
        unicodedata.category(k) != "Nd" or v.isdigit() for k, v in stdnum_util._char_map.items()
    )


# --- pseudonyms -----------------------------------------------------------------------------


def test_a_known_cpr_keeps_its_known_pseudonym():
    """Stored pseudonyms must never change: PS- + 20 hex digits of HMAC-SHA256(key, CPR)."""
    assert PSEUDONYMISE("2212164151") == "PS-2C7C3A9CB806FB00951F"
    assert PSEUDONYMISE.many(["2212164151"]).to_list() == ["PS-2C7C3A9CB806FB00951F"]
    long_key = Pseudonymiser(b"k" * 100)  # longer than a SHA-256 block: hashed first
    assert long_key.many(["0101901234"]).to_list() == ["PS-4919594BBCB6EFB97C50"]
    frame = resolve_citizens(pl.Series(["221216-4151", "2212164151"]), PSEUDONYMISE, TODAY)
    assert frame["citizen_id"].to_list() == ["PS-2C7C3A9CB806FB00951F"] * 2


@pytest.mark.parametrize(
    ("key", "message", "mac"),
    [  # RFC 4231, test cases 1 and 6 (a 20-byte key; a 131-byte key)
        (
            b"\x0b" * 20,
            "Hi There",
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
        ),
        (
            b"\xaa" * 131,
            "Test Using Larger Than Block-Size Key - Hash Key First",
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
        ),
    ],
)
def test_the_bulk_path_is_hmac_sha256(key, message, mac):
    assert Pseudonymiser(key).many([message]).to_list() == ["PS-" + mac[:20].upper()]


@settings(max_examples=100, deadline=None)
@given(
    key=st.binary(min_size=16, max_size=150),
    numbers=st.lists(st.from_regex(r"\A[0-9]{10}\Z"), max_size=30),
)
def test_the_bulk_pseudonyms_are_the_single_ones(key, numbers):
    pseudonymise = Pseudonymiser(key)
    want = [
        "PS-" + hmac.new(key, n.encode("ascii"), hashlib.sha256).hexdigest()[:20].upper()
        for n in numbers
    ]
    assert pseudonymise.many(numbers).to_list() == want == [pseudonymise(n) for n in numbers]

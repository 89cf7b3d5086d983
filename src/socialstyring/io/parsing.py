"""Vectorised parsers for Danish and plain notation. Each returns a polars expression
that yields null where the input is not valid; callers compare with the raw value to
find the rows in error."""

from __future__ import annotations

import polars as pl

DANISH = "danish"  # ';' files: 1.234.567,50
PLAIN = "plain"  # ',' files and numeric spreadsheet cells: 1234567.50

_DANISH_NUMBER = r"^[-+]?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$"
_PLAIN_NUMBER = r"^[-+]?\d+(\.\d+)?$"


def text(col: pl.Expr) -> pl.Expr:
    """Trimmed text; empty and whitespace-only become null."""
    stripped = col.str.strip_chars()
    return pl.when(stripped == "").then(None).otherwise(stripped)


def number(col: pl.Expr, notation: str) -> pl.Expr:
    """A number, with an optional ``kr.``/``kr`` suffix, in the file's notation."""
    cleaned = (
        col.str.strip_chars()
        .str.replace(r"(?i)\s*kr\.?$", "")
        .str.strip_chars()
        .str.replace("−", "-", literal=True)
    )
    if notation == DANISH:
        valid = cleaned.str.contains(_DANISH_NUMBER)
        canonical = cleaned.str.replace_all(".", "", literal=True).str.replace(
            ",", ".", literal=True
        )
    else:
        valid = cleaned.str.contains(_PLAIN_NUMBER)
        canonical = cleaned
    return pl.when(valid).then(canonical.cast(pl.Float64, strict=False)).otherwise(None)


# The shapes nearly every export writes (``-1234,50`` or ``-1234.50``): a subset of what
# :func:`number` accepts, parsed by one replace and a cast.
_SIMPLE_NUMBER = {DANISH: r"^-?\d+(,\d+)?$", PLAIN: r"^-?\d+(\.\d+)?$"}


def simple_numbers(col: pl.Expr, notation: str) -> pl.Expr:
    """True for a column whose every value has the simple shape."""
    return col.str.contains(_SIMPLE_NUMBER[notation]).all()


def simple_number(col: pl.Expr, notation: str) -> pl.Expr:
    """:func:`number` of values that all have the simple shape, at a third of its cost."""
    canonical = col.str.replace(",", ".", literal=True) if notation == DANISH else col
    return canonical.cast(pl.Float64, strict=False)


def amount(text: str, notation: str = DANISH) -> float | None:
    """One amount by the rule of :func:`number` (typed into a form, say); None when invalid."""
    return pl.select(number(pl.lit(text, dtype=pl.String), notation)).item()


_DATE_SHAPE = r"^(\d{1,2}[-./]\d{1,2}[-./]\d{4}|\d{4}-\d{1,2}-\d{1,2})$"
_DATE_FORMATS = ("%d-%m-%Y", "%d.%m.%Y", "%d/%m/%Y", "%Y-%m-%d")


def date(col: pl.Expr) -> pl.Expr:
    """``dd-mm-åååå``, ``dd.mm.åååå``, ``dd/mm/åååå`` or ISO ``åååå-mm-dd``; null when the
    date does not exist (``31-02-2026``) or mixes separators."""
    s = col.str.strip_chars()
    parsed = pl.coalesce(*(s.str.to_date(f, strict=False) for f in _DATE_FORMATS))
    return pl.when(s.str.contains(_DATE_SHAPE)).then(parsed).otherwise(None)


def integer(col: pl.Expr, notation: str) -> pl.Expr:
    """A whole number (years, places); null when it has a fraction."""
    value = number(col, notation)
    return pl.when(value == value.floor()).then(value.cast(pl.Int64, strict=False)).otherwise(None)


def account(col: pl.Expr) -> pl.Expr:
    """A function of the chart of accounts in ``5.28.21`` form.

    Accepts ``5.28.21``, ``52821`` and PRISME account strings
    (``01005-528211002-015027-…``: the first five digits of the second segment).
    Leading zeros are significant, so nothing is padded.
    """
    s = col.str.strip_chars()
    digits = (
        pl.when(s.str.contains(r"^\d\.\d{2}\.\d{2}$"))
        .then(s.str.replace_all(".", "", literal=True))
        .when(s.str.contains(r"^\d{5}$"))
        .then(s)
        .when(s.str.contains(r"^\d+-\d{5}"))
        .then(s.str.extract(r"^\d+-(\d{5})", 1))
        .otherwise(None)
    )
    return pl.concat_str(
        digits.str.slice(0, 1),
        pl.lit("."),
        digits.str.slice(1, 2),
        pl.lit("."),
        digits.str.slice(3, 2),
    )


_LAWS = {"sel": "SEL", "serviceloven": "SEL", "bl": "BL", "barnets lov": "BL", "barnetslov": "BL"}
_LAW_PREFIX = r"(?i)^(sel|serviceloven|barnets\s*lov|bl)\b\s*"


def paragraph(col: pl.Expr) -> pl.Expr:
    """``SEL §85``, ``sel 85`` → ``SEL § 85``; ``Barnets lov § 46`` → ``BL § 46``."""
    s = col.str.strip_chars().str.replace_all(r"\s+", " ")
    law = s.str.extract(_LAW_PREFIX, 1).str.to_lowercase().str.replace_all(r"\s+", " ")
    law_code = law.replace_strict(_LAWS, default=None, return_dtype=pl.String)
    rest = s.str.replace(_LAW_PREFIX, "").str.replace(r"^§+\s*", "").str.strip_chars()
    return (
        pl.when(law_code.is_not_null() & (rest != ""))
        .then(pl.concat_str(law_code, pl.lit(" § "), rest))
        .when(s.str.starts_with("§"))
        .then(pl.concat_str(pl.lit("§ "), rest))
        .otherwise(s)
    )


def code(col: pl.Expr, mapping: dict[str, str]) -> pl.Expr:
    """Map a free-text code (case-insensitive) to its internal value; null when unknown."""
    key = col.str.strip_chars().str.to_lowercase().str.replace_all(r"\s+", " ")
    return key.replace_strict(mapping, default=None, return_dtype=pl.String)

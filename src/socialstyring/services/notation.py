"""Danish notation at the faces: amounts typed as the import files write them (one rule,
``io.parsing``), and money and dates shown the Danish way (``io.formatting``)."""

from __future__ import annotations

import re

from socialstyring.io import parsing
from socialstyring.io.formatting import date_dk, kroner, number_dk, percent

_SPACES = re.compile(r"\s+")


def parse_amount(text: str) -> float:
    """``18.000.000``, ``18000000,50``, ``18.000.000 kr.`` by the import's rule for Danish
    numbers; spaces between digit groups are ignored. ValueError when it is no amount."""
    value = parsing.amount(_SPACES.sub("", text))
    if value is None:
        raise ValueError(text)
    return value


__all__ = ["date_dk", "kroner", "number_dk", "parse_amount", "percent"]

"""Parsing once per distinct value, or every row when nearly all differ: the same frame."""

from __future__ import annotations

from functools import partial

import polars as pl
import pytest

from socialstyring.io import distinct, parsing
from socialstyring.io.validation.typed import via_distinct


def test_only_large_mostly_different_columns_are_parsed_row_by_row():
    amounts = pl.Series([f"{i},{i % 100:02}" for i in range(200_000)])
    codes = pl.Series(["dag", "uge", "måned"] * 70_000)
    assert distinct.mostly_distinct(amounts)
    assert not distinct.mostly_distinct(codes)
    assert not distinct.mostly_distinct(amounts.head(1000))


@pytest.mark.parametrize("small", [10**9, 5], ids=["once-per-value", "every-row"])
def test_both_ways_give_the_same_frame(monkeypatch, small):
    monkeypatch.setattr(distinct, "SMALL", small)
    raw = ["1.234,50", " 99,95 kr", "x", None, "1.234,50", "-3", "7,5", "12,34,56", "8", "9"]
    frame = pl.DataFrame({"raw_amount": raw, "amount": [0.0] * len(raw)})
    got = via_distinct(frame, "raw_amount", "amount", partial(parsing.number, notation="danish"))
    assert got.columns == ["raw_amount", "amount"]
    assert got["amount"].to_list() == [1234.5, 99.95, None, None, 1234.5, -3.0, 7.5, None, 8.0, 9.0]


def test_the_row_by_row_way_is_taken_for_a_mostly_different_column(monkeypatch):
    monkeypatch.setattr(distinct, "SMALL", 5)
    assert distinct.mostly_distinct(pl.Series(["1", "2", "3", "4", "5", "6", "6", "6"]))

"""A CPR number that Excel stored as a number (leading zero lost) is still a CPR."""

from __future__ import annotations

import datetime as dt

import polars as pl

from socialstyring.io.cpr import Pseudonymiser, resolve_citizens

KEY = Pseudonymiser(b"k" * 32)
TODAY = dt.date(2026, 12, 1)


def test_nine_digits_are_a_cpr_that_lost_its_leading_zero():
    resolved = resolve_citizens(pl.Series(["101901234", "0101901234", "010190-1234"]), KEY, TODAY)
    assert resolved["is_cpr"].to_list() == [True, True, True]
    assert resolved["citizen_id"].n_unique() == 1
    assert resolved["citizen_id"][0].startswith("PS-")
    assert "101901234" not in "".join(resolved["citizen_id"].to_list())


def test_other_keys_are_kept_as_they_are():
    resolved = resolve_citizens(pl.Series(["P31-000026", "12345678", "DEMO-000001"]), KEY, TODAY)
    assert resolved["is_cpr"].to_list() == [False, False, False]
    assert resolved["citizen_id"].to_list() == ["P31-000026", "12345678", "DEMO-000001"]

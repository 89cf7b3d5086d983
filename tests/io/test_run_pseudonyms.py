"""Pseudonyms for a run that stores nothing (a forecast from files): one per CPR number,
the same in every file of the run, never the digits themselves."""

from __future__ import annotations

import datetime as dt

import polars as pl

from socialstyring.io.cpr import RunPseudonymiser, resolve_citizens

TODAY = dt.date(2026, 12, 1)


def test_the_same_number_gets_the_same_pseudonym_in_every_call():
    run = RunPseudonymiser()
    first = run.many(["0101901234", "0202902345", "0101901234"]).to_list()
    second = run.many(["0303903456", "0202902345"]).to_list()
    assert first[0] == first[2] != first[1]
    assert second[1] == first[1]
    assert len({*first, *second}) == 3
    assert run("0101901234") == first[0]


def test_pseudonyms_hide_the_number_and_differ_between_runs_only_by_order():
    numbers = ["3112995678", "0101901234"]
    pseudonyms = RunPseudonymiser().many(numbers).to_list()
    assert all(p.startswith("PS-") and len(p) == 21 for p in pseudonyms)
    assert not any(n in p or n[:6] in p for n in numbers for p in pseudonyms)


def test_two_spellings_of_one_cpr_are_one_citizen_across_files():
    run = RunPseudonymiser()
    grants = resolve_citizens(pl.Series(["010190-1234", "P-7"]), run, TODAY)
    appeals = resolve_citizens(pl.Series(["0101901234", "101901234"]), run, TODAY)
    one = grants["citizen_id"][0]
    assert appeals["citizen_id"].to_list() == [one, one]
    assert grants["citizen_id"][1] == "P-7"
    assert grants["cpr_birth_date"][0] == dt.date(1990, 1, 1)

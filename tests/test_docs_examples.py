"""The worked example of docs/forecast.md is what the program computes from docs/examples/."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from socialstyring.services.files import read_uploads
from socialstyring.services.forecasting import compute, inputs_from_uploads

EXAMPLES = Path(__file__).resolve().parents[1] / "docs" / "examples"
WITHOUT_LEDGER = ("bevillinger.csv", "budget.csv", "leverandører.csv")
WITH_LEDGER = (*WITHOUT_LEDGER, "posteringer.csv")

# account: budget, spent to date, committed rest, expected, deviation (as printed in the doc)
DOC_WITHOUT_LEDGER = {
    "5.28.22": (650_000, 148_451.61, 285_000, 433_451.61, 216_548.39),
    "5.38.50": (300_000, 219_214.29, 137_571.43, 356_785.71, -56_785.71),
}
DOC_WITH_LEDGER = {
    "5.28.22": (650_000, 58_451.61, 285_000, 343_451.61, 306_548.39),
    "5.38.50": (300_000, 175_000, 137_571.43, 312_571.43, -12_571.43),
}
MEASURES = ("budget", "spent_to_date", "committed_rest", "expected", "deviation")


@pytest.mark.parametrize(
    ("files", "expected"),
    [(WITHOUT_LEDGER, DOC_WITHOUT_LEDGER), (WITH_LEDGER, DOC_WITH_LEDGER)],
    ids=["without-ledger", "with-ledger"],
)
def test_the_worked_example_gives_the_documented_figures(files, expected):
    inputs = inputs_from_uploads(read_uploads(EXAMPLES / name for name in files))
    result = compute(inputs, 2026, dt.date(2026, 5, 31))
    got = {row["account"]: row for row in result.table.iter_rows(named=True)}
    assert sorted(got) == sorted(expected)
    for account, figures in expected.items():
        for measure, figure in zip(MEASURES, figures, strict=True):
            assert got[account][measure] == pytest.approx(figure, abs=0.01), (account, measure)

"""The ledger's daily sums: the forecast's spending per account and month read from them
equals the sum over the postings themselves, after every kind of change."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest
from django.db import connection

from socialstyring.demo.generator import generate
from socialstyring.storage import frames
from socialstyring.storage.models import Posting

pytestmark = pytest.mark.django_db
AS_OF = dt.date(2026, 5, 31)


def _from_postings() -> dict[str, float]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT account, SUM(amount) FROM ss_posting WHERE posting_date BETWEEN %s AND %s "
            "GROUP BY account",
            [dt.date(2026, 1, 1), AS_OF],
        )
        return {a: round(s, 6) for a, s in cursor.fetchall()}


def _from_totals() -> dict[str, float]:
    totals = frames.load_posting_totals(2026, AS_OF).group_by("account").agg(pl.sum("amount"))
    return {a: round(s, 6) for a, s in totals.iter_rows()}


def test_the_monthly_totals_follow_imports_changes_and_single_rows():
    demo = generate(seed=4, grants=300, year=2026, as_of=AS_OF)
    frames.save("posteringer", demo.postings)
    assert _from_totals() == _from_postings() != {}
    changed = demo.postings.with_columns(pl.col("amount") * 2)
    frames.save("posteringer", changed.head(50))
    assert _from_totals() == _from_postings()
    Posting.objects.create(
        posting_id="extra", posting_date=dt.date(2026, 2, 3), account="5.38.38", amount=1234.5
    )
    assert _from_totals() == _from_postings()
    Posting.objects.get(posting_id="extra").delete()
    assert _from_totals() == _from_postings()

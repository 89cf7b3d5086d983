"""The ledger's daily sums: the forecast's spending per account and month read from them
equals the sum over the postings themselves, after every kind of change."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest
from django.db import connection

from socialstyring.demo.generator import generate
from socialstyring.storage import frames, tenancy
from socialstyring.storage.models import Posting

pytestmark = pytest.mark.django_db
AS_OF = dt.date(2026, 5, 31)


def _from_postings() -> dict[str, float]:
    """The same sums straight from the postings of the active municipality."""
    (code,) = tenancy.current_codes()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT account, SUM(amount) FROM ss_posting WHERE posting_date BETWEEN %s AND %s "
            "AND municipality = %s GROUP BY account",
            [dt.date(2026, 1, 1), AS_OF, code],
        )
        return {a: round(s, 6) for a, s in cursor.fetchall()}


def _sums(postings: pl.DataFrame) -> dict[str, float]:
    spent = postings.filter(pl.col("posting_date").is_between(dt.date(2026, 1, 1), AS_OF))
    return dict(spent.group_by("account").agg(pl.sum("amount")).iter_rows())


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


def test_a_first_load_sums_the_frame_itself_for_each_municipality():
    demo = generate(seed=8, grants=200, year=2026, as_of=AS_OF)
    two = pl.concat(
        [
            demo.postings.with_columns(pl.lit(tenancy.default_code()).alias("municipality")),
            demo.postings.with_columns(pl.lit("851").alias("municipality")),
        ]
    )
    with tenancy.activate([tenancy.default_code(), "851"], database=False):
        assert frames.save("posteringer", two).first_load
    assert _from_totals() == _from_postings() != {}
    assert _from_totals() == {a: round(s, 6) for a, s in _sums(demo.postings).items()}
    with tenancy.activate("851", database=False):
        assert _from_totals() == _from_postings()

"""A few demo cases that show the refund for expensive single cases (docs/refunds.md) at
work: a household whose one-off is spread over the year, a citizen who turns 67 and keeps
the refund, and one who turns 67 after a cheap month and so loses it.

The generated municipality already has many households and citizens above the
thresholds; these add the rules a user asks about. Their ledger lines are drawn up to the
as-of day like the rest, so spent to date agrees with them."""

from __future__ import annotations

import dataclasses
import datetime as dt

import polars as pl

from socialstyring.core.periods import month_bounds_inclusive
from socialstyring.core.refunds.months import month_expense
from socialstyring.demo.generator import DemoMunicipality
from socialstyring.terms import MONTH_NAMES

D = dt.date


def with_refund_cases(demo: DemoMunicipality) -> DemoMunicipality:
    """``demo`` with the refund cases' grants and their postings added."""
    y, as_of = demo.year, demo.as_of
    grants = demo.grants
    adult = _template(
        grants, (pl.col("account") == "5.38.50") & pl.col("paragraph").eq("SEL § 108")
    )
    child = _template(
        grants,
        (pl.col("account") == "5.28.20")
        & pl.col("paragraph").str.starts_with("BL")
        & (pl.col("team") == "Børn Syd"),
    )
    rows = [
        # A household: a placement, the sibling's support and a one-off spread over the year.
        _row(child, "B-R-001", "DEMO-R-BARN-1", D(y - 14, 3, 2), D(y - 1, 8, 1), 95_000.0,
             family_id="F-R-01"),
        _row(child, "B-R-002", "DEMO-R-BARN-2", D(y - 11, 10, 20), D(y, 1, 1), 40_000.0,
             family_id="F-R-01"),
        _row(child, "B-R-003", "DEMO-R-BARN-2", D(y - 11, 10, 20), D(y, 3, 1), 420_000.0,
             family_id="F-R-01", end=D(y, 3, 1), price_unit="once",
             service="Engangsudgift ved anbringelse"),
        # 67 on 15 May; April's expense is above t1, so the months after keep their refund.
        _row(adult, "B-R-101", "DEMO-R67-1", D(y - 67, 5, 15), D(y - 1, 1, 1), 185_000.0),
        # 67 on 1 September after a cheap August: the dearer offer from then gets no refund.
        _row(adult, "B-R-102", "DEMO-R67-2", D(y - 67, 9, 1), D(y - 2, 1, 1), 60_000.0,
             end=D(y, 8, 31)),
        _row(adult, "B-R-103", "DEMO-R67-2", D(y - 67, 9, 1), D(y, 9, 1), 260_000.0,
             registered=D(y, 8, 15)),
    ]  # fmt: skip
    for row in rows:
        row["registered"] = min(row["registered"] or row["start"], as_of)
    extra = pl.DataFrame(rows, schema=grants.schema)
    return dataclasses.replace(
        demo,
        grants=pl.concat([grants, extra]),
        postings=pl.concat([demo.postings, _postings(extra, y, as_of)]),
    )


def _row(
    template: dict,
    grant_id: str,
    citizen_id: str,
    birth_date: dt.date,
    start: dt.date,
    price: float,
    **fields: object,
) -> dict:
    """A grant like ``template`` (its paragraph, account, provider, team), priced a month."""
    row = {**template, "end": None, "registered": None, "price_unit": "month", "quantity": 1.0}
    row.update(grant_id=grant_id, citizen_id=citizen_id, family_id=None, birth_date=birth_date)
    row.update(start=start, price=price, **fields)
    return row


def _template(grants: pl.DataFrame, which: pl.Expr) -> dict:
    return grants.filter(which).sort("grant_id").row(0, named=True)


def _postings(grants: pl.DataFrame, year: int, as_of: dt.date) -> pl.DataFrame:
    """One posting per grant and month of ``year`` up to ``as_of``: the month's cost, one-offs
    booked whole in their month."""
    parts = []
    for month in range(1, 13):
        first, last = month_bounds_inclusive(year, month)
        if first > as_of:
            break
        cost = (
            pl.when(pl.col("price_unit") == "once")
            .then(
                pl.when(pl.col("start").is_between(first, last))
                .then(pl.col("price"))
                .otherwise(0.0)
            )
            .otherwise(month_expense(first, last, year))
        )
        parts.append(
            grants.select(
                pl.concat_str(pl.lit("P-R-"), pl.col("grant_id"), pl.lit(f"-{month:02d}")).alias(
                    "posting_id"
                ),
                pl.lit(min(D(year, month, 5), as_of)).alias("posting_date"),
                "account",
                cost.round(2).alias("amount"),
                "grant_id",
                (pl.col("service") + f", {MONTH_NAMES[month - 1].lower()} {year}").alias("text"),
            ).filter(pl.col("amount") > 0)
        )
    return pl.concat(parts) if parts else pl.DataFrame()

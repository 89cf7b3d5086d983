"""The forecast's decided column (review outcomes not yet registered) over N grants with
M pending outcomes, from frames in memory, against a plain alternative: the review's own
saving (``outcome_saving``, one grant at a time) summed per account in a Python loop.
Usage: python bench/decided.py [N] [M]"""

from __future__ import annotations

import sys

import polars as pl
from common import AS_OF, YEAR, emit, summary, timed

from socialstyring.core.rules import decisions
from socialstyring.core.rules.steering import outcome_saving
from socialstyring.demo.generator import generate

KINDS = ("closed", "hours_reduced", "converted")


def outcomes_for(grants: pl.DataFrame, m: int) -> pl.DataFrame:
    """M outcomes on known open-ended periodic grants (the grants show none of them yet),
    the three costing kinds in turn, effective in the second half of the year."""
    chosen = grants.filter(
        (pl.col("price_unit") != "once")
        & (pl.col("registered").fill_null(pl.col("start")) <= AS_OF)
        & pl.col("end").is_null()
    ).head(m)
    i = pl.int_range(pl.len())
    kind = (i % 3).replace_strict(dict(enumerate(KINDS)), return_dtype=pl.String)
    return chosen.select(
        i.cast(pl.Int64).alias("review_id"),
        "grant_id",
        pl.lit(AS_OF, pl.Date).alias("reviewed_on"),
        pl.lit(None, pl.Date).alias("registered_on"),
        kind.alias("outcome"),
        pl.date(YEAR, 7, 1).alias("effective"),
        pl.lit(None, pl.Date).alias("wind_down"),
        (pl.col("quantity") / 2).alias("new_quantity"),
        (pl.col("price") * 0.8).alias("new_price"),
        pl.lit(None, pl.String).alias("new_unit"),
    )


def plain(grants: pl.DataFrame, outcomes: pl.DataFrame) -> dict[str, float]:
    """One outcome at a time through the per-review saving; the sign of the column."""
    terms = {g["grant_id"]: g for g in grants.to_dicts()}
    sums: dict[str, float] = {}
    for o in outcomes.to_dicts():
        g = terms[o["grant_id"]]
        saved, _per_year = outcome_saving(
            g,
            o["outcome"],
            o["effective"],
            AS_OF,
            new_quantity=o["new_quantity"] if o["outcome"] == "hours_reduced" else None,
            new_price=o["new_price"] if o["outcome"] == "converted" else None,
        )
        sums[g["account"]] = sums.get(g["account"], 0.0) - saved
    return sums


def main(n: int, m: int) -> None:
    grants = generate(seed=7, grants=n, year=YEAR, as_of=AS_OF).grants
    outcomes = outcomes_for(grants, m)
    # Only the hours-reduced rows carry new hours, only the converted ones a new price.
    outcomes = outcomes.with_columns(
        pl.when(pl.col("outcome") == "hours_reduced").then(pl.col("new_quantity")),
        pl.when(pl.col("outcome") == "converted").then(pl.col("new_price")),
    )
    times, column = timed(
        lambda: decisions.decided(grants, outcomes, year=YEAR, as_of=AS_OF, by="account")
    )
    plain_times, by_hand = timed(lambda: plain(grants, outcomes), repeat=1)
    mine = dict(column.iter_rows())  # type: ignore[union-attr]
    assert mine.keys() == by_hand.keys()
    assert all(abs(mine[k] - by_hand[k]) < 0.01 for k in mine), "the two ways disagree"
    emit(
        "decided",
        {
            "grants": grants.height,
            "outcomes": outcomes.height,
            "decided_vectorised": summary(times),
            "plain_loop_over_outcome_saving": summary(plain_times),
            "speed_up": round(min(plain_times) / min(times), 1),
            "total_decided": round(sum(mine.values()), 2),
        },
    )


if __name__ == "__main__":
    main(
        int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000,
        int(sys.argv[2]) if len(sys.argv) > 2 else 1_000,
    )

"""When parsing once per distinct value pays: most columns repeat a handful of values
(codes, accounts, dates), but a ledger's amounts are nearly all different, and then the
unique-parse-join costs three times what parsing every row does."""

from __future__ import annotations

import polars as pl

# Parse every row directly when more than this share of a large column's values differ.
DIRECT_SHARE = 0.25
SMALL = 100_000  # below this many rows either way is quick


def mostly_distinct(values: pl.Series) -> bool:
    """True for a large column whose values are mostly different (an estimate: HyperLogLog,
    about 10 ms for a million rows)."""
    if values.len() <= SMALL:
        return False
    estimate = pl.select(pl.lit(values).approx_n_unique()).item()
    return bool(estimate > DIRECT_SHARE * values.len())

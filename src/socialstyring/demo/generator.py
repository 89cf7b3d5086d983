"""A synthetic municipality from one seed: population, providers and ledger, composed.

The demo municipality has no real citizens: citizen keys are pseudonyms
(``DEMO-000123``), birth dates are drawn, provider names are made up. Every range
used in this package, and where it comes from, is listed in ``docs/demo.md``.

All drawing is vectorised (numpy arrays, polars expressions); the only Python loops
run over the service catalogue, never over grants, so a million grants take seconds.
The frames use the core's column names, exactly as ``io.validation`` produces them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import polars as pl

from socialstyring.demo.budget_split import distributed
from socialstyring.demo.catalogue import CATALOGUE, ServiceKind
from socialstyring.demo.files import write_files
from socialstyring.demo.ledger import UNIT_CODES, budget_frame, month_costs, posting_frame
from socialstyring.demo.population import (
    default_grant_count,
    draft_grants,
    grant_frame,
    in_grant_order,
)
from socialstyring.demo.providers import draw_providers, price_grants, provider_frame
from socialstyring.reference import municipalities


@dataclass(frozen=True)
class DemoMunicipality:
    """The four import frames of a synthetic municipality, in the core's column names."""

    grants: pl.DataFrame
    budgets: pl.DataFrame
    postings: pl.DataFrame
    providers: pl.DataFrame
    year: int
    as_of: dt.date
    seed: int
    municipality_code: str  # the operating municipality of its own providers


def generate(
    seed: int = 2026,
    grants: int | None = None,
    year: int = 2026,
    as_of: dt.date = dt.date(2026, 11, 24),
    inhabitants: int = 40_000,
) -> DemoMunicipality:
    """A demo municipality with ``grants`` grant rows (default: scaled to ``inhabitants``),
    five years of history before ``year``, and a ledger up to ``as_of``. Same seed, same data."""
    total = default_grant_count(inhabitants) if grants is None else grants
    if total < 0:
        raise ValueError("grants must be 0 or more")
    # One stream of draws for everything: the order of the steps below is part of the seed's
    # output, so reordering them changes every file.
    rng = np.random.default_rng(seed)
    towns = municipalities()
    home = int(rng.integers(towns.height))
    draft = draft_grants(rng, total, year, as_of)
    provider_arrays, draft["provider"] = draw_providers(rng, draft["kind"], towns, home)
    price_grants(rng, draft, provider_arrays)
    draft = in_grant_order(draft)
    grants_frame = grant_frame(draft, provider_arrays)
    # Null first: postings gather at grant row + 1, and corrections (row 0) have no grant.
    grant_ids = pl.concat([pl.Series([None], dtype=pl.String), grants_frame["grant_id"]])
    postings = posting_frame(rng, draft, grant_ids, year, as_of)
    # per area and team (no draws: the seed's output stays the same)
    budgets = distributed(budget_frame(rng, grants_frame, year), grants_frame)
    return DemoMunicipality(
        grants=grants_frame,
        budgets=budgets,
        postings=postings,
        providers=provider_frame(provider_arrays),
        year=year,
        as_of=as_of,
        seed=seed,
        municipality_code=towns["code"][home],
    )


__all__ = [
    "CATALOGUE",
    "UNIT_CODES",
    "DemoMunicipality",
    "ServiceKind",
    "default_grant_count",
    "generate",
    "month_costs",
    "write_files",
]

"""Counts an action plan's targets may be tied to, beside the forecast's sums."""

from __future__ import annotations

import datetime as dt

import polars as pl

from socialstyring.core.costs import active_expr
from socialstyring.core.people import age_on
from socialstyring.terms import CHILDREN


def families_with_several_grants(grants: pl.DataFrame, day: dt.date, ages: tuple[int, int]) -> int:
    """Families (the family id, else the citizen) in the children's area with more than one
    grant active on ``day`` for a child whose age on ``day`` lies within ``ages``."""
    lo, hi = ages
    active = grants.filter(
        active_expr(day) & (pl.col("area") == CHILDREN) & age_on(day).is_between(lo, hi)
    )
    families = active.group_by(pl.col("family_id").fill_null(pl.col("citizen_id"))).len()
    return families.filter(pl.col("len") > 1).height

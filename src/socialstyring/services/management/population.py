"""The imported population (befolkning) for every capability that divides by inhabitants
(key figures here; objective financing in the regional work)."""

from __future__ import annotations

import polars as pl

from socialstyring.terms import FileKind


def population() -> pl.DataFrame:
    """``municipality_code``, ``year``, ``age_from``, ``age_to``, ``count``: every stored row of
    the active municipality's import (an age band has ``age_from < age_to``; one age, equal)."""
    from socialstyring.storage import frames

    return frames.load_kind(FileKind.POPULATION)


def inhabitants(code: str, ages: tuple[int, int]) -> pl.DataFrame:
    """``year``, ``inhabitants`` of municipality ``code`` whose age band lies wholly within
    ``ages`` (both ends included)."""
    from socialstyring.core.management.key_figures import inhabitants as count

    return count(population(), code, ages).sort("year")

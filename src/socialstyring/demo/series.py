"""Polars columns from numpy arrays: dates from day numbers, texts from a table, ids."""

from __future__ import annotations

import numpy as np
import polars as pl


def date_series(days: np.ndarray) -> pl.Series:
    return pl.Series(days.astype(np.int32)).cast(pl.Date)


def text_series(values: list[str], index: np.ndarray) -> pl.Series:
    """``values[index]`` as strings; gathering from a short table beats building many strings."""
    return pl.Series(values, dtype=pl.String).gather(index)


def id_series(prefix: str, count: int, width: int, null_first: bool = False) -> pl.Series:
    """``prefix`` + 1 … ``count`` zero-padded; with ``null_first`` a null at index 0, so that
    gathering at ``index + 1`` turns index -1 into null."""
    ids = pl.select(
        pl.concat_str(pl.lit(prefix), pl.int_range(1, count + 1).cast(pl.String).str.zfill(width))
    )
    series = ids.to_series()
    return pl.concat([pl.Series([None], dtype=pl.String), series]) if null_first else series

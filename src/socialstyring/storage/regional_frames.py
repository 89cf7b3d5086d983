"""The regional tables as frames: offer budgets, offer accounts, and all municipalities'
grants and providers for the secretariat's views (inside the caller's tenancy)."""

from __future__ import annotations

import polars as pl

from socialstyring.storage import frames
from socialstyring.terms import FileKind

# What the regional views read of a grant: no citizen field but the pseudonym, which
# the bring-home list of a municipality's own citizens needs.
GRANT_COLUMNS = [
    "grant_id",
    "citizen_id",
    "provider_id",
    "start",
    "end",
    "price",
    "price_unit",
    "quantity",
    "registered",
]


def load(kind: FileKind) -> pl.DataFrame:
    """Every row of ``kind`` the active municipalities may see, with its municipality."""
    table = frames.TABLES[kind]
    return frames._load(kind, columns=[frames.TENANT, *table.data_columns])


def load_grants(columns: list[str] | None = None) -> pl.DataFrame:
    table = frames.TABLES[FileKind.GRANTS]
    return frames._load(FileKind.GRANTS, columns=[table.key[0], *(columns or GRANT_COLUMNS)])

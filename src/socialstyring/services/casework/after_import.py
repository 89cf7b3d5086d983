"""What case steering does after grants are imported (docs/casework.md): queue the grants
an approval rule flags, and mark the review outcomes the grants now show as registered in
the case system, each in the municipality whose grants came in. Both are idempotent: a
grant is queued once per rule, an outcome registered once."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterable, Mapping

import polars as pl

from socialstyring.services.casework import approvals, decisions
from socialstyring.storage import tenancy


def after_grants(
    codes: Iterable[str],
    as_of: dt.date,
    username: str = "",
    saved: Mapping[str, pl.DataFrame] | None = None,
) -> dict[str, int]:
    """Per municipality code: the approvals queued and the outcomes registered (summed).
    ``saved``: per code, its grants when the import stored all it has (a first load), so
    they are not read back."""
    saved = saved or {}
    counts = {"approvals": 0, "registered": 0}
    for code in sorted(set(codes)):
        scope = (
            contextlib.nullcontext()
            if tenancy.current_codes() == (code,)
            else tenancy.activate(code)
        )
        with scope:
            counts["approvals"] += approvals.flag(as_of, username, saved=saved.get(code))
            counts["registered"] += decisions.register_from_import(as_of, username)
    return counts

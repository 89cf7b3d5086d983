"""The projection kept with a follow-up snapshot (docs/projection.md): per line the five
figures the overview shows *Med fremskrivning* at the moment the snapshot is taken, and the
total's own interval. Snapshots saved before this was kept hold nulls and show "–"."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from socialstyring.terms import PROJECTION_FIELDS

# The figures that add up over lines; the interval's bounds do not (a bad year is bad for
# every account), so area subtotals leave them out and the total keeps its own.
ADDITIVE = ("inflow", "early_endings", "projected")


@dataclass
class SnapshotProjection:
    lines: dict[str, dict[str, float]]  # account → the five figures
    totals: dict[str, Any]  # the five for the whole area, and the years inflow was learnt from


def at(year: int, as_of: dt.date) -> SnapshotProjection | None:
    """The live projection by account, exactly as the overview computes it; None when it
    cannot be made (no grants known)."""
    from socialstyring.services import projection

    inputs = projection.inputs_from_database(year, as_of, "account")
    result = projection.compute(inputs, year, as_of, "account")
    if result.table.height == 0:
        return None
    lines = {
        row["account"]: {f: float(row[f]) for f in PROJECTION_FIELDS}
        for row in result.table.iter_rows(named=True)
    }
    totals: dict[str, Any] = {f: float(result.totals[f] or 0.0) for f in PROJECTION_FIELDS}
    totals["inflow_years"] = list(result.inflow_years)
    # The projected figure per month, so the snapshot's chart draws the path it drew then.
    monthly = projection.path(inputs, year, as_of, totals["inflow"])["projected"]
    totals["path"] = [float(v) for v in monthly]
    return SnapshotProjection(lines, totals)


def with_path(series: Any, totals: dict[str, Any] | None) -> Any:
    """A snapshot's chart of the year with the projected path kept with it, if any."""
    if series is None or not totals or not totals.get("path"):
        return series
    from socialstyring.services.projection import with_projected_path

    spread = float(totals["projected_high"] - totals["projected"])
    return with_projected_path(series, totals["path"], spread)


def line_figures(projection: SnapshotProjection | None, account: str) -> dict[str, float | None]:
    """One line's five figures for the model (nulls when there is no projection)."""
    figures = projection.lines.get(account, {}) if projection else {}
    return {f: figures.get(f) for f in PROJECTION_FIELDS}


def subtotals(rows: list[dict[str, Any]]) -> dict[str, float | None]:
    """An area's inflow, early endings and projected (None when its lines have none)."""
    out: dict[str, float | None] = {}
    for field in ADDITIVE:
        values = [r[field] for r in rows if r.get(field) is not None]
        out[field] = sum(values) if values else None
    return out


def movement(a: float | None, b: float | None) -> float | None:
    """The change in a figure from A to B; None when either snapshot lacks it."""
    return None if a is None or b is None else b - a

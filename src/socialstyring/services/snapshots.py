"""Follow-up snapshots (budgetopfølgning): save the forecast with comments, read them back
by area, and compare two of them (the breakdown itself is :mod:`core.changes`). The
committee report is :mod:`services.committee`, the buffer pool :mod:`services.buffers`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import polars as pl
from django.db import transaction
from django.db.models import Q, QuerySet, Sum
from django.http import Http404
from django.utils.translation import gettext as _

from socialstyring.core import changes as changes_of
from socialstyring.core.forecast import monthly_profile
from socialstyring.io.writers.chart import YearSeries, year_series
from socialstyring.services import audit, followups, forecasting, snapshot_projections
from socialstyring.services.access import Viewer, require
from socialstyring.services.buffers import BufferStatus, buffer_at

# The drill-down lives beside the comparison; callers keep reaching it here.
from socialstyring.services.snapshot_drilldown import DrillDown as DrillDown
from socialstyring.services.snapshot_drilldown import drill_down as drill_down
from socialstyring.storage import versions
from socialstyring.storage.models import Account, Snapshot, SnapshotGrant, SnapshotLine
from socialstyring.terms import (
    ACCOUNT_AREAS,
    MAIN_FUNCTION_AREAS,
    OTHER_ACCOUNTS,
    PARTS,
    PROJECTION_FIELDS,
)
from socialstyring.terms import MEASURE_FIELDS as MEASURES

# --- saving and commenting -------------------------------------------------------------


def save_snapshot(
    year: int,
    as_of: dt.date,
    title: str,
    note: str,
    comments: dict[str, str],
    is_final: bool,
    username: str,
    now: dt.datetime,
) -> Snapshot:
    """Compute the forecast from the database and freeze it, per account and per grant."""
    inputs = forecasting.inputs_from_database(year, as_of, with_grant_ids=True)
    table = forecasting.compute(inputs, year, as_of).table
    grants = changes_of.grant_figures(inputs.grants, year, as_of)
    profile = monthly_profile(inputs.grants, inputs.postings, year=year, as_of=as_of)
    projected = snapshot_projections.at(year, as_of)
    with transaction.atomic():
        snapshot = Snapshot.objects.create(
            year=year,
            as_of=as_of,
            title=title.strip(),
            note=note.strip(),
            is_final=is_final,
            created_at=now,
            created_by=username,
            profile=profile.to_dicts(),
            projection=projected.totals if projected else None,
        )
        lines = [
            SnapshotLine(
                snapshot=snapshot,
                comment=comments.get(row["account"], "").strip(),
                **{k: row[k] for k in ("account", *MEASURES)},
                **snapshot_projections.line_figures(projected, row["account"]),
            )
            for row in table.iter_rows(named=True)
        ]
        SnapshotLine.objects.bulk_create(lines)
        SnapshotGrant.objects.bulk_create(
            (SnapshotGrant(snapshot=snapshot, **row) for row in grants.iter_rows(named=True)),
            batch_size=2000,
        )
        audit.record(
            username,
            "followup.snapshot.saved",
            object_type="snapshot",
            object_id=str(snapshot.pk),
            at=now,
            changes={
                "year": year,
                "as_of": as_of.isoformat(),
                "title": snapshot.title,
                "is_final": is_final,
                "lines": len(lines),
                "grants": grants.height,
            },
        )
    return snapshot


def update_comments(
    snapshot: Snapshot,
    note: str,
    comments: dict[str, str],
    username: str,
    now: dt.datetime | None = None,
) -> dict[str, list[Any]]:
    """Change the note and account comments; the audit entry holds only what changed."""
    with transaction.atomic():
        # Read under lock, so two people editing at once each audit what they really changed.
        current = Snapshot.objects.select_for_update().get(pk=snapshot.pk)
        lines = {
            line.account: line
            for line in SnapshotLine.objects.select_for_update().filter(snapshot=snapshot)
        }
        before = {
            "note": current.note,
            **{f"comment:{a}": line.comment for a, line in lines.items()},
        }
        after = {
            "note": note.strip(),
            **{f"comment:{a}": comments.get(a, line.comment).strip() for a, line in lines.items()},
        }
        changes = audit.changed_fields(before, after)
        if not changes:
            return changes
        changed_lines = []
        for key, (_old, new) in changes.items():
            if key.startswith("comment:"):
                line = lines[key.removeprefix("comment:")]
                line.comment = new
                changed_lines.append(line)
        SnapshotLine.objects.bulk_update(changed_lines, ["comment"])
        versions.bump_edits()  # a bulk update sends no signal
        if "note" in changes:
            current.note = snapshot.note = after["note"]
            current.save(update_fields=["note"])
        audit.record(
            username,
            "followup.snapshot.changed",
            object_type="snapshot",
            object_id=str(snapshot.pk),
            changes=changes,
            at=now,
        )
    return changes


# --- reading -------------------------------------------------------------------------


def snapshot_for(viewer: Viewer, pk: int, action: str = "snapshots.view") -> Snapshot:
    """A snapshot the viewer may see (snapshots hold account totals only, no team scope)."""
    require(viewer, action)
    try:
        return Snapshot.objects.get(pk=pk)
    except Snapshot.DoesNotExist:
        raise Http404 from None


def previous_of(snapshot: Snapshot) -> Snapshot | None:
    """The year's snapshot just before this one, to compare with."""
    earlier = (
        Snapshot.objects.filter(year=snapshot.year)
        .exclude(pk=snapshot.pk)
        .filter(Q(as_of__lt=snapshot.as_of) | Q(as_of=snapshot.as_of, id__lt=snapshot.pk))
    )
    return earlier.order_by("-as_of", "-id").first()


def snapshots_in_year(year: int) -> QuerySet[Snapshot]:
    """The year's snapshots, newest first, with their totals in the same query."""
    return (
        Snapshot.objects.filter(year=year)
        .annotate(
            total_budget=Sum("lines__budget"),
            total_expected=Sum("lines__expected"),
            total_deviation=Sum("lines__deviation"),
        )
        .order_by("-as_of", "-id")
    )  # explicit: Django drops Meta.ordering from aggregate queries


def recent(limit: int = 200) -> QuerySet[Snapshot]:
    """Snapshots to choose from, newest first."""
    return Snapshot.objects.all()[:limit]


def area_of(account: str, main_function: str = "") -> str:
    """``children`` / ``adults`` from the account's hovedfunktion (the account itself when
    the chart of accounts does not know it), ``other`` for anything else."""
    return MAIN_FUNCTION_AREAS.get((main_function or account)[:4], OTHER_ACCOUNTS.value)


def snapshot_rows(snapshot: Snapshot) -> pl.DataFrame:
    """The snapshot's lines with account name and area, ordered by area, then account."""
    accounts = {a.function: a for a in Account.objects.all()}
    rows = []
    for line in snapshot.lines.all():
        account = accounts.get(line.account)
        area = area_of(line.account, account.main_function if account else "")
        rows.append(
            {
                "account": line.account,
                "account_name": account.name if account else "",
                "area": area,
                "area_label": ACCOUNT_AREAS.labels[area],
                **{m: getattr(line, m) for m in (*MEASURES, *PROJECTION_FIELDS)},
                "comment": line.comment,
            }
        )
    schema = {
        "account": pl.String,
        "account_name": pl.String,
        "area": pl.String,
        "area_label": pl.String,
        **{m: pl.Float64 for m in (*MEASURES, *PROJECTION_FIELDS)},
        "comment": pl.String,
    }
    frame = pl.DataFrame(rows, schema=schema)
    rank = pl.col("area").replace_strict(
        {a: i for i, a in enumerate(ACCOUNT_AREAS.values)}, return_dtype=pl.Int8
    )
    return frame.sort(rank, "account")


def totals_of(rows: pl.DataFrame) -> dict[str, Any]:
    """The measures' sums, and the projection's additive figures (None without them)."""
    sums: dict[str, Any] = {m: float(rows[m].sum()) for m in MEASURES}
    return sums | snapshot_projections.subtotals(rows.to_dicts())


@dataclass
class AreaGroup:
    label: str
    rows: list[dict[str, Any]]
    totals: dict[str, Any]


def area_groups(rows: pl.DataFrame) -> list[AreaGroup]:
    """Lines per area (children, adults, other) with subtotals, in that order."""
    return [
        AreaGroup(part["area_label"][0], part.to_dicts(), totals_of(part))
        for part in rows.partition_by("area", maintain_order=True)
    ]


def series_of(snapshot: Snapshot, budget: float) -> YearSeries | None:
    """The year chart from the profile frozen with the snapshot (none for an empty one)."""
    if not snapshot.profile:
        return None
    return year_series(pl.DataFrame(snapshot.profile), budget, snapshot.as_of, snapshot.year)


@dataclass
class SnapshotDetail:
    snapshot: Snapshot
    rows: pl.DataFrame
    totals: dict[str, Any]
    buffer: BufferStatus | None
    series: YearSeries | None
    projection: dict[str, Any] | None = None  # the total's five figures, when kept


def detail(snapshot: Snapshot) -> SnapshotDetail:
    rows = snapshot_rows(snapshot)
    totals = totals_of(rows)
    return SnapshotDetail(
        snapshot,
        rows,
        totals,
        buffer_at(snapshot, totals["deviation"]),
        snapshot_projections.with_path(series_of(snapshot, totals["budget"]), snapshot.projection),
        snapshot.projection,
    )


# --- comparing two snapshots -------------------------------------------------------------


@dataclass(frozen=True)
class GrantChange:
    grant_id: str
    account: str
    expected_a: float | None
    expected_b: float | None
    unit_price_a: float | None
    unit_price_b: float | None
    end_a: dt.date | None
    end_b: dt.date | None
    effect: float


@dataclass
class AccountMovement:
    """How one account's expected year-end moved from A to B, in whole kroner so the parts
    add up exactly to the movement as shown."""

    account: str
    name: str
    expected_a: int
    expected_b: int
    parts: dict[str, int]
    grants: dict[str, list[GrantChange]]
    projected_a: float | None = None  # the projection kept with each snapshot, if any
    projected_b: float | None = None

    @property
    def movement(self) -> int:
        return self.expected_b - self.expected_a

    @property
    def projected_movement(self) -> float | None:
        return snapshot_projections.movement(self.projected_a, self.projected_b)


@dataclass
class Comparison:
    a: Snapshot
    b: Snapshot
    accounts: list[AccountMovement]
    total: AccountMovement

    @property
    def projected(self) -> bool:
        """Whether either snapshot kept the projection."""
        return self.a.projection is not None or self.b.projection is not None


def compare(a: Snapshot, b: Snapshot) -> Comparison:
    """Split each account's movement into new grants, ended grants, price changes and the
    remainder (:mod:`core.changes`), with the grants behind each part."""
    changes = changes_of.grant_changes(_grant_frame(a), _grant_frame(b))
    table = changes_of.account_movements(_expected(a), _expected(b), changes)
    grants: dict[tuple[str, str], list[GrantChange]] = {}
    for row in changes.iter_rows(named=True):
        part = row.pop("part")
        grants.setdefault((row["account"], part), []).append(GrantChange(**row))
    for part_changes in grants.values():
        part_changes.sort(key=lambda c: -abs(c.effect))
    names = followups.account_names()
    projected_a, projected_b = _projected(a), _projected(b)
    movements = [
        AccountMovement(
            row["account"],
            names.get(row["account"], ""),
            row["expected_a"],
            row["expected_b"],
            {p: row[p] for p in PARTS},
            {p: grants.get((row["account"], p), []) for p in PARTS},
            projected_a.get(row["account"]),
            projected_b.get(row["account"]),
        )
        for row in table.iter_rows(named=True)
    ]
    total = AccountMovement(
        "",
        _("Total"),
        sum(m.expected_a for m in movements),
        sum(m.expected_b for m in movements),
        {p: sum(m.parts[p] for m in movements) for p in PARTS},
        {p: [c for m in movements for c in m.grants[p]] for p in PARTS},
        (a.projection or {}).get("projected"),
        (b.projection or {}).get("projected"),
    )
    return Comparison(a, b, movements, total)


def _projected(snapshot: Snapshot) -> dict[str, float | None]:
    """Each line's projected outturn as kept with the snapshot (None in older ones)."""
    return dict(snapshot.lines.values_list("account", "projected"))


def _grant_frame(snapshot: Snapshot) -> pl.DataFrame:
    rows = snapshot.grants.values_list("grant_id", "account", "end", "unit_price", "expected")
    return pl.DataFrame(list(rows), orient="row", schema=changes_of.GRANT_FIGURES)


def _expected(snapshot: Snapshot) -> pl.DataFrame:
    rows = snapshot.lines.values_list("account", "expected")
    return pl.DataFrame(list(rows), orient="row", schema=changes_of.EXPECTED)

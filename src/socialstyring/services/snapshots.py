"""Follow-up snapshots (budgetopfølgning): save the forecast with comments, explain how
the picture moved between two snapshots, render the committee report, and keep the
buffer pool (bufferpulje) that the year's last follow-up may release."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import polars as pl
from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone

from socialstyring.core.forecast import grant_year_costs, monthly_profile
from socialstyring.io.reports import SNAPSHOT_REPORT
from socialstyring.io.writers import pdf
from socialstyring.io.writers.chart import YearSeries, year_series
from socialstyring.services import audit, exports, followups, forecasting
from socialstyring.services.access import Viewer, require, visible_grants
from socialstyring.services.followups import BufferStatus
from socialstyring.storage.models import Account, BufferPool, Snapshot, SnapshotGrant, SnapshotLine
from socialstyring.terms import ACCOUNT_AREAS, MAIN_FUNCTION_AREAS, PART_LABELS, PARTS
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
    grants = _grant_figures(inputs.grants, year, as_of)
    profile = monthly_profile(inputs.grants, inputs.postings, year=year, as_of=as_of)
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
        )
        lines = [
            SnapshotLine(
                snapshot=snapshot,
                comment=comments.get(row["account"], "").strip(),
                **{k: row[k] for k in ("account", *MEASURES)},
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


def _grant_figures(grants: pl.DataFrame, year: int, as_of: dt.date) -> pl.DataFrame:
    """Each known grant with cost in the year: what compare() needs to explain a movement."""
    priced = grant_year_costs(grants, year, as_of)
    return priced.select(
        "grant_id",
        "account",
        "end",
        (pl.col("price") * pl.col("quantity").fill_null(1.0)).alias("unit_price"),
        (pl.col("grant_spent") + pl.col("committed_rest")).alias("expected"),
    ).filter(pl.col("expected") != 0)


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
        for key, (_, new) in changes.items():
            if key.startswith("comment:"):
                line = lines[key.removeprefix("comment:")]
                line.comment = new
                changed_lines.append(line)
        SnapshotLine.objects.bulk_update(changed_lines, ["comment"])
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


def area_of(account: str, main_function: str = "") -> str:
    """``children`` / ``adults`` from the account's hovedfunktion (the account itself when
    the chart of accounts does not know it), ``other`` for anything else."""
    return MAIN_FUNCTION_AREAS.get((main_function or account)[:4], "other")


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
                **{m: getattr(line, m) for m in MEASURES},
                "comment": line.comment,
            }
        )
    schema = {
        "account": pl.String,
        "account_name": pl.String,
        "area": pl.String,
        "area_label": pl.String,
        **{m: pl.Float64 for m in MEASURES},
        "comment": pl.String,
    }
    frame = pl.DataFrame(rows, schema=schema)
    rank = pl.col("area").replace_strict(
        {a: i for i, a in enumerate(ACCOUNT_AREAS.values)}, return_dtype=pl.Int8
    )
    return frame.sort(rank, "account")


def totals_of(rows: pl.DataFrame) -> dict[str, float]:
    return {m: float(rows[m].sum()) for m in MEASURES}


@dataclass
class AreaGroup:
    label: str
    rows: list[dict[str, Any]]
    totals: dict[str, float]


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


def buffer_at(snapshot: Snapshot, deviation: float) -> BufferStatus | None:
    """The buffer pool as this snapshot saw it (see :func:`followups.buffer_status`)."""
    return followups.buffer_status(snapshot.year, deviation, seen_on=snapshot.as_of)


@dataclass
class SnapshotDetail:
    snapshot: Snapshot
    rows: pl.DataFrame
    totals: dict[str, float]
    buffer: BufferStatus | None
    series: YearSeries | None


def detail(snapshot: Snapshot) -> SnapshotDetail:
    rows = snapshot_rows(snapshot)
    totals = totals_of(rows)
    return SnapshotDetail(
        snapshot,
        rows,
        totals,
        buffer_at(snapshot, totals["deviation"]),
        series_of(snapshot, totals["budget"]),
    )


def committee_download(snapshot: Snapshot) -> exports.Download:
    """The committee's PDF of one snapshot."""
    data = detail(snapshot)
    cover = pdf.CommitteeReport(
        organisation=settings.MUNICIPALITY_NAME,
        title=snapshot.title,
        year=snapshot.year,
        as_of=snapshot.as_of,
        created_by=snapshot.created_by,
        created_at=timezone.localtime(snapshot.created_at),
        note=snapshot.note,
        is_final=snapshot.is_final,
        lines=(),
        buffer=_buffer_summary(data.buffer),
        series=data.series,
    )
    return exports.download(
        SNAPSHOT_REPORT,
        data.rows,
        "pdf",
        f"udvalgsrapport-{snapshot.year}-{snapshot.as_of.isoformat()}",
        formats=("pdf",),
        document=cover,
    )


def _buffer_summary(status: BufferStatus | None) -> pdf.BufferSummary | None:
    if status is None:
        return None
    return pdf.BufferSummary(
        names=", ".join(p.name for p in status.pools),
        amount=status.amount,
        released=status.released,
        released_amount=status.released_amount,
        deviation_without=status.deviation_without,
        deviation_with=status.deviation_with,
        rule=status.pools[0].rule if len(status.pools) == 1 else "",
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

    @property
    def movement(self) -> int:
        return self.expected_b - self.expected_a


@dataclass
class Comparison:
    a: Snapshot
    b: Snapshot
    accounts: list[AccountMovement]
    total: AccountMovement


def compare(a: Snapshot, b: Snapshot) -> Comparison:
    """Split each account's movement into new grants, ended grants, price changes and the
    remainder, with the grants behind each part."""
    changes = _grant_changes(_grant_frame(a), _grant_frame(b))
    expected_a = dict(a.lines.values_list("account", "expected"))
    expected_b = dict(b.lines.values_list("account", "expected"))
    names = followups.account_names()
    accounts = sorted(set(expected_a) | set(expected_b) | {c.account for _, c in changes})
    movements = [
        _account_movement(
            account,
            names.get(account, ""),
            expected_a.get(account, 0.0),
            expected_b.get(account, 0.0),
            [(p, c) for p, c in changes if c.account == account],
        )
        for account in accounts
    ]
    total = AccountMovement(
        "",
        "I alt",
        sum(m.expected_a for m in movements),
        sum(m.expected_b for m in movements),
        {p: sum(m.parts[p] for m in movements) for p in PARTS},
        {p: [c for m in movements for c in m.grants[p]] for p in PARTS},
    )
    return Comparison(a, b, movements, total)


def _account_movement(
    account: str,
    name: str,
    expected_a: float,
    expected_b: float,
    changes: list[tuple[str, GrantChange]],
) -> AccountMovement:
    grants: dict[str, list[GrantChange]] = {p: [] for p in PARTS}
    for part, change in changes:
        grants[part].append(change)
    parts = {p: round(sum(c.effect for c in grants[p])) for p in ("new", "ended", "price")}
    movement = round(expected_b) - round(expected_a)
    # The remainder is what the grants do not explain: the ledger, the split between spent
    # and committed as time passes, grants whose period or start moved.
    parts["other"] = movement - parts["new"] - parts["ended"] - parts["price"]
    for part_changes in grants.values():
        part_changes.sort(key=lambda c: -abs(c.effect))
    return AccountMovement(account, name, round(expected_a), round(expected_b), parts, grants)


def _grant_frame(snapshot: Snapshot) -> pl.DataFrame:
    rows = snapshot.grants.values_list("grant_id", "account", "end", "unit_price", "expected")
    return pl.DataFrame(
        list(rows),
        orient="row",
        schema={
            "grant_id": pl.String,
            "account": pl.String,
            "end": pl.Date,
            "unit_price": pl.Float64,
            "expected": pl.Float64,
        },
    )


def _grant_changes(a: pl.DataFrame, b: pl.DataFrame) -> list[tuple[str, GrantChange]]:
    """Each grant's change as (part, change). A grant that moved account counts as removed
    from the old account and new on the new one. Only grants with an effect are returned."""
    joined = a.join(b, on=["grant_id", "account"], how="full", coalesce=True, suffix="_b").rename(
        {"end": "end_a", "unit_price": "unit_price_a", "expected": "expected_a"}
    )
    effects = (
        joined.with_columns(_effects())
        .unpivot(
            on=list(PARTS),
            index=list(joined.columns),
            variable_name="part",
            value_name="effect",
        )
        .filter(pl.col("effect").abs() >= 0.005)
    )
    return [(row.pop("part"), GrantChange(**row)) for row in effects.iter_rows(named=True)]


def _effects() -> list[pl.Expr]:
    """Per grant: new (only in B), ended (only in A, or B ends earlier), price and other.

    The price effect is (B − A) unit price times B's volume in the year, i.e. what B would
    cost less at A's price; the rest of a kept grant's change is ``ended`` when its end
    moved earlier, else ``other`` (a later end, a moved start).
    """
    exp_a, exp_b = pl.col("expected_a"), pl.col("expected_b")
    up_a, up_b = pl.col("unit_price_a"), pl.col("unit_price_b")
    end_a, end_b = pl.col("end_a"), pl.col("end_b")
    in_a, in_b = exp_a.is_not_null(), exp_b.is_not_null()
    kept = in_a & in_b
    price = (
        pl.when(kept & (up_a != up_b))
        .then(pl.when(up_b != 0).then(exp_b * (up_b - up_a) / up_b).otherwise(-exp_a))
        .otherwise(0.0)
    )
    rest = exp_b - exp_a - price
    ended_earlier = end_b.is_not_null() & (end_a.is_null() | (end_b < end_a))
    return [
        pl.when(in_a).then(0.0).otherwise(exp_b).alias("new"),
        pl.when(~in_b)
        .then(-exp_a)
        .when(kept & ended_earlier)
        .then(rest)
        .otherwise(0.0)
        .alias("ended"),
        price.alias("price"),
        pl.when(kept & ~ended_earlier).then(rest).otherwise(0.0).alias("other"),
    ]


@dataclass
class DrillDown:
    movement: AccountMovement
    grants: dict[str, list[GrantChange]]
    hidden: int  # grants behind the figures that lie outside the viewer's team or caseload

    @property
    def sections(self) -> list[tuple[str, int, list[GrantChange]]]:
        """(Danish label, the part's amount, its grants) in the order of PARTS."""
        return [(PART_LABELS[p], self.movement.parts[p], self.grants[p]) for p in PARTS]


def drill_down(viewer: Viewer, comparison: Comparison, account: str) -> DrillDown | None:
    """The grants behind one account's movement, limited to the grants the viewer may list."""
    movement = next((m for m in comparison.accounts if m.account == account), None)
    if movement is None or not viewer.can("grants.list"):
        return None
    ids = {c.grant_id for changes in movement.grants.values() for c in changes}
    if viewer.scope != "all":
        ids = set(
            visible_grants(viewer).filter(grant_id__in=ids).values_list("grant_id", flat=True)
        )
    grants = {
        p: [c for c in changes if c.grant_id in ids] for p, changes in movement.grants.items()
    }
    total = sum(len(changes) for changes in movement.grants.values())
    return DrillDown(movement, grants, total - sum(len(changes) for changes in grants.values()))


# --- the buffer pool (bufferpulje) ------------------------------------------------------

BUFFER_FIELDS = ("year", "name", "amount", "rule")
DEFAULT_BUFFER_RULE: str = BufferPool._meta.get_field("rule").default


def buffer_pool_for(viewer: Viewer, pk: int) -> BufferPool:
    require(viewer, "buffer.manage")
    try:
        return BufferPool.objects.get(pk=pk)
    except BufferPool.DoesNotExist:
        raise Http404 from None


@dataclass
class PoolRow:
    pool: BufferPool
    status: BufferStatus


def buffer_pools_with_status() -> list[PoolRow]:
    """Every pool with its year's release state (decided by the year's final snapshot)."""
    pools = list(BufferPool.objects.all())
    # The deviation argument only feeds the with/without figures, which this list omits.
    statuses = {year: followups.buffer_status(year, 0.0) for year in {p.year for p in pools}}
    return [PoolRow(p, statuses[p.year]) for p in pools]  # type: ignore[arg-type]


def create_buffer_pool(values: dict[str, Any], username: str) -> BufferPool:
    with transaction.atomic():
        pool = BufferPool.objects.create(**{f: values[f] for f in BUFFER_FIELDS})
        audit.record(
            username,
            "followup.buffer.created",
            object_type="buffer_pool",
            object_id=str(pool.pk),
            changes={f: values[f] for f in BUFFER_FIELDS},
        )
    return pool


def change_buffer_pool(
    pool: BufferPool, values: dict[str, Any], username: str
) -> dict[str, list[Any]]:
    with transaction.atomic():
        current = BufferPool.objects.select_for_update().get(pk=pool.pk)
        changes = audit.changed_fields(
            {f: getattr(current, f) for f in BUFFER_FIELDS}, {f: values[f] for f in BUFFER_FIELDS}
        )
        if changes:
            for field, (_, new) in changes.items():
                setattr(current, field, new)
            current.save(update_fields=list(changes))
            audit.record(
                username,
                "followup.buffer.changed",
                object_type="buffer_pool",
                object_id=str(pool.pk),
                changes=changes,
            )
    return changes


def delete_buffer_pool(pool: BufferPool, username: str) -> None:
    with transaction.atomic():
        audit.record(
            username,
            "followup.buffer.deleted",
            object_type="buffer_pool",
            object_id=str(pool.pk),
            changes={f: getattr(pool, f) for f in BUFFER_FIELDS},
        )
        pool.delete()

"""The buffer pool (bufferpulje): money set aside for the area, released at the year's
last follow-up if the expected overspend needs it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.http import Http404

from socialstyring.services import audit
from socialstyring.services.access import Viewer, require
from socialstyring.storage.models import BufferPool, Snapshot

BUFFER_FIELDS = ("year", "name", "amount", "rule")


def default_buffer_rule() -> str:
    """The release rule a new pool starts with (the model field's default)."""
    return BufferPool._meta.get_field("rule").get_default()


@dataclass
class BufferStatus:
    pools: list[BufferPool]
    amount: float
    released: bool
    released_amount: float
    deviation_without: float
    deviation_with: float
    final_snapshot: Snapshot | None


@dataclass(frozen=True)
class PoolState:
    """What the database says of a year's pools: the pools, the final follow-up that
    decides their release (if any) and that follow-up's deviation."""

    pools: list[BufferPool]
    final_snapshot: Snapshot | None
    final_deviation: float


def pool_state(year: int, seen_on: dt.date | None = None) -> PoolState | None:
    """None without pools; ``seen_on``: see :func:`buffer_status`."""
    pools = list(BufferPool.objects.filter(year=year))
    if not pools:
        return None
    finals = Snapshot.objects.filter(year=year, is_final=True)
    if seen_on is not None:
        finals = finals.filter(as_of__lte=seen_on)
    final = finals.order_by("-as_of", "-id").first()
    deviation = sum(line.deviation for line in final.lines.all()) if final else 0.0
    return PoolState(pools, final, deviation)


def buffer_status(
    year: int, deviation: float, seen_on: dt.date | None = None
) -> BufferStatus | None:
    """The pool is released at the year's last follow-up if the expected overspend needs it.

    ``seen_on`` shows the pool as it stood on that day: only a final follow-up dated on or
    before it counts, so an old report does not change when a later one releases the pool.
    """
    return status_of(pool_state(year, seen_on), deviation)


def status_of(state: PoolState | None, deviation: float) -> BufferStatus | None:
    """:func:`buffer_status` of a :func:`pool_state` and today's ``deviation``."""
    if state is None:
        return None
    pools, final = state.pools, state.final_snapshot
    amount = sum(p.amount for p in pools)
    basis = state.final_deviation if final else deviation
    released_amount = min(amount, -basis) if final and basis < 0 else 0.0
    return BufferStatus(
        pools, amount, released_amount > 0, released_amount, deviation, deviation + amount, final
    )


def buffer_at(snapshot: Snapshot, deviation: float) -> BufferStatus | None:
    """The buffer pool as this snapshot saw it (see :func:`buffer_status`)."""
    return buffer_status(snapshot.year, deviation, seen_on=snapshot.as_of)


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
    statuses = {year: buffer_status(year, 0.0) for year in {p.year for p in pools}}
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

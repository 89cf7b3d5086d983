"""Follow-up snapshots: saved figures, audited comments, explained movements, the buffer pool."""

from __future__ import annotations

import datetime as dt

import pytest

from socialstyring.services import audit, buffers, followups, snapshots
from socialstyring.storage.models import (
    AuditEntry,
    Budget,
    BufferPool,
    Grant,
    Posting,
    Snapshot,
    SnapshotLine,
)
from tests.web.factories import make_grant

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC)
MARCH, MAY = dt.date(2026, 3, 31), dt.date(2026, 5, 31)


def _save(
    as_of: dt.date = MAY,
    *,
    is_final: bool = False,
    comments: dict[str, str] | None = None,
    title: str = "Budgetopfølgning",
) -> Snapshot:
    return snapshots.save_snapshot(
        2026, as_of, title, "Samlet note", comments or {}, is_final, "oekonomi", NOW
    )


@pytest.fixture
def municipality():
    Budget.objects.create(year=2026, account="5.28.21", kind="corrected", amount=1_000_000.0)
    Budget.objects.create(year=2026, account="5.38.50", kind="adopted", amount=500_000.0)
    make_grant("G-1", "PS-1", price=1000.0)
    make_grant("G-2", "PS-2", price=2000.0)
    make_grant("G-3", "PS-3", price=500.0)
    make_grant("G-9", "PS-9", account="5.38.50", price=100.0, unit="week")


def test_it_stores_lines_equal_to_the_overview(municipality):
    snapshot = _save(comments={"5.28.21": "Stigning i aflastning"})
    result = followups.overview(2026, MAY)
    lines = {line.account: line for line in snapshot.lines.all()}
    assert set(lines) == set(result.table["account"].to_list())
    for row in result.table.iter_rows(named=True):
        for measure in snapshots.MEASURES:
            assert getattr(lines[row["account"]], measure) == pytest.approx(row[measure], abs=1)
    assert lines["5.28.21"].comment == "Stigning i aflastning"
    assert snapshot.grants.count() == 4
    assert len(snapshot.profile) == 12


def test_it_stores_each_grant_with_unit_price_end_and_cost_in_the_year(municipality):
    Grant.objects.filter(grant_id="G-2").update(quantity=2.0, end=dt.date(2026, 6, 30))
    snapshot = _save()
    g2 = snapshot.grants.get(grant_id="G-2")
    assert g2.unit_price == 4000.0
    assert g2.end == dt.date(2026, 6, 30)
    assert g2.expected == pytest.approx(4000.0 * 181)


def test_saving_writes_exactly_one_audit_entry(municipality):
    snapshot = _save()
    entries = AuditEntry.objects.filter(action="followup.snapshot.saved")
    assert entries.count() == 1 == AuditEntry.objects.count()
    entry = entries.get()
    assert entry.object_id == str(snapshot.pk)
    assert entry.username == "oekonomi"
    assert entry.changes["lines"] == 2


def test_a_failing_audit_entry_leaves_no_snapshot(municipality, monkeypatch):
    """Snapshot and audit entry share one transaction: neither exists without the other."""

    def broken(*args, **kwargs):
        raise RuntimeError("audit log unavailable")

    monkeypatch.setattr(audit, "record", broken)
    with pytest.raises(RuntimeError):
        _save()
    assert Snapshot.objects.count() == 0
    assert not SnapshotLine.objects.exists()


def test_comment_edits_audit_only_changed_fields(municipality):
    snapshot = _save(comments={"5.28.21": "Uændret", "5.38.50": "Før"})
    changes = snapshots.update_comments(
        snapshot, "Samlet note", {"5.28.21": "Uændret", "5.38.50": "Efter"}, "oekonomi"
    )
    assert changes == {"comment:5.38.50": ["Før", "Efter"]}
    entry = AuditEntry.objects.get(action="followup.snapshot.changed")
    assert entry.changes == {"comment:5.38.50": ["Før", "Efter"]}
    assert snapshot.lines.get(account="5.38.50").comment == "Efter"
    snapshot.refresh_from_db()
    assert snapshot.note == "Samlet note"


def test_a_comment_edit_without_changes_writes_no_entry(municipality):
    snapshot = _save(comments={"5.28.21": "Samme"})
    assert (
        snapshots.update_comments(snapshot, "Samlet note", {"5.28.21": "Samme"}, "oekonomi") == {}
    )
    assert not AuditEntry.objects.filter(action="followup.snapshot.changed").exists()


def test_a_changed_note_is_audited(municipality):
    snapshot = _save()
    snapshots.update_comments(snapshot, "Ny note", {}, "oekonomi")
    snapshot.refresh_from_db()
    assert snapshot.note == "Ny note"
    assert AuditEntry.objects.get(action="followup.snapshot.changed").changes == {
        "note": ["Samlet note", "Ny note"]
    }


# --- compare -------------------------------------------------------------------------------


def _between_a_and_b() -> None:
    """G-2 ends 30 June, G-3's price rises from 500 to 600 a day, G-4 arrives 1 April."""
    Grant.objects.filter(grant_id="G-2").update(end=dt.date(2026, 6, 30))
    Grant.objects.filter(grant_id="G-3").update(price=600.0)
    make_grant("G-4", "PS-4", price=300.0, start=dt.date(2026, 4, 1))


def _parts_sum(movement: snapshots.AccountMovement) -> int:
    return sum(movement.parts[p] for p in snapshots.PARTS)


def test_compare_splits_the_movement_into_new_ended_and_price(municipality):
    a = _save(MARCH, title="A")
    _between_a_and_b()
    b = _save(MAY, title="B")
    comparison = snapshots.compare(a, b)
    children = next(m for m in comparison.accounts if m.account == "5.28.21")
    assert children.parts["new"] == 300 * 275  # 1 April to 31 December
    assert children.parts["ended"] == 2000 * 181 - 2000 * 365  # ends 30 June instead of never
    assert children.parts["price"] == 100 * 365
    assert children.parts["other"] == 0
    assert children.movement == _parts_sum(children) == -249_000
    assert [c.grant_id for c in children.grants["new"]] == ["G-4"]
    assert [c.grant_id for c in children.grants["ended"]] == ["G-2"]
    assert [c.grant_id for c in children.grants["price"]] == ["G-3"]
    adults = next(m for m in comparison.accounts if m.account == "5.38.50")
    assert adults.movement == 0 == _parts_sum(adults)


def test_compare_parts_sum_to_the_movement_with_a_ledger(municipality):
    """With postings, spent comes from the ledger: what the grants do not explain is 'other'."""
    a = _save(MARCH, title="A")
    _between_a_and_b()
    Posting.objects.create(
        posting_id="P-1",
        posting_date=dt.date(2026, 4, 15),
        account="5.28.21",
        amount=123_456.78,
        grant_id="G-1",
        text="Faktura",
    )
    Posting.objects.create(
        posting_id="P-2",
        posting_date=dt.date(2026, 5, 2),
        account="5.38.50",
        amount=9_999.0,
        grant_id=None,
        text="Uden bevilling",
    )
    b = _save(MAY, title="B")
    comparison = snapshots.compare(a, b)
    for movement in [*comparison.accounts, comparison.total]:
        assert movement.movement == _parts_sum(movement), movement.account
    assert comparison.total.expected_b - comparison.total.expected_a == comparison.total.movement
    children = next(m for m in comparison.accounts if m.account == "5.28.21")
    assert children.parts["other"] != 0


def test_a_removed_grant_and_a_moved_grant_are_explained(municipality):
    a = _save(MARCH, title="A")
    Grant.objects.filter(grant_id="G-3").delete()
    Grant.objects.filter(grant_id="G-1").update(account="5.38.50")
    b = _save(MAY, title="B")
    comparison = snapshots.compare(a, b)
    children = next(m for m in comparison.accounts if m.account == "5.28.21")
    adults = next(m for m in comparison.accounts if m.account == "5.38.50")
    assert sorted(c.grant_id for c in children.grants["ended"]) == ["G-1", "G-3"]
    assert children.parts["ended"] == -(1000 + 500) * 365
    assert [c.grant_id for c in adults.grants["new"]] == ["G-1"]
    assert comparison.total.parts["new"] + comparison.total.parts["ended"] == -500 * 365


# --- the buffer pool -----------------------------------------------------------------------


@pytest.fixture
def overspend():
    """Budget 1 mio., grants costing 1.46 mio.: an expected overspend of 460.000 kr."""
    Budget.objects.create(year=2026, account="5.28.21", kind="corrected", amount=1_000_000.0)
    make_grant("G-1", "PS-1", price=4000.0)


def test_the_buffer_is_not_released_before_a_final_snapshot(overspend):
    BufferPool.objects.create(year=2026, name="Bufferpulje", amount=18_000_000.0)
    snapshot = _save(MAY)
    status = buffers.buffer_status(2026, -460_000.0)
    assert status is not None and not status.released and status.released_amount == 0
    assert not snapshots.detail(snapshot).buffer.released


@pytest.mark.parametrize("amount, released", [(18_000_000.0, 460_000.0), (100_000.0, 100_000.0)])
def test_a_final_snapshot_with_overspend_releases_up_to_the_pool(overspend, amount, released):
    BufferPool.objects.create(year=2026, name="Bufferpulje", amount=amount)
    may = _save(MAY)
    final = _save(dt.date(2026, 12, 31), is_final=True)
    status = buffers.buffer_status(2026, 0.0)
    assert status.released and status.released_amount == pytest.approx(released)
    assert snapshots.detail(final).buffer.released_amount == pytest.approx(released)
    # An earlier report keeps showing what was true on its own date.
    assert not snapshots.detail(may).buffer.released


def test_a_final_follow_up_shows_on_the_cached_overview_at_once(overspend):
    from socialstyring.storage import versions

    BufferPool.objects.create(year=2026, name="Bufferpulje", amount=18_000_000.0)
    assert not followups.overview(2026, MAY).buffer.released  # the figures are cached now
    final = _save(dt.date(2026, 12, 31), is_final=True)
    assert followups.overview(2026, MAY).buffer.released_amount == pytest.approx(460_000.0)
    edits = versions.current([versions.EDITS])
    snapshots.update_comments(final, "Samlet note", {"5.28.21": "Ny kommentar"}, "oekonomi")
    assert versions.current([versions.EDITS]) != edits  # a bulk update draws one too


def test_a_final_snapshot_with_underspend_releases_nothing(municipality):
    BufferPool.objects.create(year=2026, name="Bufferpulje", amount=18_000_000.0)
    final = _save(dt.date(2026, 12, 31), is_final=True)
    assert sum(line.deviation for line in final.lines.all()) > 0  # adults' underspend outweighs
    status = snapshots.detail(final).buffer
    assert status.final_snapshot == final and not status.released and status.released_amount == 0


def test_buffer_pool_changes_are_audited_with_only_changed_fields(db):
    pool = buffers.create_buffer_pool(
        {"year": 2026, "name": "Bufferpulje", "amount": 18e6, "rule": "Regel"}, "oekonomi"
    )
    created = AuditEntry.objects.get(action="followup.buffer.created")
    assert created.changes["amount"] == 18e6 and created.object_id == str(pool.pk)
    changes = buffers.change_buffer_pool(
        pool, {"year": 2026, "name": "Bufferpulje", "amount": 20e6, "rule": "Regel"}, "oekonomi"
    )
    assert changes == {"amount": [18e6, 20e6]}
    assert AuditEntry.objects.get(action="followup.buffer.changed").changes == {
        "amount": [18e6, 20e6]
    }
    buffers.delete_buffer_pool(BufferPool.objects.get(), "oekonomi")
    assert AuditEntry.objects.filter(action="followup.buffer.deleted").count() == 1
    assert not BufferPool.objects.exists()


def test_accounts_fall_in_the_area_of_their_main_function():
    assert (
        snapshots.area_of("5.28.21", "5.28 Tilbud til børn og unge med særlige behov") == "children"
    )
    assert snapshots.area_of("5.38.50", "5.38 Tilbud til voksne med særlige behov") == "adults"
    assert snapshots.area_of("5.38.99") == "adults"
    assert snapshots.area_of("5.22.07", "5.22 Central refusionsordning") == "other"

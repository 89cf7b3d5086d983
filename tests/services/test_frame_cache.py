"""The per-process frame cache behind the overview and the grant lists: served while the
data version stands, read again after any import, never across municipalities."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from socialstyring.services import followups, frame_cache
from socialstyring.storage import tenancy, versions
from tests.helpers.demo import stored_demo

pytestmark = pytest.mark.django_db
AS_OF = dt.date(2026, 5, 31)


def _load(grants: int, seed: int = 5) -> None:
    stored_demo(grants, AS_OF, seed=seed)


def _overview() -> tuple[float, int]:
    with CaptureQueriesContext(connection) as captured:
        result = followups.overview(2026, AS_OF)
    return result.totals["expected"], len(captured)


def test_a_repeated_overview_comes_from_the_cache_with_one_version_query():
    _load(400)
    first, cold = _overview()
    again, warm = _overview()
    assert again == first
    assert warm < cold
    assert frame_cache.stats()["hits"] >= 1
    with CaptureQueriesContext(connection) as captured:
        followups.overview(2026, AS_OF)
    assert sum("ss_data_version" in q["sql"] for q in captured.captured_queries) == 1
    assert not any("ss_grant" in q["sql"] for q in captured.captured_queries)


def test_an_import_makes_the_cached_figures_stale():
    _load(300)
    before, _ = _overview()
    _load(900, seed=6)
    after, _ = _overview()
    assert after != before
    assert after == pytest.approx(followups.overview(2026, AS_OF).totals["expected"])


def test_a_version_drawn_by_another_process_is_seen_at_once():
    _load(300)
    _overview()
    frames_before = frame_cache.stats()["misses"]
    with connection.cursor() as cursor:  # as an import committed by another worker would
        cursor.execute(
            "UPDATE ss_data_version SET version = version + 7 WHERE municipality = '000'"
        )
    _overview()
    # Every entry of the page is built again: the figures, what users edit beside them
    # (an import may register review outcomes) and the labelled table.
    assert frame_cache.stats()["misses"] == frames_before + 3


# What users edit beside the imported figures, which the overview shows.
EDITED_TABLES = ("ss_account", "ss_case_review", "ss_buffer_pool", "ss_snapshot")


def _tables_read() -> set[str]:
    with CaptureQueriesContext(connection) as captured:
        followups.overview(2026, AS_OF)
    sql = " ".join(q["sql"] for q in captured.captured_queries)
    return {t for t in (*EDITED_TABLES, "ss_grant") if f'"{t}"' in sql or f" {t} " in sql}


def _edits_version() -> int:
    return dict(versions.current([versions.EDITS]))[versions.EDITS]


def test_a_warm_overview_reads_neither_the_data_nor_what_users_edit():
    _load(300)
    assert _tables_read() >= {"ss_account", "ss_buffer_pool"}  # cold
    assert _tables_read() == set()  # warm: the one version query only


def test_an_edit_is_shown_at_once_and_reads_only_the_edited_state_again():
    from socialstyring.services import buffers
    from socialstyring.storage.models import BufferPool

    _load(300)
    _overview()
    data_before, edits_before = versions.current(["000"]), _edits_version()
    pool = buffers.create_buffer_pool(
        {"year": 2026, "name": "Pulje", "amount": 250_000.0, "rule": "x"}, "oekonomi"
    )
    assert _edits_version() != edits_before
    assert versions.current(["000"]) == data_before  # the figures stay cached
    assert "ss_grant" not in _tables_read()
    shown = followups.overview(2026, AS_OF).buffer
    assert shown is not None
    assert shown.amount == pytest.approx(sum(BufferPool.objects.values_list("amount", flat=True)))
    assert pool.pk in {p.pk for p in shown.pools}
    edits_with_pool = _edits_version()
    pool.delete()
    assert _edits_version() != edits_with_pool
    assert pool.pk not in {p.pk for p in (followups.overview(2026, AS_OF).buffer or shown).pools}


def test_the_grant_list_filters_the_cached_frame_by_scope():
    _load(300)
    every = followups.grants_in_year(2026, AS_OF, pl.lit(True), {})
    team = every["team"].drop_nulls()[0]
    mine = followups.grants_in_year(2026, AS_OF, pl.col("team") == team, {})
    assert 0 < mine.height < every.height
    assert set(mine["team"]) == {team}
    assert followups.grants_in_year(2026, AS_OF, pl.lit(True), {}).height == every.height


def test_another_municipality_never_gets_the_cached_frames():
    _load(300)
    own, _ = _overview()
    with tenancy.activate("851", database=False):
        other = followups.overview(2026, AS_OF).totals["expected"]
    assert own and not other


def test_requests_asking_at_once_wait_for_one_build(monkeypatch):
    """Twenty users opening a page right after an import: one of them builds the figures,
    the others get what it built."""
    import threading
    import time

    monkeypatch.setattr(frame_cache.versions, "current", lambda codes: (("000", 1),))
    builds = []
    results = []

    def build():
        builds.append(threading.get_ident())
        time.sleep(0.2)  # long enough for every other thread to arrive meanwhile
        return pl.DataFrame({"x": [len(builds)]})

    def ask():
        with tenancy.activate("000", database=False):
            results.append(frame_cache.cached("slow", (), build)["x"][0])

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(builds) == 1
    assert results == [1] * 8


def test_a_failed_build_leaves_the_next_caller_to_try_again(monkeypatch):
    monkeypatch.setattr(frame_cache.versions, "current", lambda codes: (("000", 2),))
    with tenancy.activate("000", database=False):
        with pytest.raises(RuntimeError):
            frame_cache.cached("fails", (), lambda: (_ for _ in ()).throw(RuntimeError()))
        assert frame_cache.cached("fails", (), lambda: pl.DataFrame({"x": [1]}))["x"][0] == 1

"""Big uploads as background jobs: the request stores the files and returns at once; a
worker (``socialstyring worker``, also started by ``serve``) claims jobs one at a time from
the job table and imports them exactly as an upload in the request would.

A job's import and its verdict are committed in one transaction, so a worker killed in
the middle leaves nothing stored and the job still claimed; when its heartbeat is older
than :data:`STALE`, another worker claims it again and the import runs from the start.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import os
import socket
import threading
from collections.abc import Callable, Sequence

from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from socialstyring.io.problems import ImportRejected
from socialstyring.services.files import Source, Upload
from socialstyring.services.imports import import_uploads
from socialstyring.storage import tenancy
from socialstyring.storage.models import ImportJob, ImportJobFile

logger = logging.getLogger(__name__)
STALE = dt.timedelta(minutes=2)
HEARTBEAT_SECONDS = 20.0
MAX_PROBLEMS = 500


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def enqueue(uploads: Sequence[Source], *, username: str, now: dt.datetime) -> ImportJob:
    """Store the files as a job for the active municipality (one transaction)."""
    with transaction.atomic():
        job = ImportJob.objects.create(created_at=now, username=username)
        ImportJobFile.objects.bulk_create(
            [ImportJobFile(job=job, name=u.name, content=u.data) for u in uploads]
        )
    return job


def job(job_id: int) -> ImportJob | None:
    """A job of the active municipalities, or None."""
    return ImportJob.objects.filter(id=job_id).first()


def _claim(worker: str, now: dt.datetime) -> tuple[int, str] | None:
    """Atomically take the oldest queued job, or a running one whose worker went silent."""
    lock = "FOR UPDATE SKIP LOCKED" if connection.vendor == "postgresql" else ""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE ss_import_job SET state = %s, claimed_by = %s, heartbeat = %s, "
            "attempts = attempts + 1 WHERE id = (SELECT id FROM ss_import_job "
            "WHERE state = %s OR (state = %s AND heartbeat < %s) "
            f"ORDER BY id LIMIT 1 {lock}) RETURNING id, municipality",
            [
                ImportJob.RUNNING,
                worker,
                now,
                ImportJob.QUEUED,
                ImportJob.RUNNING,
                now - STALE,
            ],
        )
        row = cursor.fetchone()
    return (row[0], row[1]) if row else None


class _Heartbeat:
    """Says "still working" and the current step on a connection of its own (the import's
    transaction shows nothing to others until it commits). PostgreSQL only: on SQLite the
    import holds the one write lock, so no other worker could claim the job anyway."""

    def __init__(self, job_id: int):
        self.job_id = job_id
        self.step = ""
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> _Heartbeat:
        if connection.vendor == "postgresql":
            self.thread.start()
        return self

    def __exit__(self, *_exc) -> None:
        self.done.set()
        if self.thread.is_alive():
            self.thread.join()

    def _run(self) -> None:
        from django.db import connections

        try:
            while True:
                with tenancy.scopes_disabled():
                    ImportJob.objects.filter(id=self.job_id, state=ImportJob.RUNNING).update(
                        heartbeat=timezone.now(), step=self.step[:300]
                    )
                if self.done.wait(HEARTBEAT_SECONDS):
                    return
        finally:
            connections.close_all()


def _problems(rejection: ImportRejected) -> dict:
    return {
        "total": rejection.total,
        "problems": [dataclasses.asdict(p) for p in rejection.problems[:MAX_PROBLEMS]],
    }


def _run(job_id: int, worker: str) -> ImportJob:
    with tenancy.scopes_disabled():
        found = ImportJob.objects.get(id=job_id)
        uploads = [Upload(f.name, bytes(f.content)) for f in found.files.all()]
    with _Heartbeat(job_id) as beat, transaction.atomic():

        def progress(step: str) -> None:
            beat.step = step

        try:
            outcomes = import_uploads(
                uploads, now=timezone.now(), username=found.username, progress=progress
            )
            found.state, found.result = ImportJob.DONE, [dataclasses.asdict(o) for o in outcomes]
        except ImportRejected as rejection:
            found.state, found.report = ImportJob.FAILED, rejection.report()
            found.result = [_problems(rejection)]
        found.finished_at, found.step = timezone.now(), ""
        # Only if this worker still holds the job: one that was given up on and claimed
        # again by another worker must not commit a second import.
        held = ImportJob.objects.filter(id=job_id, claimed_by=worker, state=ImportJob.RUNNING)
        if not held.select_for_update().exists():
            transaction.set_rollback(True)
            return found
        found.save()
        ImportJobFile.objects.filter(job_id=job_id).delete()
    return found


def handle_one(worker: str | None = None) -> ImportJob | None:
    """Claim and run one job, if there is one; return it as it ended."""
    worker = worker or worker_name()
    claimed = _claim(worker, timezone.now())
    if claimed is None:
        return None
    job_id, code = claimed
    with tenancy.activate(code):
        try:
            return _run(job_id, worker)
        except Exception:
            # A fault, not a rejection: nothing was stored (the import's transaction rolled
            # back); the job fails rather than being claimed again and again.
            logger.exception("Import job %s failed", job_id)
            ImportJob.objects.filter(id=job_id, claimed_by=worker).update(
                state=ImportJob.FAILED,
                finished_at=timezone.now(),
                report=_(
                    "The import stopped because of an error in the program. Nothing has been saved."
                ),
            )
            return ImportJob.objects.filter(id=job_id).first()


def work(
    *,
    poll_seconds: float = 2.0,
    stop: threading.Event | None = None,
    keep_going: Callable[[], bool] = lambda: True,
) -> None:
    """Run jobs until ``stop`` is set or ``keep_going()`` says no (the CLI's worker: until
    it is stopped, or the server that started it is gone)."""
    stop = stop or threading.Event()
    worker = worker_name()
    while not stop.is_set() and keep_going():
        try:
            found = handle_one(worker)
        except DatabaseError:
            # The database is busy (SQLite while an import in the web app writes) or gone
            # for a moment: try again at the next poll.
            logger.warning("The job table could not be read; trying again", exc_info=True)
            connection.close()
            found = None
        if found is None:
            stop.wait(poll_seconds)

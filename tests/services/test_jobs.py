"""Background import jobs on the real database: stored by the request, claimed atomically
by a worker, all or nothing, picked up again after a killed worker, never run twice."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from socialstyring.services import jobs
from socialstyring.services.files import Upload
from socialstyring.storage import tenancy
from socialstyring.storage.models import Grant, ImportJob, ImportJobFile, ImportRecord

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC)
HEADER = "bevilling_id;borger_id;område;paragraf;konto;startdato;slutdato;pris;prisenhed;antal\n"
GOOD = HEADER + "G1;P-1;voksen;SEL § 85;5.38.38;01-01-2026;;500,00;time;5\n"
BAD = HEADER + "G1;P-1;voksen;SEL § 85;5.38.38;31-02-2026;;500,00;time;5\n"


def _queue(body: str, username: str = "oekonomi") -> ImportJob:
    return jobs.enqueue([Upload("bevillinger.csv", body.encode())], username=username, now=NOW)


def test_a_queued_job_is_imported_by_the_worker_and_its_files_let_go():
    queued = _queue(GOOD)
    assert queued.state == ImportJob.QUEUED and not Grant.objects.exists()
    done = jobs.handle_one("w1")
    assert done is not None and done.id == queued.id and done.state == ImportJob.DONE
    (outcome,) = done.result
    assert (outcome["file_name"], outcome["created"], outcome["rows"]) == ("bevillinger.csv", 1, 1)
    assert Grant.objects.get().grant_id == "G1"
    assert ImportRecord.objects.get().username == "oekonomi"
    assert not ImportJobFile.objects.exists()
    assert jobs.handle_one("w1") is None  # nothing left


def test_a_rejected_job_stores_nothing_and_keeps_the_danish_report():
    _queue(BAD)
    failed = jobs.handle_one("w1")
    assert failed is not None and failed.state == ImportJob.FAILED
    assert "række 2" in failed.report
    (rejection,) = failed.result
    assert rejection["total"] == 1 and rejection["problems"][0]["row"] == 2
    assert not Grant.objects.exists()
    assert ImportRecord.objects.get().accepted is False  # the history keeps the attempt


def test_a_job_of_a_killed_worker_is_claimed_again_once_its_heartbeat_is_old():
    queued = _queue(GOOD)
    assert jobs._claim("killed", timezone.now()) == (queued.id, tenancy.default_code())
    assert jobs.handle_one("w2") is None  # its heartbeat is fresh: still someone's
    ImportJob.objects.filter(id=queued.id).update(heartbeat=timezone.now() - 2 * jobs.STALE)
    done = jobs.handle_one("w2")
    assert done is not None and done.state == ImportJob.DONE and done.attempts == 2
    assert Grant.objects.count() == 1


def test_a_worker_that_lost_its_job_commits_nothing():
    queued = _queue(GOOD)
    jobs._claim("slow", timezone.now())
    ImportJob.objects.filter(id=queued.id).update(heartbeat=timezone.now() - 2 * jobs.STALE)
    jobs._claim("fast", timezone.now())  # given up on "slow"
    jobs._run(queued.id, "slow")  # "slow" wakes up and finishes
    assert not Grant.objects.exists() and not ImportRecord.objects.exists()
    assert ImportJob.objects.get().claimed_by == "fast"
    assert jobs._run(queued.id, "fast").state == ImportJob.DONE
    assert Grant.objects.count() == 1


def test_a_job_runs_for_the_municipality_it_was_queued_for():
    with tenancy.activate("851", database=False):
        queued = _queue(GOOD)
    done = jobs.handle_one("w1")
    assert done is not None and done.state == ImportJob.DONE
    with tenancy.scopes_disabled():
        assert list(Grant.objects.values_list("municipality", flat=True)) == ["851"]
    assert jobs.job(queued.id) is None  # not visible to the installation's own municipality


def test_a_fault_in_the_import_fails_the_job_instead_of_running_it_again(monkeypatch):
    _queue(GOOD)

    def broken(*_args, **_kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr("socialstyring.services.jobs.import_uploads", broken)
    failed = jobs.handle_one("w1")
    assert failed is not None and failed.state == ImportJob.FAILED
    assert "fejl i programmet" in failed.report
    assert not Grant.objects.exists()
    assert jobs.handle_one("w1") is None

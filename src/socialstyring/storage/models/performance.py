"""Bookkeeping that makes imports and pages fast: the data version a frame cache is keyed
by, and background import jobs (big uploads)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from socialstyring.storage.models.tenant import TenantModel


class DataVersion(models.Model):
    """One version per municipality, drawn anew in every transaction that saves imported
    data (see ``storage/versions.py``): a cached frame of another version is stale, on
    every worker process."""

    municipality = models.CharField(max_length=3, primary_key=True)
    version = models.BigIntegerField(default=0)

    class Meta:
        db_table = "ss_data_version"


class ImportJob(TenantModel):
    """An upload stored to be imported by a worker (``socialstyring worker``)."""

    QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
    STATES = (
        (QUEUED, _("queued")),
        (RUNNING, _("running")),
        (DONE, _("done")),
        (FAILED, _("failed")),
    )

    created_at = models.DateTimeField()
    username = models.CharField(max_length=150, blank=True)
    state = models.CharField(max_length=10, choices=STATES, default=QUEUED)
    step = models.CharField(max_length=300, blank=True)
    # The worker that holds the job and when it last said so: a job whose worker stopped
    # saying so (killed) is claimed again.
    claimed_by = models.CharField(max_length=100, blank=True)
    heartbeat = models.DateTimeField(null=True)
    attempts = models.IntegerField(default=0)
    finished_at = models.DateTimeField(null=True)
    # The outcome: per file counts when done, the Danish rejection report when failed.
    result = models.JSONField(default=list, blank=True)
    report = models.TextField(blank=True)

    class Meta:
        db_table = "ss_import_job"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["state", "id"], name="import_job_state_idx")]


class ImportJobFile(models.Model):
    """One uploaded file of a job, kept in the database so any worker on any machine can
    read it; deleted when the job has finished."""

    job = models.ForeignKey(ImportJob, on_delete=models.CASCADE, related_name="files")
    name = models.CharField(max_length=300)
    content = models.BinaryField()

    class Meta:
        db_table = "ss_import_job_file"


class PostingDay(TenantModel):
    """The ledger summed per account and day, kept by ``storage/summaries.py`` whenever
    postings are saved: the forecast reads a few thousand sums instead of aggregating
    millions of postings, and stays exact for any as-of date."""

    account = models.CharField(max_length=7)
    posting_date = models.DateField()
    amount = models.FloatField()

    class Meta:
        db_table = "ss_posting_day"
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "posting_date", "account"], name="uniq_posting_day"
            )
        ]

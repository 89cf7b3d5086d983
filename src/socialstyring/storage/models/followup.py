"""Follow-up snapshots (budgetopfølgning) and the buffer pool (bufferpulje)."""

from __future__ import annotations

from django.db import models

from socialstyring.storage.models.tenant import TenantModel


class Snapshot(TenantModel):
    """The picture of a year as of a date, saved with comments for management and council."""

    year = models.PositiveSmallIntegerField("år")
    as_of = models.DateField("opgjort pr.")
    title = models.CharField("titel", max_length=200)
    note = models.TextField("samlet bemærkning", blank=True)
    is_final = models.BooleanField("årets sidste opfølgning", default=False)
    created_at = models.DateTimeField()
    created_by = models.CharField(max_length=150)
    # The monthly profile behind the year chart, frozen with the figures: recomputing it
    # later from re-imported data would draw a chart that disagrees with the saved lines.
    profile = models.JSONField("månedsprofil", default=list, blank=True)

    class Meta:
        db_table = "ss_snapshot"
        ordering = ["-year", "-as_of", "-id"]

    def __str__(self) -> str:
        return self.title


class SnapshotLine(models.Model):
    snapshot = models.ForeignKey(Snapshot, on_delete=models.CASCADE, related_name="lines")
    account = models.CharField(max_length=7)
    budget = models.FloatField()
    spent_to_date = models.FloatField()
    committed_rest = models.FloatField()
    expected = models.FloatField()
    deviation = models.FloatField()
    comment = models.TextField("bemærkning", blank=True)

    class Meta:
        db_table = "ss_snapshot_line"
        ordering = ["account"]
        constraints = [
            models.UniqueConstraint(fields=["snapshot", "account"], name="uniq_snapshot_account")
        ]


class SnapshotGrant(models.Model):
    """Each grant's state and cost in the snapshot, so two snapshots can be explained."""

    snapshot = models.ForeignKey(Snapshot, on_delete=models.CASCADE, related_name="grants")
    grant_id = models.CharField(max_length=64)
    account = models.CharField(max_length=7)
    end = models.DateField(null=True)
    unit_price = models.FloatField()  # price × quantity
    expected = models.FloatField()  # the grant's cost in the year (spent by grants + committed)

    class Meta:
        db_table = "ss_snapshot_grant"
        indexes = [models.Index(fields=["snapshot", "grant_id"])]


class BufferPool(TenantModel):
    """Money set aside for the area, released at the year's last follow-up if needed."""

    year = models.PositiveSmallIntegerField("år")
    name = models.CharField("navn", max_length=200)
    amount = models.FloatField("beløb")
    rule = models.TextField(
        "frigivelsesregel",
        default=(
            "Frigives ved årets sidste budgetopfølgning, hvis det forventede merforbrug kræver det."
        ),
    )

    class Meta:
        db_table = "ss_buffer_pool"
        ordering = ["-year", "name"]

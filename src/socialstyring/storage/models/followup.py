"""Follow-up snapshots (budgetopfølgning) and the buffer pool (bufferpulje)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from socialstyring.storage.models.tenant import TenantModel


class Snapshot(TenantModel):
    """The picture of a year as of a date, saved with comments for management and council."""

    year = models.PositiveSmallIntegerField(_("year"))
    as_of = models.DateField(_("as of"))
    title = models.CharField(_("title"), max_length=200)
    note = models.TextField(_("overall comment"), blank=True)
    is_final = models.BooleanField(_("the year's final follow-up"), default=False)
    created_at = models.DateTimeField()
    created_by = models.CharField(max_length=150)
    # The monthly profile behind the year chart, frozen with the figures: recomputing it
    # later from re-imported data would draw a chart that disagrees with the saved lines.
    profile = models.JSONField(_("monthly profile"), default=list, blank=True)
    # The projection's totals when it was taken (docs/projection.md): the total's interval
    # is not the sum of the lines' intervals, so it is kept; null in older snapshots.
    projection = models.JSONField(_("projection"), null=True, blank=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "budget follow-up")
        verbose_name_plural = pgettext_lazy("model", "budget follow-ups")
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
    # The projection at the time of the snapshot (docs/projection.md); null in snapshots
    # saved before it was kept, which show "–" rather than 0.
    inflow = models.FloatField(null=True)
    early_endings = models.FloatField(null=True)
    projected = models.FloatField(null=True)
    projected_low = models.FloatField(null=True)
    projected_high = models.FloatField(null=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "follow-up line")
        verbose_name_plural = pgettext_lazy("model", "follow-up lines")
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
        verbose_name = pgettext_lazy("model", "follow-up grant")
        verbose_name_plural = pgettext_lazy("model", "follow-up grants")
        db_table = "ss_snapshot_grant"
        indexes = [models.Index(fields=["snapshot", "grant_id"])]


def default_rule() -> str:
    """The release rule a new buffer pool starts with, in the installation's language."""
    return gettext(
        "Released at the year's final budget follow-up, if the expected overspend requires it."
    )


class BufferPool(TenantModel):
    """Money set aside for the area, released at the year's last follow-up if needed."""

    year = models.PositiveSmallIntegerField(_("year"))
    name = models.CharField(_("name"), max_length=200)
    amount = models.FloatField(_("amount"))
    rule = models.TextField(_("release rule"), default=default_rule)

    class Meta:
        verbose_name = pgettext_lazy("model", "buffer pool")
        verbose_name_plural = pgettext_lazy("model", "buffer pools")
        db_table = "ss_buffer_pool"
        ordering = ["-year", "name"]

"""The audit log: append-only, written in the same transaction as the change it records."""

from __future__ import annotations

from django.db import models
from django_scopes import ScopedManager

from socialstyring.storage import tenancy
from socialstyring.storage.models.tenant import tenant_field


class AppendOnlyError(RuntimeError):
    pass


class AuditQuerySet(models.QuerySet):
    def delete(self):
        raise AppendOnlyError("Audit entries cannot be deleted.")

    def update(self, **kwargs):
        raise AppendOnlyError("Audit entries cannot be changed.")


class AuditEntry(models.Model):
    municipality = tenant_field()
    at = models.DateTimeField("tidspunkt", db_index=True)
    username = models.CharField("bruger", max_length=150, db_index=True)
    action = models.CharField(
        "handling", max_length=80, db_index=True
    )  # dotted: grants.citizen.viewed
    citizen_id = models.CharField("borger (pseudonym)", max_length=64, blank=True, db_index=True)
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=300, blank=True)
    page = models.CharField("side", max_length=500, blank=True)
    changes = models.JSONField("ændringer", default=dict, blank=True)

    objects = ScopedManager(  # type: ignore[django-manager-missing]
        _manager_class=models.Manager.from_queryset(AuditQuerySet),
        **{tenancy.DIMENSION: "municipality"},
    )

    class Meta:
        db_table = "ss_audit"
        ordering = ["-at", "-id"]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("Audit entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Audit entries cannot be deleted.")

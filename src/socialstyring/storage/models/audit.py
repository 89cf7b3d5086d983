"""The audit log: append-only, written in the same transaction as the change it records."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
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
    at = models.DateTimeField(pgettext_lazy("audit entry", "time"), db_index=True)
    username = models.CharField(_("user"), max_length=150, db_index=True)
    action = models.CharField(
        pgettext_lazy("role or audit action", "action"), max_length=80, db_index=True
    )  # dotted: grants.citizen.viewed
    citizen_id = models.CharField(
        _("citizen (pseudonym)"), max_length=64, blank=True, db_index=True
    )
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=300, blank=True)
    page = models.CharField(_("page"), max_length=500, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)

    objects = ScopedManager(  # type: ignore[django-manager-missing]
        _manager_class=models.Manager.from_queryset(AuditQuerySet),
        **{tenancy.DIMENSION: "municipality"},
    )

    class Meta:
        verbose_name = pgettext_lazy("model", "audit entry")
        verbose_name_plural = pgettext_lazy("model", "audit entries")
        db_table = "ss_audit"
        ordering = ["-at", "-id"]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("Audit entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Audit entries cannot be deleted.")

"""The base of every row that belongs to a municipality (see storage/tenancy.py)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from socialstyring.storage import tenancy


def tenant_field() -> models.CharField:
    return models.CharField(
        _("municipality"),
        max_length=3,
        default=tenancy.current_code,
        editable=False,
        db_index=False,
    )


def row_hash_field() -> models.BigIntegerField:
    """A hash of a data row's values, written by ``frames.save``: a re-import compares it
    instead of every column, so an unchanged row costs nothing. Null means "not known"
    (the row is then compared column by column)."""
    return models.BigIntegerField(null=True, editable=False)


class TenantModel(models.Model):
    municipality = tenant_field()

    # django-scopes builds the manager class at run time, which django-stubs cannot follow.
    objects = ScopedManager(**{tenancy.DIMENSION: "municipality"})

    class Meta:
        abstract = True

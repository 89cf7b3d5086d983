"""Facts about this installation's database that must never drift."""

from __future__ import annotations

from django.db import models
from django.utils.translation import pgettext_lazy


class Installation(models.Model):
    """One row, written when the database is set up.

    ``pseudonym_check`` is a keyed hash of a fixed text under the pseudonym key: an import
    with another key (another data folder, a lost key file) would turn every known CPR
    number into a new citizen, so it is refused instead."""

    created_at = models.DateTimeField()
    pseudonym_check = models.CharField(max_length=64)

    class Meta:
        verbose_name = pgettext_lazy("model", "installation")
        verbose_name_plural = pgettext_lazy("model", "installations")
        db_table = "ss_installation"

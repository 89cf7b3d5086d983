"""Teams and each user's role: the facts the access layer decides by."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_scopes import ScopedManager

from socialstyring.storage import tenancy
from socialstyring.storage.models.tenant import TenantModel, tenant_field
from socialstyring.translation import pgettext

FINANCE, TEAM_LEADER, CASEWORKER, READER, ADMIN = (
    "finance",
    "team_leader",
    "caseworker",
    "reader",
    "admin",
)

# Translated when the module is imported, as the registry's codes are (socialstyring.terms):
# the role names are terms shared by the permission screen, the admin and docs/roles.md,
# and compared as plain text (tests/test_docs.py). One language per installation.
ROLE_CHOICES = [
    (FINANCE, pgettext("role", "Finance")),
    (TEAM_LEADER, pgettext("role", "Team leader")),
    (CASEWORKER, pgettext("role", "Caseworker")),
    (READER, pgettext("role", "Reader")),
    (ADMIN, pgettext("role", "Administrator")),
]


class Team(TenantModel):
    """A team or unit, named as in the grant files' ``team`` column."""

    name = models.CharField(_("name"), max_length=100)

    class Meta:
        verbose_name = pgettext_lazy("model", "team")
        verbose_name_plural = pgettext_lazy("model", "teams")
        db_table = "ss_team"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="uniq_team_name")
        ]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A user's municipality, role, team and caseworker code. Read unscoped: it is what
    decides which municipality a request works for."""

    municipality = tenant_field()
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership"
    )
    role = models.CharField(_("role"), max_length=20, choices=ROLE_CHOICES)
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("team")
    )
    caseworker_code = models.CharField(
        _("caseworker code"),
        max_length=64,
        blank=True,
        help_text=_("The initials or id the user has in the grant files' column 'rådgiver'."),
    )

    objects = models.Manager()
    scoped = ScopedManager(**{tenancy.DIMENSION: "municipality"})  # type: ignore[django-manager-missing]

    class Meta:
        verbose_name = pgettext_lazy("model", "role and team")
        verbose_name_plural = pgettext_lazy("model", "roles and teams")
        db_table = "ss_membership"

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"

"""Case steering: stored focus rules, focus areas and their frozen cohorts, case reviews
and approvals (docs/casework.md)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from socialstyring.storage.models.tenant import TenantModel


class FocusRule(TenantModel):
    """A rule a leader wrote (or a built-in one copied and edited), in the rule language:
    ``definition`` is the rule as a rules file holds it."""

    code = models.CharField(_("code"), max_length=64)
    name = models.CharField(_("name"), max_length=200)
    definition = models.JSONField(_("definition"))
    team = models.CharField(_("team"), max_length=100, blank=True)
    created_by = models.CharField(max_length=150, blank=True)
    updated_at = models.DateTimeField()

    class Meta:
        db_table = "ss_focus_rule"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "code"], name="uniq_focus_rule")
        ]

    def __str__(self) -> str:
        return self.name


class FocusArea(TenantModel):
    """A named effort (fokusområde) with an owner, a team, a period and rules; its cohort
    is frozen on the start day."""

    name = models.CharField(_("name"), max_length=200)
    owner = models.CharField(_("owner"), max_length=150)
    team = models.CharField(_("team"), max_length=100, blank=True)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"), null=True, blank=True)
    rule_codes = models.JSONField(_("rules"), default=list)
    created_at = models.DateTimeField()

    class Meta:
        db_table = "ss_focus_area"
        ordering = ["-start", "name"]

    def __str__(self) -> str:
        return self.name


class CohortGrant(TenantModel):
    """One matching grant of a focus area's cohort, with its terms on the start day."""

    # Plain ids, not foreign keys: django-stubs cannot follow a relation between two
    # scoped-manager models; the services delete a focus area's rows with it.
    area_id = models.BigIntegerField(db_index=True)
    rule_code = models.CharField(max_length=64)
    subject_id = models.CharField(max_length=80)
    grant_id = models.CharField(max_length=64)
    citizen_id = models.CharField(max_length=80)
    team = models.CharField(max_length=100, blank=True)
    caseworker = models.CharField(max_length=64, blank=True)
    price = models.FloatField()
    price_unit = models.CharField(max_length=10)
    quantity = models.FloatField()
    start = models.DateField(null=True)
    end = models.DateField(null=True)
    run_rate = models.FloatField()
    reason = models.CharField(max_length=300, blank=True)

    class Meta:
        db_table = "ss_focus_cohort"
        indexes = [models.Index(fields=["area_id", "grant_id"], name="focus_cohort_grant")]


class CaseReview(TenantModel):
    """A case review (sagsgennemgang) of one grant and its recorded outcome."""

    grant_id = models.CharField(_("grant"), max_length=64)
    citizen_id = models.CharField(max_length=80)
    team = models.CharField(max_length=100, blank=True)
    caseworker = models.CharField(max_length=64, blank=True)
    reviewed_on = models.DateField(_("review date"))
    kind = models.CharField(_("kind"), max_length=20)
    reviewer = models.CharField(_("reviewer"), max_length=150)
    outcome = models.CharField(_("outcome"), max_length=20)
    effective = models.DateField(_("effective from"))
    new_quantity = models.FloatField(null=True, blank=True)
    new_price = models.FloatField(null=True, blank=True)
    new_unit = models.CharField(max_length=10, blank=True)
    wind_down = models.DateField(_("wind-down day"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    # The terms before the outcome and the saving the core computed from them.
    old_terms = models.JSONField(default=dict)
    saving_this_year = models.FloatField(default=0.0)
    saving_per_year = models.FloatField(default=0.0)
    focus_area_id = models.BigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField()
    # The day an import first showed the outcome (registered in the case system); kept.
    registered_on = models.DateField(_("registered in the case system"), null=True, blank=True)

    class Meta:
        db_table = "ss_case_review"
        ordering = ["-reviewed_on", "-id"]
        indexes = [models.Index(fields=["grant_id"], name="case_review_grant")]


class Approval(TenantModel):
    """A grant an approval rule flags, waiting for (or given) its approver's decision."""

    rule_code = models.CharField(max_length=64)
    grant_id = models.CharField(_("grant"), max_length=64)
    citizen_id = models.CharField(max_length=80)
    family_id = models.CharField(max_length=80, blank=True)
    team = models.CharField(max_length=100, blank=True)
    caseworker = models.CharField(max_length=64, blank=True)
    approver = models.CharField(_("approver"), max_length=30)  # team_leader | meeting
    status = models.CharField(_("status"), max_length=10, default="pending")
    decision_reason = models.TextField(_("reason"), blank=True)
    decided_by = models.CharField(max_length=150, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        db_table = "ss_approval"
        ordering = ["status", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "rule_code", "grant_id"], name="uniq_approval"
            )
        ]

"""Management's rows: appeals, reference key figures and population (imported, their
fields from ``terms.files``), and action plans with focus points, actions and targets."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from socialstyring.storage.models.tenant import TenantModel, row_hash_field
from socialstyring.terms import APPEAL_OUTCOMES, AREAS, KEY_FIGURE_LEVELS
from socialstyring.terms.management import TARGET_DIRECTIONS, TARGET_MEASURES


class Appeal(TenantModel):
    """An appeal to Ankestyrelsen; ``citizen_id`` is a pseudonym or the source's key."""

    row_hash = row_hash_field()
    case_id = models.CharField(max_length=64)
    citizen_id = models.CharField(max_length=64, null=True)
    area = models.CharField(max_length=10, choices=AREAS.choices)
    paragraph = models.CharField(max_length=80)
    team = models.CharField(max_length=100, null=True)
    decision_date = models.DateField()
    outcome = models.CharField(max_length=10, null=True, choices=APPEAL_OUTCOMES.choices)
    outcome_date = models.DateField(null=True)

    class Meta:
        db_table = "ss_appeal"
        constraints = [
            models.UniqueConstraint(fields=["municipality", "case_id"], name="uniq_appeal_case")
        ]


class KeyFigure(TenantModel):
    """A reference key figure (nøgletal): national, regional, a municipality's or a group's."""

    row_hash = row_hash_field()
    code = models.CharField(max_length=60)
    year = models.PositiveSmallIntegerField()
    level = models.CharField(max_length=12, choices=KEY_FIGURE_LEVELS.choices)
    unit = models.CharField(max_length=100, blank=True)
    value = models.FloatField()
    source = models.TextField(null=True)

    class Meta:
        db_table = "ss_key_figure"
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "code", "year", "level", "unit"], name="uniq_key_figure"
            )
        ]


class Population(TenantModel):
    """Inhabitants of a municipality (or region, or the country) in a year by age band."""

    row_hash = row_hash_field()
    municipality_code = models.CharField(max_length=4)
    year = models.PositiveSmallIntegerField()
    age_from = models.PositiveSmallIntegerField()
    age_to = models.PositiveSmallIntegerField()
    count = models.IntegerField()

    class Meta:
        db_table = "ss_population"
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "municipality_code", "year", "age_from", "age_to"],
                name="uniq_population",
            )
        ]


class ComparisonGroup(TenantModel):
    """A named list of municipality codes the municipality compares itself with."""

    name = models.CharField(_("name"), max_length=100)
    codes = models.CharField(_("municipality codes"), max_length=400)  # comma-separated

    class Meta:
        db_table = "ss_comparison_group"
        verbose_name = _("comparison group")
        verbose_name_plural = _("comparison groups")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="uniq_comparison_group")
        ]

    @property
    def code_list(self) -> list[str]:
        return [c.strip() for c in self.codes.split(",") if c.strip()]


class ActionPlan(TenantModel):
    title = models.CharField(_("title"), max_length=200)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    updated_by = models.CharField(max_length=150, blank=True)

    class Meta:
        db_table = "ss_action_plan"
        ordering = ["-updated_at", "-id"]


class FocusPoint(TenantModel):
    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="focus_points")
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(_("focus point"), max_length=300)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        db_table = "ss_focus_point"
        ordering = ["position", "id"]


class Action(TenantModel):
    focus_point = models.ForeignKey(FocusPoint, on_delete=models.CASCADE, related_name="actions")
    text = models.TextField(_("action"))
    owner = models.CharField(_("owner"), max_length=150, blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    status_text = models.TextField(_("status"), blank=True)

    class Meta:
        db_table = "ss_action"
        ordering = ["deadline", "id"]


class Target(TenantModel):
    """A measurable target: a live figure (``measure`` of ``reference``) compared with
    ``value`` in ``direction`` by ``due``; its status is computed, never typed."""

    focus_point = models.ForeignKey(FocusPoint, on_delete=models.CASCADE, related_name="targets")
    label = models.CharField(_("target"), max_length=300)
    measure = models.CharField(_("measure"), max_length=30, choices=TARGET_MEASURES.choices)
    reference = models.CharField(_("figure"), max_length=200, blank=True)
    direction = models.CharField(_("direction"), max_length=10, choices=TARGET_DIRECTIONS.choices)
    value = models.FloatField(_("value"))
    due = models.DateField(_("date"))
    baseline = models.FloatField(_("starting point"), null=True, blank=True)
    baseline_year = models.PositiveSmallIntegerField(
        _("year of the starting point"), null=True, blank=True
    )
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        db_table = "ss_target"
        ordering = ["due", "id"]

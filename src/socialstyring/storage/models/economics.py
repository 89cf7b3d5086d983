"""Saved what-if scenarios, business cases and investments with their frozen cohorts."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from socialstyring.storage.models.tenant import TenantModel


class Scenario(TenantModel):
    """A named list of changes (the scenario file's JSON), with the figures of its last
    computation so saved scenarios compare side by side without recomputing."""

    name = models.CharField(_("name"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year"))
    as_of = models.DateField(_("as of"))
    document = models.JSONField(_("changes"), default=dict)
    result = models.JSONField(default=dict, blank=True)  # the JSON of ``scenario --format json``
    computed_at = models.DateTimeField(null=True)
    created_at = models.DateTimeField()
    created_by = models.CharField(max_length=150)

    class Meta:
        db_table = "ss_scenario"
        ordering = ["-year", "name", "id"]

    def __str__(self) -> str:
        return self.name


class BusinessCase(TenantModel):
    """Yearly costs and expected savings before a decision, with the discount rate."""

    name = models.CharField(_("name"), max_length=200)
    first_year = models.PositiveSmallIntegerField(_("first year"))
    rate = models.FloatField(_("discount rate"), default=0.035)
    costs = models.JSONField(_("costs per year"), default=list)
    savings = models.JSONField(_("expected savings per year"), default=list)
    note = models.TextField(_("basis of the savings"), blank=True)
    approved = models.BooleanField(_("approved"), default=False)
    created_at = models.DateTimeField()
    created_by = models.CharField(max_length=150)

    class Meta:
        db_table = "ss_business_case"
        ordering = ["-first_year", "name", "id"]

    def __str__(self) -> str:
        return self.name


class Investment(TenantModel):
    """An investment followed after the fact: costs per year from the start day's year,
    its cohort (frozen as :class:`InvestmentGrant` rows) and the business case it came from."""

    name = models.CharField(_("name"), max_length=200)
    start_day = models.DateField(_("start day"))
    costs = models.JSONField(_("invested per year"), default=list)
    price_index = models.FloatField(_("yearly price index"), default=0.0)
    cohort_rule = models.JSONField(_("cohort rule"), default=list, blank=True)
    business_case = models.ForeignKey(
        BusinessCase, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()
    created_by = models.CharField(max_length=150)

    class Meta:
        db_table = "ss_investment"
        ordering = ["-start_day", "name", "id"]

    def __str__(self) -> str:
        return self.name


class InvestmentGrant(models.Model):
    """A cohort grant's terms on the investment's start day: the baseline's ground."""

    investment = models.ForeignKey(Investment, on_delete=models.CASCADE, related_name="cohort")
    grant_id = models.CharField(max_length=64)
    citizen_id = models.CharField(max_length=128)
    paragraph = models.CharField(max_length=60)
    account = models.CharField(max_length=7)
    start = models.DateField()
    end = models.DateField(null=True)
    price = models.FloatField()
    quantity = models.FloatField()
    price_unit = models.CharField(max_length=8)

    objects = models.Manager()

    class Meta:
        db_table = "ss_investment_grant"
        indexes = [models.Index(fields=["investment", "grant_id"])]

"""The regional market's tables: offers' tariff bases and accounts (per municipality,
the operator's), and the shared, editable agreements, target groups and special terms."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from socialstyring.storage.models.tenant import TenantModel, row_hash_field


class OfferBudget(TenantModel):
    """A row of a ``tilbudsøkonomi`` file: an offer's tariff basis for a budget year."""

    row_hash = row_hash_field()
    offer_id = models.CharField(max_length=64)
    year = models.IntegerField()
    places = models.IntegerField()
    direct_costs = models.FloatField()
    overhead_pct = models.FloatField(null=True)  # empty: the agreement's default
    depreciation = models.FloatField(null=True)
    interest = models.FloatField(null=True)
    pensions = models.FloatField(null=True)
    adjustment = models.FloatField(null=True)  # empty: filled from the settlements
    occupancy_1 = models.FloatField(null=True)
    occupancy_2 = models.FloatField(null=True)
    expected_occupancy = models.FloatField(null=True)
    tariff_unit = models.CharField(max_length=10)

    class Meta:
        db_table = "ss_offer_budget"
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "offer_id", "year"], name="uniq_offer_budget"
            )
        ]


class OfferAccounts(TenantModel):
    """A row of a ``tilbudsregnskab`` file: an offer's accounts of a year."""

    row_hash = row_hash_field()
    offer_id = models.CharField(max_length=64)
    year = models.IntegerField()
    budget = models.FloatField()
    income = models.FloatField()
    costs = models.FloatField()

    class Meta:
        db_table = "ss_offer_accounts"
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "offer_id", "year"], name="uniq_offer_accounts"
            )
        ]


class AgreementParameter(models.Model):
    """One parameter of a regional agreement (editable; seeded from the shipped file)."""

    objects: models.Manager[AgreementParameter] = models.Manager()

    agreement = models.CharField(_("agreement"), max_length=40)
    parameter = models.CharField(_("parameter"), max_length=40)
    value = models.CharField(_("value"), max_length=40)
    evidence = models.CharField(_("evidence"), max_length=40, blank=True)
    source = models.TextField(_("source"), blank=True)

    class Meta:
        db_table = "ss_agreement_parameter"
        verbose_name = pgettext_lazy("model", "agreement parameter")
        verbose_name_plural = pgettext_lazy("model", "agreement parameters")
        ordering = ["agreement", "parameter"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "parameter"], name="uniq_agreement_param")
        ]

    def __str__(self) -> str:
        return f"{self.agreement}: {self.parameter} = {self.value}"


class TargetGroup(models.Model):
    """A target group of offers; ``central`` marks a central announcement's small group."""

    objects: models.Manager[TargetGroup] = models.Manager()

    code = models.CharField(_("code"), max_length=100, primary_key=True)
    name = models.CharField(_("name"), max_length=300)
    central = models.BooleanField(_("central announcement"), default=False)
    source = models.TextField(_("source"), blank=True)

    class Meta:
        db_table = "ss_target_group"
        verbose_name = pgettext_lazy("model", "target group")
        verbose_name_plural = pgettext_lazy("model", "target groups")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class SpecialTerm(models.Model):
    """A special term of a new offer, approved by the secretariat's board, with its years
    and the municipalities that joined (comma-separated codes)."""

    objects: models.Manager[SpecialTerm] = models.Manager()

    offer_id = models.CharField(_("offer"), max_length=64)
    term = models.CharField(_("term"), max_length=30)
    first_year = models.IntegerField(_("first year"))
    last_year = models.IntegerField(_("last year"))
    occupancy_pct = models.FloatField(_("occupancy rate"), null=True, blank=True)
    municipalities = models.CharField(_("municipalities that joined"), max_length=400)

    class Meta:
        db_table = "ss_special_term"
        verbose_name = pgettext_lazy("model", "special term")
        verbose_name_plural = pgettext_lazy("model", "special terms")
        ordering = ["offer_id", "term", "first_year"]

    def __str__(self) -> str:
        return f"{self.offer_id}: {self.term} {self.first_year}-{self.last_year}"


class ObjectiveFinancing(models.Model):
    """An offer (or an agreement's shared task, e.g. a Børnehus) financed objectively in
    some years: ``objective_pct`` of its amount split among the region's municipalities by
    their 0-17-year-olds, the rest paid per case. ``amount`` empty: the offer's cost base
    of the year's tariff; ``municipalities`` empty: all of the region's."""

    objects: models.Manager[ObjectiveFinancing] = models.Manager()

    region_code = models.CharField(_("region code"), max_length=4)
    offer_id = models.CharField(_("offer"), max_length=64)
    name = models.CharField(_("name"), max_length=200, blank=True)
    first_year = models.IntegerField(_("first year"))
    last_year = models.IntegerField(_("last year"))
    objective_pct = models.FloatField(_("objectively financed share (%)"), default=100.0)
    amount = models.FloatField(_("amount"), null=True, blank=True)
    municipalities = models.CharField(_("municipalities"), max_length=400, blank=True)

    class Meta:
        db_table = "ss_objective_financing"
        verbose_name = pgettext_lazy("model", "objective financing")
        verbose_name_plural = pgettext_lazy("model", "objective financing arrangements")
        ordering = ["offer_id", "first_year"]

    def __str__(self) -> str:
        return f"{self.offer_id}: {self.objective_pct:g} % {self.first_year}-{self.last_year}"

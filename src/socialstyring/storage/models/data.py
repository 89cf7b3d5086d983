"""Imported data and reference data. Field names follow glossary.md; no CPR is stored:
``citizen_id`` holds the source system's key or a keyed pseudonym of the CPR."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from socialstyring.storage.models.tenant import TenantModel, row_hash_field
from socialstyring.terms import AREAS, BUDGET_KINDS, OPEN_ENDED, PRICE_UNITS, PROVIDER_TYPES

AREA_CHOICES = AREAS.choices
PROVIDER_TYPE_CHOICES = PROVIDER_TYPES.choices
PRICE_UNIT_CHOICES = PRICE_UNITS.choices
BUDGET_KIND_CHOICES = BUDGET_KINDS.choices


class Account(models.Model):
    """A function of the municipal chart of accounts (editable reference data)."""

    function = models.CharField(_("function"), max_length=7, primary_key=True)
    dst_function = models.CharField(max_length=5, blank=True)
    name = models.CharField(_("name"), max_length=300)
    main_function = models.CharField(_("main function"), max_length=200, blank=True)
    evidence = models.CharField(_("evidence"), max_length=40, blank=True)
    source = models.TextField(_("source"), blank=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "account")
        verbose_name_plural = pgettext_lazy("model", "chart of accounts")
        db_table = "ss_account"
        ordering = ["function"]

    def __str__(self) -> str:
        return f"{self.function} {self.name}"


class Municipality(models.Model):
    code = models.CharField(_("municipality code"), max_length=3, primary_key=True)
    name = models.CharField(_("name"), max_length=100)
    region_code = models.CharField(max_length=4)
    region_name = models.CharField(_("region"), max_length=100)

    class Meta:
        verbose_name = pgettext_lazy("model", "municipality")
        verbose_name_plural = pgettext_lazy("model", "municipalities")
        db_table = "ss_municipality"
        ordering = ["code"]


class ParagraphMapping(models.Model):
    """Serviceloven's children's paragraphs and the Barnets lov paragraphs that replaced them."""

    sel_paragraph = models.CharField(max_length=60)
    sel_text = models.CharField(max_length=300, blank=True)
    bl_paragraph = models.CharField(max_length=60)
    bl_text = models.CharField(max_length=300, blank=True)
    evidence = models.CharField(max_length=40, blank=True)
    source = models.TextField(blank=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "paragraph cross-reference")
        verbose_name_plural = pgettext_lazy("model", "paragraph cross-references")
        db_table = "ss_paragraph_mapping"


class RefundThreshold(models.Model):
    price_level = models.PositiveSmallIntegerField(_("price level"))
    scheme = models.CharField(_("scheme"), max_length=60)
    tier = models.PositiveSmallIntegerField(_("tier"))
    threshold = models.FloatField(_("threshold (kr. per year)"))
    rate = models.FloatField(_("rate"))
    source = models.TextField(blank=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "refund threshold")
        verbose_name_plural = pgettext_lazy("model", "refund thresholds")
        db_table = "ss_refund_threshold"
        constraints = [
            models.UniqueConstraint(
                fields=["price_level", "scheme", "tier"], name="uniq_refund_tier"
            )
        ]


class Provider(TenantModel):
    provider_id = models.CharField(max_length=64)
    name = models.CharField(max_length=300)
    provider_type = models.CharField(max_length=20, choices=PROVIDER_TYPE_CHOICES)
    municipality_code = models.CharField(max_length=3, null=True)
    offer_type = models.CharField(max_length=200, null=True)
    capacity = models.IntegerField(null=True)
    tariff = models.FloatField(null=True)
    tariff_unit = models.CharField(max_length=10, null=True, choices=PRICE_UNIT_CHOICES)
    target_group = models.CharField(max_length=100, null=True)  # a TargetGroup's code
    capacity_from = models.DateField(null=True)  # the period the places are offered
    capacity_to = models.DateField(null=True)
    row_hash = row_hash_field()

    class Meta:
        verbose_name = pgettext_lazy("model", "provider")
        verbose_name_plural = pgettext_lazy("model", "providers")
        db_table = "ss_provider"
        constraints = [
            models.UniqueConstraint(fields=["municipality", "provider_id"], name="uniq_provider_id")
        ]


class Grant(TenantModel):
    """Keys and lookups are indexed through ``Meta`` only: a field's ``unique``/``db_index``
    would add a PostgreSQL ``_like`` twin per column, which slows bulk imports and serves
    no query here."""

    grant_id = models.CharField(max_length=64)
    citizen_id = models.CharField(max_length=64)
    family_id = models.CharField(max_length=64, null=True)
    birth_date = models.DateField(null=True)
    area = models.CharField(max_length=10, choices=AREA_CHOICES)
    paragraph = models.CharField(max_length=80)
    service = models.CharField(max_length=300, null=True)
    provider_id = models.CharField(max_length=64, null=True)
    provider_type = models.CharField(max_length=20, null=True, choices=PROVIDER_TYPE_CHOICES)
    account = models.CharField(max_length=7)
    start = models.DateField()
    end = models.DateField(null=True)
    price = models.FloatField()
    price_unit = models.CharField(max_length=10, choices=PRICE_UNIT_CHOICES)
    quantity = models.FloatField(default=1.0)
    registered = models.DateField()
    caseworker = models.CharField(max_length=64, null=True)
    team = models.CharField(max_length=100, null=True)
    # løbende (docs/projection.md): decided without an end date; null when files are silent
    open_ended = models.CharField(max_length=3, null=True, choices=OPEN_ENDED.choices)
    row_hash = row_hash_field()

    class Meta:
        verbose_name = pgettext_lazy("model", "grant")
        verbose_name_plural = pgettext_lazy("model", "grants")
        db_table = "ss_grant"
        constraints = [
            models.UniqueConstraint(fields=["municipality", "grant_id"], name="uniq_grant_id")
        ]
        indexes = [models.Index(fields=["municipality", "citizen_id"], name="grant_citizen_idx")]


class Budget(TenantModel):
    year = models.PositiveSmallIntegerField()
    account = models.CharField(max_length=7)
    kind = models.CharField(max_length=10, choices=BUDGET_KIND_CHOICES)
    amount = models.FloatField()
    # "" (never null): not distributed, so the unique key holds on every database
    area = models.CharField(max_length=10, choices=AREA_CHOICES, blank=True, default="")
    team = models.CharField(max_length=100, blank=True, default="")
    row_hash = row_hash_field()

    class Meta:
        verbose_name = pgettext_lazy("model", "budget")
        verbose_name_plural = pgettext_lazy("model", "budgets")
        db_table = "ss_budget"
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "year", "account", "kind", "area", "team"],
                name="uniq_budget",
            )
        ]


class Posting(TenantModel):
    posting_id = models.CharField(max_length=300)
    posting_date = models.DateField()
    account = models.CharField(max_length=7)
    amount = models.FloatField()
    grant_id = models.CharField(max_length=64, null=True)
    text = models.TextField(null=True)
    row_hash = row_hash_field()

    class Meta:
        verbose_name = pgettext_lazy("model", "posting")
        verbose_name_plural = pgettext_lazy("model", "postings")
        db_table = "ss_posting"
        constraints = [
            models.UniqueConstraint(fields=["municipality", "posting_id"], name="uniq_posting_id")
        ]
        indexes = [models.Index(fields=["municipality", "posting_date"], name="posting_date_idx")]


class ImportRecord(TenantModel):
    """One attempt to import one file, accepted or rejected."""

    imported_at = models.DateTimeField()
    file_name = models.CharField(max_length=300)
    kind = models.CharField(max_length=20, blank=True)
    sha256 = models.CharField(max_length=64)
    rows = models.IntegerField(default=0)
    created = models.IntegerField(default=0)
    updated = models.IntegerField(default=0)
    unchanged = models.IntegerField(default=0)
    accepted = models.BooleanField()
    problem_count = models.IntegerField(default=0)
    report = models.TextField(blank=True)
    username = models.CharField(max_length=150, blank=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "import")
        verbose_name_plural = pgettext_lazy("model", "imports")
        db_table = "ss_import"
        ordering = ["-imported_at", "-id"]

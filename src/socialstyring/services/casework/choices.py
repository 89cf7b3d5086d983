"""The rule form's lists: subjects, fields, operators and reasons with their Danish labels,
and the form's rows with their current values."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from socialstyring.core.rules import language as lang
from socialstyring.services.casework.forms import SECTIONS

SUBJECTS = {
    lang.GRANT: _("Grant"),
    lang.CITIZEN: _("Citizen"),
    lang.FAMILY: _("Family"),
    lang.REFUND_SUBJECT: _("Refund subject (household or citizen)"),
}
FIELDS = {
    "grant_id": _("Grant id"),
    "citizen_id": _("Citizen (pseudonym)"),
    "family_id": _("Family id"),
    "area": _("Area"),
    "paragraph": _("Paragraph"),
    "service": _("Service"),
    "provider_id": _("Provider"),
    "provider_type": _("Provider type"),
    "account": _("Account"),
    "price_unit": _("Unit"),
    "caseworker": _("Caseworker"),
    "team": _("Team"),
    "price": _("Price"),
    "quantity": _("Quantity"),
    "start": _("Start date"),
    "end": _("End date"),
    "birth_date": _("Birth date"),
    "registered": _("Registered"),
    "known": _("Known on the day"),
    "active": _("Active on the day"),
    "periodic": _("Periodic (not a one-off)"),
    "open_ended": _("Open-ended"),
    "age": _("Age"),
    "cost_this_year": _("Cost this year"),
    "run_rate": _("Run rate"),
    "course_start": _("Course start"),
    "course_months": _("Course duration in months"),
    "last_review": _("Last case review"),
    "months_since_review": _("Months since the last case review"),
    "grants": _("Active measures"),
    "hours_per_week": _("Hours per week"),
    "threshold_share": _("Share of the refund threshold"),
}
OPERATORS = {
    "eq": _("is"),
    "ne": _("is not"),
    "lt": _("less than"),
    "le": _("at most"),
    "gt": _("more than"),
    "ge": _("at least"),
    "between": _("between (e.g. 0-12)"),
    "in": _("one of (separated by commas)"),
    "not_in": _("none of (separated by commas)"),
    "is_null": _("is empty"),
    "not_null": _("is filled in"),
    "is_true": _("yes"),
    "is_false": _("no"),
    "before_years_ago": _("more than N years before the day"),
    "turns_within_months": _("turns AGE within MONTHS (e.g. 18;6)"),
}
REASONS = {
    "measures": _("Number of grants and run rate"),
    "course_duration": _("Paragraph and course duration"),
    "hours_per_week": _("Hours per week"),
    "hours_and_duration": _("Hours per week and course duration"),
    "family_measures": _("Measures in the family"),
    "aftercare": pgettext_lazy("focus reason", "Aftercare and age"),
    "external_provider": _("External provider"),
    "refund_threshold": _("Share of the refund threshold"),
}


def form_choices(values: Mapping[str, str]) -> dict[str, Any]:
    sections = []
    for prefix, key, rows, fields in SECTIONS:
        sections.append(
            {
                "key": key,
                "fields": [(f, FIELDS[f]) for f in fields],
                "rows": [
                    {
                        "prefix": f"{prefix}-{i}",
                        "field": values.get(f"{prefix}-{i}-field", ""),
                        "op": values.get(f"{prefix}-{i}-op", ""),
                        "value": values.get(f"{prefix}-{i}-value", ""),
                    }
                    for i in range(rows)
                ],
            }
        )
    return {
        "subjects": list(SUBJECTS.items()),
        "operators": list(OPERATORS.items()),
        "reasons": list(REASONS.items()),
        "top_measures": [(m, FIELDS[m]) for m in lang.TOP_MEASURES],
        "sections": sections,
    }

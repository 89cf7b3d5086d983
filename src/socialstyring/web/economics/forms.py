"""The economics pages' forms: amounts, percentages and yearly series typed the Danish way
(``1.000.000``, ``3,5``), a scenario's changes and a cohort rule as JSON."""

from __future__ import annotations

import json
import re

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from socialstyring import terms
from socialstyring.services.notation import parse_amount

_SEPARATORS = re.compile(r"[;\n]+")
TEXT = {"autocomplete": "off", "size": 60}


class YearlyAmountsField(forms.CharField):
    """Amounts per year in order, separated by semicolons or lines: ``1.000.000; 1.500.000``."""

    def to_python(self, value):
        text = str(value or "").strip()
        if not text:
            return []
        amounts = []
        for part in _SEPARATORS.split(text):
            if not part.strip():
                continue
            try:
                amounts.append(parse_amount(part.strip()))
            except ValueError:
                raise forms.ValidationError(
                    _("»%(text)s« is not an amount; write e.g. 1.000.000; 1.500.000.")
                    % {"text": part.strip()[:40]}
                ) from None
        if len(amounts) > 30:
            raise forms.ValidationError(_("At most 30 years."))
        return amounts


class PercentField(forms.Field):
    """A percentage typed the Danish way (``3,5``), as a fraction (0.035)."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "size": 8})

    def to_python(self, value):
        text = str(value or "").strip()[:20].removesuffix("%").strip()
        if not text:
            return 0.0
        try:
            number = parse_amount(text)
        except ValueError:
            raise forms.ValidationError(_("Write a percentage, e.g. 3,5.")) from None
        if not -100 < number <= 100:
            raise forms.ValidationError(_("The percentage must lie between -100 and 100."))
        return number / 100.0


class JsonField(forms.CharField):
    widget = forms.Textarea(attrs={"rows": 10, "cols": 90, "spellcheck": "false"})

    def to_python(self, value):
        text = str(value or "").strip()
        if not text:
            return []
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise forms.ValidationError(
                _("Not valid JSON: %(error)s") % {"error": exc.msg}
            ) from None


KINDS = [
    ("", gettext_lazy("— choose —")),
    ("end", gettext_lazy("End the grants")),
    ("reduce_hours", gettext_lazy("Reduce the hours (factor, e.g. 0,5)")),
    ("tariff_change", gettext_lazy("Change the price (percentage, e.g. 3,5)")),
    ("bring_home", gettext_lazy("Bring home to an own offer (price)")),
    ("add_amount", gettext_lazy("Add a yearly amount on an account (amount)")),
]
_VALUE_KEY = {
    "reduce_hours": "factor",
    "tariff_change": "pct",
    "bring_home": "price",
    "add_amount": "amount",
}


def _any(choices):
    return [("", gettext_lazy("any")), *choices]


class NumberField(forms.Field):
    """A number typed the Danish way (``0,5``, ``1.500``, ``-2.000.000``)."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "size": 14})

    def to_python(self, value):
        text = str(value or "").strip()[:40]
        if not text:
            return None
        negative = text.startswith("-")
        try:
            number = parse_amount(text.lstrip("-").strip())
        except ValueError:
            raise forms.ValidationError(_("Write a number, e.g. 0,5 or 1.500.")) from None
        return -number if negative else number


class ScenarioForm(forms.Form):
    """One change through the fields, or any number of changes as JSON."""

    name = forms.CharField(label=gettext_lazy("Name"), max_length=200, widget=forms.TextInput(TEXT))
    year = forms.IntegerField(label=gettext_lazy("Budget year"), min_value=2000, max_value=2100)
    as_of = forms.DateField(
        label=gettext_lazy("As of"), widget=forms.DateInput(attrs={"type": "date"})
    )
    kind = forms.ChoiceField(
        label=pgettext_lazy("scenario", "Change"), choices=KINDS, required=False
    )
    start = forms.DateField(
        label=gettext_lazy("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    paragraph = forms.CharField(
        label=gettext_lazy("The grants under the paragraph (e.g. SEL § 85)"),
        required=False,
        max_length=60,
    )
    provider_type = forms.ChoiceField(
        label=gettext_lazy("The grants with the provider type"),
        choices=_any(terms.PROVIDER_TYPES.choices),
        required=False,
    )
    price_unit = forms.ChoiceField(
        label=gettext_lazy("The grants with the price unit"),
        choices=_any(terms.PRICE_UNITS.choices),
        required=False,
    )
    value = NumberField(
        label=gettext_lazy("Factor, percentage, price or yearly amount"), required=False
    )
    new_unit = forms.ChoiceField(
        label=gettext_lazy("The own offer's price unit"),
        choices=_any(terms.PRICE_UNITS.choices),
        required=False,
    )
    account = forms.CharField(
        label=gettext_lazy("Account of the amount (e.g. 5.38.38)"), required=False, max_length=7
    )
    changes = JsonField(
        label=gettext_lazy("Or the changes as JSON"),
        required=False,
        help_text=gettext_lazy(
            "A list of changes, each with change, filter and from; see the help below."
        ),
    )

    def clean(self):
        data = super().clean() or {}
        if data.get("changes"):
            return data
        kind = data.get("kind")
        if not kind:
            self.add_error("kind", _("Choose a change, or write the changes as JSON."))
            return data
        change: dict = {"change": kind, "from": (data.get("start") or "") and str(data["start"])}
        if kind in _VALUE_KEY and data.get("value") is not None:
            change[_VALUE_KEY[kind]] = data["value"]
        if kind == "bring_home" and data.get("new_unit"):
            change["unit"] = data["new_unit"]
        if kind == "add_amount":
            change["account"] = data.get("account", "")
        else:
            change["filter"] = [
                {"field": field, "op": "eq", "value": data[field]}
                for field in ("paragraph", "provider_type", "price_unit")
                if data.get(field)
            ]
        data["changes"] = [change]
        return data


class BusinessCaseForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=200, widget=forms.TextInput(TEXT))
    first_year = forms.IntegerField(
        label=gettext_lazy("First year"), min_value=2000, max_value=2100
    )
    rate = PercentField(label=gettext_lazy("Discount rate in % a year (e.g. 3,5)"), initial="3,5")
    costs = YearlyAmountsField(
        label=gettext_lazy("Costs per year in kroner (e.g. 1.000.000; 1.000.000; 1.000.000)"),
        widget=forms.TextInput(TEXT),
    )
    savings = YearlyAmountsField(
        label=gettext_lazy("Expected savings per year in kroner"),
        required=False,
        widget=forms.TextInput(TEXT),
    )
    note = forms.CharField(
        label=gettext_lazy("Basis of the savings"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 80}),
    )
    approved = forms.BooleanField(label=gettext_lazy("Approved"), required=False)
    # Or the savings derived from a rule's cohort and an assumed effect.
    cohort_rule = JsonField(
        label=gettext_lazy("Or derive the savings: the cohort's rule conditions (JSON)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 90, "spellcheck": "false"}),
    )
    cohort_day = forms.DateField(
        label=gettext_lazy("The cohort on the day"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    share_closed = PercentField(
        label=gettext_lazy("Share of the cases closed, in %"), required=False
    )
    hours_reduced = PercentField(
        label=gettext_lazy("Hours reduced in the remaining hour grants, in %"), required=False
    )

    def clean(self):
        data = super().clean() or {}
        if not data.get("savings") and not data.get("cohort_rule"):
            self.add_error("savings", _("Type the expected savings, or derive them from a cohort."))
        if data.get("cohort_rule") and not data.get("cohort_day"):
            self.add_error("cohort_day", _("Give the day the cohort is taken on."))
        return data


class InvestmentForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=200, widget=forms.TextInput(TEXT))
    start_day = forms.DateField(
        label=gettext_lazy("Start day"), widget=forms.DateInput(attrs={"type": "date"})
    )
    costs = YearlyAmountsField(
        label=gettext_lazy("Invested per year in kroner (e.g. 1.000.000; 1.000.000)"),
        widget=forms.TextInput(TEXT),
    )
    price_index = PercentField(
        label=gettext_lazy("Yearly price index in % (optional)"), required=False
    )
    cohort_rule = JsonField(
        label=gettext_lazy("Cohort: the conditions of a focus rule (JSON)"),
        help_text=gettext_lazy(
            'E.g. [{"field": "paragraph", "op": "eq", "value": "SEL § 85"}]: the grants '
            "active on the start day that meet them."
        ),
    )

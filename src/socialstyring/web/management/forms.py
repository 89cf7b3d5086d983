"""The forms of an action plan's parts; amounts and dates typed the Danish way."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from socialstyring.services.notation import parse_amount
from socialstyring.terms.management import TARGET_DIRECTIONS, TARGET_MEASURES

DATE_FORMATS = ["%d-%m-%Y", "%Y-%m-%d"]


class NumberField(forms.Field):
    """A number typed the Danish way (``6.000.000``, ``2,5``); a plain text input."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})

    def to_python(self, value):
        text = str(value or "").strip()[:40]
        if not text:
            return None
        try:
            return parse_amount(text)
        except ValueError:
            raise forms.ValidationError(_("Give a number, e.g. 6.000.000 or 2,5.")) from None


def _date(label, required=True) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class PlanForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)


class FocusPointForm(forms.Form):
    title = forms.CharField(label=_("Focus point"), max_length=300)
    comment = forms.CharField(
        label=_("Comment"), required=False, max_length=4000, widget=forms.Textarea({"rows": 2})
    )
    position = forms.IntegerField(label=_("Order"), required=False, min_value=0, max_value=999)


class ActionForm(forms.Form):
    text = forms.CharField(
        label=pgettext_lazy("report", "Action"), max_length=4000, widget=forms.Textarea({"rows": 2})
    )
    owner = forms.CharField(label=_("Owner"), required=False, max_length=150)
    deadline = _date(_("Deadline"), required=False)
    status_text = forms.CharField(
        label=pgettext_lazy("report", "Status"),
        required=False,
        max_length=4000,
        widget=forms.Textarea({"rows": 2}),
    )


class TargetForm(forms.Form):
    label = forms.CharField(label=_("Target"), max_length=300)
    measure = forms.ChoiceField(label=_("Figure"), choices=TARGET_MEASURES.choices)
    reference = forms.CharField(
        label=_("Accounts, paragraphs, key figure or ages"),
        max_length=200,
        required=False,
        help_text=_("e.g. 5.28.23, BL § 114, spend_per_inhabitant_0_22 or 13-18"),
    )
    direction = forms.ChoiceField(label=_("Direction"), choices=TARGET_DIRECTIONS.choices)
    value = NumberField(label=_("Value"))
    due = _date(_("Date"))
    baseline = NumberField(label=_("Starting point"), required=False)
    baseline_year = forms.IntegerField(
        label=_("Year of the starting point"), required=False, min_value=2000, max_value=2100
    )
    comment = forms.CharField(
        label=_("Comment"), required=False, max_length=4000, widget=forms.Textarea({"rows": 2})
    )


FORMS: dict[str, type[forms.Form]] = {
    "plan": PlanForm,
    "focus_point": FocusPointForm,
    "action": ActionForm,
    "target": TargetForm,
}
PARENTS = {"focus_point": "plan", "action": "focus_point", "target": "focus_point"}

"""Danish display filters: ``{{ x|kr }}`` → ``1.234.567 kr.``, ``{{ d|dato }}`` → ``31-05-2026``."""

from django import template

from socialstyring.services.notation import date_dk, kroner, number_dk
from socialstyring.terms import AREAS, MEASURES_BY_FIELD, PRICE_UNITS, PROVIDER_TYPES

register = template.Library()


@register.filter
def kr(value):
    return kroner(value) if value is not None else "–"


@register.filter
def dato(value):
    return date_dk(value) if value else ""


@register.filter
def tal(value, decimals=2):
    return number_dk(value, int(decimals)) if value is not None else ""


@register.filter
def omraade(value):
    return AREAS.label(value)


@register.filter
def levtype(value):
    return PROVIDER_TYPES.label(value)


@register.filter
def enhed(value):
    return PRICE_UNITS.label(value)


@register.simple_tag
def maal(field, form="label"):
    """A measure's Danish header from the registry: ``{% maal "committed_rest" "short" %}``
    (``label``, ``short`` or ``narrow``)."""
    return getattr(MEASURES_BY_FIELD[field], form)


@register.filter
def fortegn(value):
    """CSS class for a deviation: overspend (negative) or underspend."""
    if value is None:
        return ""
    return "over" if value < -0.5 else "under" if value > 0.5 else ""

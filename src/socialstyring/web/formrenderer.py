"""Every Django form in the Danish design system's (DKFDS) markup, without touching the forms.

Set as ``FORM_RENDERER``: ``{{ form }}``, ``form.as_p`` and ``form.as_div`` render one
``form-group`` per field (``forms/dkfds.html``), labels get ``form-label`` and text inputs,
text areas and selects get ``form-input`` / ``form-select``. Pages that write their own
``<input>`` get the same look from ``site.css``."""

from __future__ import annotations

from typing import Any

from django.forms.renderers import DjangoTemplates

FORM_TEMPLATE = "forms/dkfds.html"
# Django's own form layouts, all drawn as the design system's form groups.
_FORM_LAYOUTS = {"django/forms/default.html", "django/forms/div.html", "django/forms/p.html"}
_INPUT_WIDGETS = {
    "text",
    "number",
    "email",
    "password",
    "url",
    "date",
    "datetime",
    "time",
    "search",
    "textarea",
}
# Checkboxes keep the browser's own box: DKFDS's drawn box needs markup few pages have.
_WIDGET_CLASSES = {"select": "form-select"} | {name: "form-input" for name in _INPUT_WIDGETS}


def _with_class(attrs: dict[str, Any] | None, css_class: str) -> dict[str, Any]:
    attrs = dict(attrs or {})
    existing = str(attrs.get("class", "")).split()
    if css_class not in existing:
        attrs["class"] = " ".join([*existing, css_class])
    return attrs


class DesignSystemFormRenderer(DjangoTemplates):
    form_template_name = FORM_TEMPLATE

    def render(self, template_name, context, request=None):
        if template_name in _FORM_LAYOUTS:
            template_name = FORM_TEMPLATE
        elif template_name == "django/forms/label.html" and context.get("use_tag"):
            context = {**context, "attrs": _with_class(context.get("attrs"), "form-label")}
        elif template_name.startswith("django/forms/widgets/") and "widget" in context:
            kind = template_name.rsplit("/", 1)[-1].removesuffix(".html")
            css_class = _WIDGET_CLASSES.get(kind)
            if css_class and not context["widget"].get("attrs", {}).get("multiple"):
                widget = dict(context["widget"])
                widget["attrs"] = _with_class(widget.get("attrs"), css_class)
                context = {**context, "widget": widget}
        return super().render(template_name, context, request)

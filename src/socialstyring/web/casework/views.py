"""Focus rules: the list with totals, one rule's hits, the rule form, import and export."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from socialstyring.services.casework import exports, forms, pages, rulebook
from socialstyring.services.casework.choices import form_choices
from socialstyring.web.downloads import attachment
from socialstyring.web.views import as_of_of, requires


@requires("focus.view")
def rules(request, viewer):
    as_of = as_of_of(request)
    return render(
        request,
        "casework/rules.html",
        {
            "as_of": as_of,
            "rows": pages.overview(viewer, as_of),
            "can_edit": viewer.can("focus.rules.edit"),
            "query": urlencode({"as_of": as_of.isoformat()}),
        },
    )


@requires("focus.view")
def rule_hits(request, viewer, code: str):
    as_of = as_of_of(request)
    sort = request.GET.get("sort", "-run_rate")[:40]
    query = request.GET.get("q", "")[:100]
    found = pages.rule_hits(
        viewer, code, as_of, sort=sort, query=query, page=request.get_full_path()
    )
    if found is None:
        raise Http404
    grants_by_subject: dict[str, list[dict]] = {}
    for g in found.grants.iter_rows(named=True):
        grants_by_subject.setdefault(g["subject_id"], []).append(g)
    hits = [
        {**h, "grants": grants_by_subject.get(h["subject_id"], [])}
        for h in found.hits.iter_rows(named=True)
    ]
    base = urlencode({"as_of": as_of.isoformat(), "q": query})
    return render(
        request,
        "casework/hits.html",
        {
            "found": found,
            "rule": found.rule,
            "hits": hits,
            "as_of": as_of,
            "q": query,
            "sort": sort,
            "base_query": base,
            "export_query": urlencode({"as_of": as_of.isoformat(), "q": query, "sort": sort}),
            "can_edit": viewer.can("focus.rules.edit"),
            "total_cost": sum(h["cost_this_year"] for h in hits),
            "total_run_rate": sum(h["run_rate"] for h in hits),
        },
    )


@requires("focus.view")
def rule_export(request, viewer, code: str, fmt: str):
    as_of = as_of_of(request)
    found = pages.rule_hits(
        viewer,
        code,
        as_of,
        sort=request.GET.get("sort", "-run_rate")[:40],
        query=request.GET.get("q", "")[:100],
        page=request.get_full_path(),
    )
    if found is None:
        raise Http404
    return attachment(lambda: exports.hits_download(found, fmt))


def _form(request, values: dict[str, str], *, action: str, title: str, error=None, status=200):
    return render(
        request,
        "casework/rule_form.html",
        {
            "values": values,
            "action": action,
            "title": title,
            "error": error,
            **form_choices(values),
        },
        status=status,
    )


def _save(request, viewer, *, replacing: str, action: str, title: str):
    values = {k: str(v) for k, v in request.POST.items() if k != "csrfmiddlewaretoken"}
    try:
        definition = forms.definition_from_form(request.POST)
        saved = rulebook.save_rule(viewer, definition, replacing=replacing)
    except rulebook.RuleError as error:
        return _form(request, values, action=action, title=title, error=error, status=400)
    messages.success(request, _("The rule %(name)s is saved.") % {"name": saved.name})
    return redirect("focus_rule", code=saved.code)


@requires("focus.rules.edit")
def rule_new(request, viewer):
    title = _("New focus rule")
    action = request.path
    if request.method == "POST":
        return _save(request, viewer, replacing="", action=action, title=title)
    return _form(
        request,
        {"subject": "citizen", "cond-0-field": "active", "cond-0-op": "is_true"},
        action=action,
        title=title,
    )


@requires("focus.rules.edit")
def rule_copy(request, viewer, code: str):
    definition = rulebook.copy_definition(code)
    if definition is None:
        raise Http404
    from django.urls import reverse

    return _form(
        request,
        forms.form_from_definition(definition),
        action=reverse("focus_rule_new"),
        title=_("Copy of a focus rule"),
    )


@requires("focus.rules.edit")
def rule_edit(request, viewer, code: str):
    found = rulebook.rule(code)
    if found is None:
        raise Http404
    title = _("Edit the focus rule %(name)s") % {"name": found.name}
    if request.method == "POST":
        replacing = code if rulebook.is_stored(code) else ""
        return _save(request, viewer, replacing=replacing, action=request.path, title=title)
    return _form(
        request, forms.form_from_definition(found.as_json()), action=request.path, title=title
    )


@require_POST
@requires("focus.rules.edit")
def rule_delete(request, viewer, code: str):
    if not rulebook.delete_rule(viewer, code):
        raise Http404
    messages.success(request, _("The rule is deleted."))
    return redirect("focus_rules")


@requires("focus.view")
def rules_export(request, viewer):
    response = HttpResponse(rulebook.export_rules(), content_type="application/json")
    response["Content-Disposition"] = 'attachment; filename="fokusregler.json"'
    return response


@require_POST
@requires("focus.rules.edit")
def rules_import(request, viewer):
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Choose a rules file (JSON)."))
        return redirect("focus_rules")
    try:
        imported = rulebook.import_rules(viewer, upload.read(), upload.name)
    except (rulebook.RulesFileError, rulebook.RuleError) as error:
        messages.error(request, str(error))
        return redirect("focus_rules")
    messages.success(request, _("%(count)s rules imported.") % {"count": len(imported)})
    return redirect("focus_rules")

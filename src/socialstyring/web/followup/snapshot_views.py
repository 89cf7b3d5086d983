"""Follow-up snapshots (budgetopfølgninger), their comparison and committee report, and
the buffer pool (bufferpulje). Each view: check access, validate, call a service, render."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from socialstyring.services import buffers, committee, exports, followups, snapshots
from socialstyring.services.notation import date_dk, number_dk, parse_amount
from socialstyring.terms import PROJECTION_MEASURES
from socialstyring.web.downloads import attachment
from socialstyring.web.views import requires, year_and_as_of

COMMENT_PREFIX = "comment-"
MAX_COMMENT = 5000


# --- forms -------------------------------------------------------------------------------


class SnapshotForm(forms.Form):
    year = forms.IntegerField(min_value=2000, max_value=2100, widget=forms.HiddenInput)
    as_of = forms.DateField(widget=forms.HiddenInput)
    title = forms.CharField(
        label=gettext_lazy("Title"), max_length=200, widget=forms.TextInput(attrs={"size": 60})
    )
    note = forms.CharField(
        label=gettext_lazy("Overall comment"),
        required=False,
        max_length=MAX_COMMENT,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 80}),
    )
    is_final = forms.BooleanField(
        label=gettext_lazy("The year's final follow-up"),
        required=False,
        widget=forms.CheckboxInput(attrs={"aria-describedby": "final-help"}),
        help_text=gettext_lazy(
            "At the year's final follow-up the buffer pool is released, "
            "if the expected overspend requires it."
        ),
    )

    def clean(self):
        data = super().clean() or {}
        year, as_of = data.get("year"), data.get("as_of")
        # The books stay open into the next year, so a last follow-up may be dated then.
        if year and as_of and not dt.date(year, 1, 1) <= as_of <= dt.date(year + 1, 12, 31):
            raise forms.ValidationError(
                _("The date of the figures must lie in the budget year or the year after.")
            )
        return data


class NoteForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Overall comment"),
        required=False,
        max_length=MAX_COMMENT,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 80}),
    )


class AmountField(forms.Field):
    """Kroner typed the Danish way, by the import's rule for amounts; a plain text input,
    since browsers' number inputs reject thousands dots."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})

    def to_python(self, value):
        text = str(value or "").strip()[:40]
        if not text:
            return None
        try:
            amount = parse_amount(text)
        except ValueError:
            raise forms.ValidationError(_("Write the amount in kroner, e.g. 18.000.000.")) from None
        if amount < 0:
            raise forms.ValidationError(_("The amount cannot be negative."))
        return amount


class BufferPoolForm(forms.Form):
    year = forms.IntegerField(label=gettext_lazy("Budget year"), min_value=2000, max_value=2100)
    name = forms.CharField(
        label=gettext_lazy("Name"), max_length=200, widget=forms.TextInput(attrs={"size": 60})
    )
    amount = AmountField(label=gettext_lazy("Amount in kroner (e.g. 18.000.000)"))
    rule = forms.CharField(
        label=gettext_lazy("Release rule"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 80}),
    )


def _comments(data: QueryDict) -> dict[str, str]:
    return {
        key.removeprefix(COMMENT_PREFIX): str(value)[:MAX_COMMENT]
        for key, value in data.items()
        if key.startswith(COMMENT_PREFIX)
    }


# --- snapshots -----------------------------------------------------------------------------


@requires("snapshots.view")
def snapshot_list(request, viewer):
    year, as_of = year_and_as_of(request)
    return render(
        request,
        "followup/snapshot_list.html",
        {
            "year": year,
            "as_of": as_of,
            "snapshots": snapshots.snapshots_in_year(year),
            "can_save": viewer.can("snapshots.save"),
        },
    )


@requires("snapshots.save")
def snapshot_new(request, viewer):
    year, as_of = year_and_as_of(request)
    form = SnapshotForm(
        initial={
            "year": year,
            "as_of": as_of,
            "title": _("Budget follow-up as of %(date)s") % {"date": date_dk(as_of)},
        }
    )
    return _render_new(request, form, year, as_of, {})


def _render_new(
    request,
    form: SnapshotForm,
    year: int,
    as_of: dt.date,
    comments: dict[str, str],
    status: int = 200,
) -> HttpResponse:
    result = followups.overview(year, as_of)
    rows = [
        {**row, "comment": comments.get(row["account"], "")}
        for row in result.table.iter_rows(named=True)
    ]
    return render(
        request,
        "followup/snapshot_form.html",
        {
            "form": form,
            "result": result,
            "rows": rows,
            "comment_prefix": COMMENT_PREFIX,
        },
        status=status,
    )


@require_POST
@requires("snapshots.save")
def snapshot_save(request, viewer):
    form = SnapshotForm(request.POST)
    comments = _comments(request.POST)
    if not form.is_valid():
        year, as_of = year_and_as_of(request)
        year = form.cleaned_data.get("year", year)
        as_of = form.cleaned_data.get("as_of", as_of)
        return _render_new(request, form, year, as_of, comments, status=400)
    snapshot = snapshots.save_snapshot(
        **form.cleaned_data, comments=comments, username=viewer.username, now=timezone.now()
    )
    messages.success(
        request, _("The budget follow-up »%(title)s« has been saved.") % {"title": snapshot.title}
    )
    return redirect("snapshot_detail", pk=snapshot.pk)


@requires("snapshots.view")
def snapshot_detail(request, viewer, pk: int):
    snapshot = snapshots.snapshot_for(viewer, pk)
    data = snapshots.detail(snapshot)
    return render(
        request,
        "followup/snapshot_detail.html",
        {
            "snapshot": snapshot,
            "data": data,
            "areas": snapshots.area_groups(data.rows),
            "chart": exports.series_chart(data.series),
            "previous": snapshots.previous_of(snapshot),
            "can_save": viewer.can("snapshots.save"),
            # The projection kept with the snapshot (none in older ones: no columns).
            "projection_headers": [m.short for m in PROJECTION_MEASURES] if data.projection else [],
        },
    )


@requires("snapshots.save")
def snapshot_edit(request, viewer, pk: int):
    snapshot = snapshots.snapshot_for(viewer, pk)
    return _render_edit(request, snapshot, NoteForm(initial={"note": snapshot.note}), {})


def _render_edit(
    request, snapshot, form: NoteForm, comments: dict[str, str], status: int = 200
) -> HttpResponse:
    rows = [
        {**row, "comment": comments.get(row["account"], row["comment"])}
        for row in snapshots.snapshot_rows(snapshot).iter_rows(named=True)
    ]
    return render(
        request,
        "followup/snapshot_comments.html",
        {
            "snapshot": snapshot,
            "form": form,
            "rows": rows,
            "comment_prefix": COMMENT_PREFIX,
        },
        status=status,
    )


@require_POST
@requires("snapshots.save")
def snapshot_update(request, viewer, pk: int):
    snapshot = snapshots.snapshot_for(viewer, pk)
    form = NoteForm(request.POST)
    comments = _comments(request.POST)
    if not form.is_valid():
        return _render_edit(request, snapshot, form, comments, status=400)
    changes = snapshots.update_comments(
        snapshot, form.cleaned_data["note"], comments, viewer.username
    )
    messages.success(
        request, _("The comments have been saved.") if changes else _("There were no changes.")
    )
    return redirect("snapshot_detail", pk=snapshot.pk)


@requires("snapshots.view")
def snapshot_export(request, viewer, pk: int, fmt: str):
    snapshot = snapshots.snapshot_for(viewer, pk)
    rows = snapshots.snapshot_rows(snapshot)
    return attachment(lambda: exports.snapshot_download(snapshot, rows, fmt))


@requires("snapshots.view")
def snapshot_pdf(request, viewer, pk: int):
    snapshot = snapshots.snapshot_for(viewer, pk)
    return attachment(lambda: committee.report_download(snapshot))


@requires("snapshots.view")
def snapshot_compare(request, viewer):
    a_id, b_id = request.GET.get("a", ""), request.GET.get("b", "")
    choices = snapshots.recent(200)
    if not (a_id or b_id):
        # The question is nearly always "what moved since last time": the two newest.
        newest = list(choices[:2])
        if len(newest) == 2:
            b_id, a_id = (str(s.pk) for s in newest)
    comparison = None
    if a_id.isdigit() and b_id.isdigit():
        comparison = snapshots.compare(
            snapshots.snapshot_for(viewer, int(a_id)), snapshots.snapshot_for(viewer, int(b_id))
        )
    account = request.GET.get("konto", "")
    drill = snapshots.drill_down(viewer, comparison, account) if comparison else None
    return render(
        request,
        "followup/snapshot_compare.html",
        {
            "choices": choices,
            "a_id": a_id,
            "b_id": b_id,
            "comparison": comparison,
            "drill": drill,
            "can_drill": viewer.can("grants.list"),
        },
    )


# --- the buffer pool -----------------------------------------------------------------------


@requires("buffer.manage")
def buffer_list(request, viewer):
    return render(
        request, "followup/buffer_list.html", {"pools": buffers.buffer_pools_with_status()}
    )


@requires("buffer.manage")
def buffer_new(request, viewer):
    year, _as_of = year_and_as_of(request)
    form = BufferPoolForm(
        initial={"year": year, "name": _("Buffer pool"), "rule": buffers.default_buffer_rule()}
    )
    return render(request, "followup/buffer_form.html", {"form": form, "pool": None})


@require_POST
@requires("buffer.manage")
def buffer_create(request, viewer):
    form = BufferPoolForm(request.POST)
    if not form.is_valid():
        return render(
            request, "followup/buffer_form.html", {"form": form, "pool": None}, status=400
        )
    pool = buffers.create_buffer_pool(form.cleaned_data, viewer.username)
    messages.success(
        request, _("The buffer pool »%(name)s« has been created.") % {"name": pool.name}
    )
    return redirect("buffer_pools")


@requires("buffer.manage")
def buffer_edit(request, viewer, pk: int):
    pool = buffers.buffer_pool_for(viewer, pk)
    form = BufferPoolForm(
        initial={
            "year": pool.year,
            "name": pool.name,
            "amount": number_dk(pool.amount, 2),
            "rule": pool.rule,
        }
    )
    return render(request, "followup/buffer_form.html", {"form": form, "pool": pool})


@require_POST
@requires("buffer.manage")
def buffer_update(request, viewer, pk: int):
    pool = buffers.buffer_pool_for(viewer, pk)
    form = BufferPoolForm(request.POST)
    if not form.is_valid():
        return render(
            request, "followup/buffer_form.html", {"form": form, "pool": pool}, status=400
        )
    changes = buffers.change_buffer_pool(pool, form.cleaned_data, viewer.username)
    messages.success(
        request, _("The buffer pool has been changed.") if changes else _("There were no changes.")
    )
    return redirect("buffer_pools")


@require_POST
@requires("buffer.manage")
def buffer_delete(request, viewer, pk: int):
    pool = buffers.buffer_pool_for(viewer, pk)
    buffers.delete_buffer_pool(pool, viewer.username)
    messages.success(
        request, _("The buffer pool »%(name)s« has been deleted.") % {"name": pool.name}
    )
    return redirect("buffer_pools")

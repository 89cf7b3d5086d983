"""The administrator's site: users, teams and roles, and the editable reference data.

Only the `admin` role gets in (``has_permission``); every save and delete is written to
the audit log in the same transaction as the change (Django's admin wraps each change in
one)."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from socialstyring.services import audit
from socialstyring.services.access import viewer_for
from socialstyring.storage.models import (
    Account,
    AgreementParameter,
    ComparisonGroup,
    Membership,
    Municipality,
    ObjectiveFinancing,
    ParagraphMapping,
    RefundThreshold,
    SpecialTerm,
    TargetGroup,
    Team,
)
from socialstyring.storage.models.access import ADMIN


class SocialstyringAdminSite(admin.AdminSite):
    site_header = _("Socialstyring — administration")
    site_title = "Socialstyring"  # the product's name, the same in every language
    index_title = _("Users and reference data")

    def has_permission(self, request) -> bool:
        return request.user.is_active and viewer_for(request.user).role == ADMIN


site = SocialstyringAdminSite(name="admin")


class RoleGated:
    """Model permissions follow the role table, not Django's per-model permissions."""

    admin_site: admin.AdminSite  # set by ModelAdmin, which this is mixed into

    def has_module_permission(self, request):
        return self.admin_site.has_permission(request)

    def has_view_permission(self, request, obj=None):
        return self.admin_site.has_permission(request)

    def has_add_permission(self, request, obj=None):
        return self.admin_site.has_permission(request)

    def has_change_permission(self, request, obj=None):
        return self.admin_site.has_permission(request)

    def has_delete_permission(self, request, obj=None):
        return self.admin_site.has_permission(request)


def _shown(field, value) -> str:
    """A form value as the audit log keeps it: a related object by its name, else the
    value itself (codes stay codes)."""
    if value in (None, ""):
        return ""
    if (
        isinstance(field, forms.ModelChoiceField)
        and field.queryset is not None
        and not isinstance(value, Model)
    ):
        value = field.queryset.filter(pk=value).first() or value
    return str(value)


def changed_fields(form) -> dict[str, list[str]]:
    """Only what changed, ``{field: [before, after]}``; never a password."""
    return {
        name: [
            _shown(form.fields[name], form.initial.get(name)),
            _shown(form.fields[name], form.cleaned_data.get(name)),
        ]
        for name in form.changed_data
        if "password" not in name
    }


class AuditedAdmin(RoleGated, admin.ModelAdmin):
    """Writes ``admin.<model>.changed/created/deleted`` with the changed fields as
    before → after, for the object and for every inline (a user's role and team)."""

    def _action(self, obj, verb: str) -> str:
        return f"admin.{obj._meta.model_name}.{verb}"

    def _record(self, request, obj, verb: str, changes=None, pk=None) -> None:
        audit.record(
            request.user.get_username(),
            self._action(obj, verb),
            object_type=obj._meta.model_name,
            object_id=str(pk if pk is not None else obj.pk),
            page=request.path,
            changes=changes,
        )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        self._record(request, obj, "changed" if change else "created", changed_fields(form))

    def save_formset(self, request, form, formset, change):
        deleted = [(f.instance, f.instance.pk) for f in formset.deleted_forms if f.instance.pk]
        super().save_formset(request, form, formset, change)
        new = {id(obj) for obj in formset.new_objects}
        for inline in formset.forms:
            obj = inline.instance
            if obj.pk is None or not inline.has_changed() or inline in formset.deleted_forms:
                continue
            verb = "created" if id(obj) in new else "changed"
            self._record(request, obj, verb, changed_fields(inline))
        for obj, pk in deleted:
            self._record(request, obj, "deleted", pk=pk)

    def delete_model(self, request, obj):
        pk = obj.pk
        super().delete_model(request, obj)
        self._record(request, obj, "deleted", pk=pk)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)


class MembershipInline(RoleGated, admin.StackedInline):
    model = Membership
    can_delete = False
    verbose_name_plural = _("role and team")


class AuditedUserAdmin(AuditedAdmin, UserAdmin):
    """A short form: roles are data (the role and team below), so Django's own groups,
    permissions and superuser flags are left out; the role and team follow at once."""

    inlines = [MembershipInline]
    list_display = ("username", "first_name", "last_name", "is_active")
    list_filter = ("is_active",)
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "email")}),
        (_("Status"), {"fields": ("is_active", "last_login", "date_joined")}),
    )
    readonly_fields = ("last_login", "date_joined")


site.register(User, AuditedUserAdmin)
site.register(Team, AuditedAdmin)
site.register(ComparisonGroup, AuditedAdmin)


@admin.register(Account, site=site)
class AccountAdmin(AuditedAdmin):
    list_display = ("function", "name", "main_function", "evidence")
    search_fields = ("function", "name")


@admin.register(Municipality, site=site)
class MunicipalityAdmin(AuditedAdmin):
    list_display = ("code", "name", "region_name")
    search_fields = ("code", "name")


@admin.register(ParagraphMapping, site=site)
class ParagraphMappingAdmin(AuditedAdmin):
    list_display = ("sel_paragraph", "bl_paragraph", "evidence")


@admin.register(RefundThreshold, site=site)
class RefundThresholdAdmin(AuditedAdmin):
    list_display = ("price_level", "scheme", "tier", "threshold", "rate")


# The regional market's editable data (docs/regional.md).
@admin.register(AgreementParameter, site=site)
class AgreementParameterAdmin(AuditedAdmin):
    list_display = ("agreement", "parameter", "value", "evidence")
    list_filter = ("agreement",)


@admin.register(TargetGroup, site=site)
class TargetGroupAdmin(AuditedAdmin):
    list_display = ("code", "name", "central")


@admin.register(SpecialTerm, site=site)
class SpecialTermAdmin(AuditedAdmin):
    list_display = ("offer_id", "term", "first_year", "last_year", "municipalities")


@admin.register(ObjectiveFinancing, site=site)
class ObjectiveFinancingAdmin(AuditedAdmin):
    list_display = ("offer_id", "name", "region_code", "first_year", "last_year", "objective_pct")

"""The administrator's site: users, teams and roles, and the editable reference data.

Only the `admin` role gets in (``has_permission``); every save and delete is written to
the audit log in the same transaction as the change (Django's admin wraps each change in
one)."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _

from socialstyring.services import audit
from socialstyring.services.access import viewer_for
from socialstyring.storage.models import (
    Account,
    Membership,
    Municipality,
    ParagraphMapping,
    RefundThreshold,
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


class AuditedAdmin(RoleGated, admin.ModelAdmin):
    """Writes ``admin.<model>.changed/created/deleted`` with only the changed fields."""

    def _action(self, obj, verb: str) -> str:
        return f"admin.{obj._meta.model_name}.{verb}"

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        fields = {
            name: str(form.cleaned_data.get(name))
            for name in form.changed_data
            if "password" not in name
        }
        audit.record(
            request.user.get_username(),
            self._action(obj, "changed" if change else "created"),
            object_type=obj._meta.model_name,
            object_id=str(obj.pk),
            page=request.path,
            changes=fields,
        )

    def delete_model(self, request, obj):
        pk = obj.pk
        super().delete_model(request, obj)
        audit.record(
            request.user.get_username(),
            self._action(obj, "deleted"),
            object_type=obj._meta.model_name,
            object_id=str(pk),
            page=request.path,
        )

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)


class MembershipInline(RoleGated, admin.StackedInline):
    model = Membership
    can_delete = False
    verbose_name_plural = _("role and team")


class AuditedUserAdmin(AuditedAdmin, UserAdmin):
    inlines = [MembershipInline]
    list_display = ("username", "first_name", "last_name", "is_active")


site.register(User, AuditedUserAdmin)
site.register(Team, AuditedAdmin)


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

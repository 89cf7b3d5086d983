from django.urls import include, path

from socialstyring.web.admin import site as admin_site

urlpatterns = [
    path("admin/", admin_site.urls),
    path("", include("socialstyring.web.accounts.urls")),
    path("", include("socialstyring.web.followup.urls")),
    path("", include("socialstyring.web.imports.urls")),
    path("", include("socialstyring.web.audit.urls")),
    path("", include("socialstyring.web.casework.urls")),
    path("", include("socialstyring.web.refunds.urls")),
    path("", include("socialstyring.web.economics.urls")),
    path("", include("socialstyring.web.projection.urls")),
    path("", include("socialstyring.web.regional.urls")),
    path("", include("socialstyring.web.management.urls")),
]

handler403 = "socialstyring.web.errors.forbidden"
handler404 = "socialstyring.web.errors.not_found"

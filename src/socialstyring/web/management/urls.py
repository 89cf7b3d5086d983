from django.urls import path

from socialstyring.web.management import plan_views, views

urlpatterns = [
    path("ledelse/", views.start, name="management"),
    path("ledelse/noegletal/", views.key_figures, name="key_figures"),
    path(
        "ledelse/noegletal/eksport.<str:fmt>", views.key_figures_export, name="key_figures_export"
    ),
    path("ledelse/klagesager/", views.appeals, name="appeals"),
    path("ledelse/klagesager/eksport.<str:fmt>", views.appeals_export, name="appeals_export"),
    path("ledelse/handleplaner/", plan_views.plan_list, name="plans"),
    path("ledelse/handleplaner/ny/", plan_views.plan_create, name="plan_create"),
    path("ledelse/handleplaner/<int:pk>/", plan_views.plan_detail, name="plan_detail"),
    path(
        "ledelse/handleplaner/<int:pk>/<str:part>/gem/",
        plan_views.plan_part_save,
        name="plan_part_save",
    ),
    path(
        "ledelse/handleplaner/<int:pk>/<str:part>/<int:obj>/slet/",
        plan_views.plan_part_delete,
        name="plan_part_delete",
    ),
    path(
        "ledelse/handleplaner/<int:pk>/statusrapport.<str:fmt>",
        plan_views.plan_report,
        name="plan_report",
    ),
]

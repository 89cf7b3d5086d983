from django.urls import path

from socialstyring.web.casework import views

urlpatterns = [
    path("fokus/", views.rules, name="focus_rules"),
    path("fokus/ny/", views.rule_new, name="focus_rule_new"),
    path("fokus/regler.json", views.rules_export, name="focus_rules_export"),
    path("fokus/import/", views.rules_import, name="focus_rules_import"),
    path("fokus/regel/<str:code>/", views.rule_hits, name="focus_rule"),
    path("fokus/regel/<str:code>/eksport.<str:fmt>", views.rule_export, name="focus_rule_export"),
    path("fokus/regel/<str:code>/kopi/", views.rule_copy, name="focus_rule_copy"),
    path("fokus/regel/<str:code>/rediger/", views.rule_edit, name="focus_rule_edit"),
    path("fokus/regel/<str:code>/slet/", views.rule_delete, name="focus_rule_delete"),
]

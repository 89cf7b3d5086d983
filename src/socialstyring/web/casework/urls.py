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

from socialstyring.web.casework import steering_views  # noqa: E402

urlpatterns += [
    path("fokusomraader/", steering_views.area_list, name="focus_areas"),
    path("fokusomraader/start/", steering_views.area_start, name="focus_area_start"),
    path("fokusomraader/<int:pk>/", steering_views.area_detail, name="focus_area"),
    path("sagsgennemgang/", steering_views.review_plan, name="reviews"),
    path("sagsgennemgang/gem/", steering_views.review_record, name="review_record"),
    path("godkendelser/", steering_views.approval_queue, name="approvals"),
    path("godkendelser/<int:pk>/beslut/", steering_views.approval_decide, name="approval_decide"),
    path("arbejdsliste/", steering_views.worklist, name="worklist"),
]

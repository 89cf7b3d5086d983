from django.urls import path

from socialstyring.web.economics import case_views, views

urlpatterns = [
    path("oekonomi/", views.index, name="economics"),
    path("oekonomi/scenarier/ny/", views.scenario_new, name="scenario_new"),
    path("oekonomi/scenarier/sammenlign/", views.scenario_compare, name="scenario_compare"),
    path(
        "oekonomi/scenarier/sammenlign/eksport.<str:fmt>",
        views.scenario_compare_export,
        name="scenario_compare_export",
    ),
    path("oekonomi/scenarier/<int:pk>/", views.scenario_detail, name="scenario_detail"),
    path(
        "oekonomi/scenarier/<int:pk>/genberegn/",
        views.scenario_recompute,
        name="scenario_recompute",
    ),
    path(
        "oekonomi/scenarier/<int:pk>/eksport.<str:fmt>",
        views.scenario_export,
        name="scenario_export",
    ),
    path("oekonomi/business-cases/ny/", case_views.case_new, name="case_new"),
    path("oekonomi/business-cases/<int:pk>/", case_views.case_detail, name="case_detail"),
    path(
        "oekonomi/business-cases/<int:pk>/eksport.<str:fmt>",
        case_views.case_export,
        name="case_export",
    ),
    path("oekonomi/investeringer/ny/", case_views.investment_new, name="investment_new"),
    path(
        "oekonomi/investeringer/<int:pk>/", case_views.investment_detail, name="investment_detail"
    ),
    path(
        "oekonomi/investeringer/<int:pk>/eksport.<str:fmt>",
        case_views.investment_export,
        name="investment_export",
    ),
]

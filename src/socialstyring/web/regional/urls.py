from django.urls import path

from socialstyring.web.regional import views

urlpatterns = [
    path("region/tilbud/", views.offers, name="regional_offers"),
    # ``path``: an offer's id is a provider id, which may contain "/".
    path("region/tilbud/<path:offer_id>/", views.offer, name="regional_offer"),
    path("region/finansiering/", views.financing, name="regional_financing"),
    path(
        "region/finansiering/eksport.<str:fmt>",
        views.financing_export,
        name="regional_financing_export",
    ),
    path("region/salg/", views.matrix, name="regional_matrix"),
    path("region/noedspor/", views.at_risk, name="regional_at_risk"),
    path("region/udbud/", views.supply, name="regional_supply"),
    path("region/koeb/", views.trade, name="regional_trade"),
    path("region/hjemtagelse/", views.bring_home, name="regional_home"),
    path("region/hjemtagelse/scenarie/", views.bring_home_scenario, name="regional_home_scenario"),
]

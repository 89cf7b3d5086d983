from django.urls import path

from socialstyring.web.projection import views

urlpatterns = [
    path("efterproevning/", views.backtest, name="backtest"),
    path("efterproevning/eksport.<str:fmt>", views.backtest_export, name="backtest_export"),
]

from django.urls import path

from socialstyring.web.followup import views

urlpatterns = [
    path("oversigt/", views.overview, name="overview"),
    path("oversigt/eksport.<str:fmt>", views.overview_export, name="overview_export"),
    path("bevillinger/", views.grants, name="grants"),
    path("bevillinger/eksport.<str:fmt>", views.grants_export, name="grants_export"),
    path("borger/<str:citizen_id>/", views.citizen, name="citizen"),
]

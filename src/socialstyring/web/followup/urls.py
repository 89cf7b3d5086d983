from django.urls import path

from socialstyring.web.followup import snapshot_views, views

urlpatterns = [
    path("oversigt/", views.overview, name="overview"),
    path("oversigt/eksport.<str:fmt>", views.overview_export, name="overview_export"),
    path("bevillinger/", views.grants, name="grants"),
    path("bevillinger/eksport.<str:fmt>", views.grants_export, name="grants_export"),
    path("posteringer/", views.postings, name="postings"),
    # ``path``: a source system's citizen key may contain "/".
    path("borger/<path:citizen_id>/", views.citizen, name="citizen"),
    path("opfoelgning/", snapshot_views.snapshot_list, name="snapshots"),
    path("opfoelgning/ny/", snapshot_views.snapshot_new, name="snapshot_new"),
    path("opfoelgning/gem/", snapshot_views.snapshot_save, name="snapshot_save"),
    path("opfoelgning/sammenlign/", snapshot_views.snapshot_compare, name="snapshot_compare"),
    path("opfoelgning/<int:pk>/", snapshot_views.snapshot_detail, name="snapshot_detail"),
    path("opfoelgning/<int:pk>/bemaerkninger/", snapshot_views.snapshot_edit, name="snapshot_edit"),
    path(
        "opfoelgning/<int:pk>/bemaerkninger/gem/",
        snapshot_views.snapshot_update,
        name="snapshot_update",
    ),
    path(
        "opfoelgning/<int:pk>/eksport.<str:fmt>",
        snapshot_views.snapshot_export,
        name="snapshot_export",
    ),
    path(
        "opfoelgning/<int:pk>/udvalgsrapport.pdf", snapshot_views.snapshot_pdf, name="snapshot_pdf"
    ),
    path("bufferpulje/", snapshot_views.buffer_list, name="buffer_pools"),
    path("bufferpulje/ny/", snapshot_views.buffer_new, name="buffer_new"),
    path("bufferpulje/opret/", snapshot_views.buffer_create, name="buffer_create"),
    path("bufferpulje/<int:pk>/", snapshot_views.buffer_edit, name="buffer_edit"),
    path("bufferpulje/<int:pk>/gem/", snapshot_views.buffer_update, name="buffer_update"),
    path("bufferpulje/<int:pk>/slet/", snapshot_views.buffer_delete, name="buffer_delete"),
]

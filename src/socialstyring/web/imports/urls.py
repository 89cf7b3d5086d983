from django.urls import path

from socialstyring.web.imports import views

urlpatterns = [
    path("import/", views.imports, name="imports"),
    path("import/upload/", views.upload, name="imports_upload"),
    path("import/job/<int:job_id>/", views.job, name="imports_job"),
]

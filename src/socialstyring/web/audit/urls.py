from django.urls import path

from socialstyring.web.audit import views

urlpatterns = [path("revision/", views.audit_log, name="audit")]

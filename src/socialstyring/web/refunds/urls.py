from django.urls import path

from socialstyring.web.refunds import views

urlpatterns = [
    path("refusion/", views.refund_list, name="refunds"),
    path("refusion/eksport.<str:fmt>", views.refund_export, name="refunds_export"),
    # ``path``: a household or citizen key may contain "/".
    path("refusion/<path:subject_id>/", views.refund_subject, name="refund_subject"),
]

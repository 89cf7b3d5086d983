from django.apps import AppConfig


class Config(AppConfig):
    name = "socialstyring.web.refunds"
    label = "web_refunds"

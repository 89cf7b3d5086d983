from django.apps import AppConfig


class Config(AppConfig):
    name = "socialstyring.web.audit"
    label = "web_audit"

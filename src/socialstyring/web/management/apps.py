from django.apps import AppConfig


class Config(AppConfig):
    name = "socialstyring.web.management"
    label = "web_management"

from django.apps import AppConfig


class Config(AppConfig):
    name = "socialstyring.web.regional"
    label = "web_regional"

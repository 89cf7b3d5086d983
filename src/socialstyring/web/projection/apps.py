from django.apps import AppConfig


class Config(AppConfig):
    name = "socialstyring.web.projection"
    label = "web_projection"

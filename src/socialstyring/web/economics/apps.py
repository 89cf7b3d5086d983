from django.apps import AppConfig


class Config(AppConfig):
    name = "socialstyring.web.economics"
    label = "web_economics"

from django.apps import AppConfig


class Config(AppConfig):
    name = "socialstyring.web.imports"
    label = "web_imports"

from django.apps import AppConfig


class Config(AppConfig):
    name = "socialstyring.web.casework"
    label = "web_casework"

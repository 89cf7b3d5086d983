from django.apps import AppConfig


class Config(AppConfig):
    name = "socialstyring.web.followup"
    label = "web_followup"

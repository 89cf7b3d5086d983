from django.apps import AppConfig


class Config(AppConfig):
    name = "socialstyring.web.accounts"
    label = "web_accounts"

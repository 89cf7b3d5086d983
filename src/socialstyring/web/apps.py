from django.apps import AppConfig


class WebConfig(AppConfig):
    """Shared templates, static files and template filters of the web apps."""

    name = "socialstyring.web"
    label = "web"

from django.apps import AppConfig


class StorageConfig(AppConfig):
    name = "socialstyring.storage"
    label = "storage"
    verbose_name = "Data"

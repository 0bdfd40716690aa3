from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "collectief.api"
    verbose_name = "API"

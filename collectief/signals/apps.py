from django.apps import AppConfig


class SignalsConfig(AppConfig):
    name = "collectief.signals"
    verbose_name = "Rode draden"

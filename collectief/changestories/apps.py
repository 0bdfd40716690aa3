from django.apps import AppConfig


class ChangestoriesConfig(AppConfig):
    name = "collectief.changestories"

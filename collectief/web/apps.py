from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "collectief.web"
    verbose_name = "Web"

from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "collectief.api"
    verbose_name = "API"

    def ready(self) -> None:
        from collectief.api.ratelimit import api_rate_limit
        from collectief.lib.api import set_rate_limiter

        set_rate_limiter(api_rate_limit)

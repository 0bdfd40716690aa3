from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from collectief.lib.schedule import HOURLY, Periodic


class RateLimitsConfig(AppConfig):
    name = "collectief.ratelimits"
    verbose_name = _("Rate limits")
    # Counters are per hour; the ones of hours that are over are deleted hourly.
    scheduled_tasks = [Periodic("collectief.ratelimits.tasks.prune_rate_buckets_task", HOURLY)]

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from collectief.lib.schedule import DAILY, Periodic


class JobsConfig(AppConfig):
    name = "collectief.jobs"
    verbose_name = _("Background work")
    scheduled_tasks = [Periodic("collectief.jobs.tasks.purge_finished_jobs_task", DAILY)]

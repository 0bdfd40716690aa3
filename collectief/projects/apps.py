from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from collectief.lib.navigation import NavItem
from collectief.lib.schedule import DAILY, Periodic


class ProjectsConfig(AppConfig):
    name = "collectief.projects"
    verbose_name = "Routekaart"
    # Owners of open agreements due within three days get an e-mail (once per agreement).
    scheduled_tasks = [
        Periodic("collectief.projects.tasks.send_agreement_reminders_task", DAILY, hour=8)
    ]

    @property
    def public_navigation(self) -> list[NavItem]:
        return [NavItem(_("Lessons learned"), "projects:lessons", order=60)]

    @property
    def organisation_navigation(self) -> list[NavItem]:
        return [NavItem(_("Projects"), "projects:list", order=45)]

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from collectief.lib.navigation import NavItem


class ProjectsConfig(AppConfig):
    name = "collectief.projects"
    verbose_name = "Routekaart"

    @property
    def organisation_navigation(self) -> list[NavItem]:
        return [NavItem(_("Projects"), "projects:list", order=45)]

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from collectief.lib.navigation import NavItem


class DuidingConfig(AppConfig):
    name = "collectief.duiding"
    verbose_name = "Samen duiden"

    @property
    def organisation_navigation(self) -> list[NavItem]:
        return [NavItem(_("Interpret together"), "duiding:list", order=42)]

    @property
    def organisation_home_sections(self) -> list[str]:
        # The open actions of samen-duiden sessions, on the organisation's home page.
        return ["duiding/_home_actions.html"]

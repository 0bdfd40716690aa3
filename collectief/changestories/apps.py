from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from collectief.lib.navigation import NavItem


class ChangestoriesConfig(AppConfig):
    name = "collectief.changestories"
    verbose_name = "Veranderverhaal"

    @property
    def organisation_navigation(self) -> list[NavItem]:
        return [NavItem(_("Change story"), "changestories:overview", order=20)]

    @property
    def public_profile_sections(self) -> list[str]:
        return ["changestories/public_section.html"]

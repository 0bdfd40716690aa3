from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChangestoriesConfig(AppConfig):
    name = "collectief.changestories"
    verbose_name = "Veranderverhaal"

    @property
    def organisation_navigation(self) -> list[Any]:
        from collectief.web.navigation import NavItem

        return [NavItem(_("Change story"), "changestories:overview", order=20)]

    @property
    def public_profile_sections(self) -> list[str]:
        return ["changestories/public_section.html"]

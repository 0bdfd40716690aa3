from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from collectief.lib.navigation import NavItem


class StoriesConfig(AppConfig):
    name = "collectief.stories"
    verbose_name = "Verhalen"

    @property
    def organisation_navigation(self) -> list[NavItem]:
        return [NavItem(_("Stories"), "stories:list", order=42)]

    @property
    def public_profile_sections(self) -> list[str]:
        return ["stories/public/profile_section.html"]

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from collectief.lib.navigation import NavItem


class DirectoryConfig(AppConfig):
    name = "collectief.directory"

    @property
    def public_navigation(self) -> list[NavItem]:
        return [NavItem(_("Sociale kaart"), "directory:search", order=20)]

    @property
    def area_sections(self) -> list[str]:
        """The sociale kaart of the area, on the area page."""
        return ["directory/area_section.html"]

    @property
    def organisation_navigation(self) -> list[NavItem]:
        """Keeping the organisation's own entries in the sociale kaart current."""
        return [NavItem(_("Sociale kaart"), "directory:maintain_index", order=40)]

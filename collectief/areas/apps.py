from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from collectief.lib.navigation import NavItem


class AreasConfig(AppConfig):
    name = "collectief.areas"
    verbose_name = "Gebieden"

    @property
    def public_navigation(self) -> list[NavItem]:
        return [NavItem(_("Areas"), "areas:list", order=80)]

    @property
    def area_sections(self) -> list[str]:
        """Templates shown on an area page, rendered with ``area`` in the context.

        Other apps give their AppConfig the same property to add a section
        (for example the sociale kaart of the area). This app adds none.
        """
        return []

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from collectief.lib.navigation import NavItem


class SharingConfig(AppConfig):
    name = "collectief.sharing"
    verbose_name = "Delen"

    def ready(self) -> None:
        from collectief.sharing.kinds import register_built_in

        register_built_in()

    @property
    def organisation_navigation(self) -> list[NavItem]:
        return [
            NavItem(_("Sharing"), "sharing:given", order=80),
            NavItem(_("Shared with us"), "sharing:received", order=81),
        ]

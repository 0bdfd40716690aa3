from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from collectief.lib.navigation import NavItem
from collectief.support.roles import ASKING_KINDS, HELPING_KINDS


class SupportConfig(AppConfig):
    name = "collectief.support"
    verbose_name = "Scharrelruimte"

    @property
    def organisation_navigation(self) -> list[NavItem]:
        return [
            NavItem(_("Ask for support"), "support:list", order=60, kinds=ASKING_KINDS),
            NavItem(_("Support requests"), "support:inbox", order=60, kinds=HELPING_KINDS),
        ]

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from collectief.lib.navigation import NavItem


class SignalsConfig(AppConfig):
    name = "collectief.signals"
    verbose_name = "Rode draden"

    @property
    def organisation_navigation(self) -> list[NavItem]:
        from collectief.accounts.models import Role

        return [
            NavItem(_("New signal"), "signals:entry", min_role=Role.STAFF, order=60),
            NavItem(_("What do you hear?"), "signals:antenna", order=61),
        ]

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from collectief.lib.navigation import NavItem


class InsightsConfig(AppConfig):
    name = "collectief.insights"
    verbose_name = "Wijkbeeld"

    @property
    def organisation_navigation(self) -> list[NavItem]:
        return [
            NavItem(_("My wijken"), "insights:gemeente_home", order=1, kinds=("gemeente",)),
            NavItem(_("Wijkbeeld"), "insights:overview", order=41),
        ]

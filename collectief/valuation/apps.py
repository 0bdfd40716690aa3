from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from collectief.lib.navigation import NavItem


class ValuationConfig(AppConfig):
    name = "collectief.valuation"
    verbose_name = "Maatschappelijke waarde"

    @property
    def organisation_navigation(self) -> list[NavItem]:
        return [NavItem(_("Social value"), "valuation:overview", order=35)]

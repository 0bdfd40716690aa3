from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from collectief.lib.navigation import NavItem


class SurveysConfig(AppConfig):
    name = "collectief.surveys"
    verbose_name = _("Surveys")

    def ready(self) -> None:
        from collectief.surveys.compiled import connect_signals

        connect_signals()

    @property
    def organisation_navigation(self) -> list[NavItem]:
        return [NavItem(_("Surveys"), "surveys:list", order=40)]

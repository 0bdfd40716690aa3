from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from collectief.lib.navigation import NavItem


class ReportsConfig(AppConfig):
    name = "collectief.reports"
    verbose_name = "Rapporten"

    def ready(self) -> None:
        from collectief.reports.sharing import register_report_kind

        register_report_kind()

    @property
    def organisation_navigation(self) -> list[NavItem]:
        return [NavItem(_("Report"), "reports:list", order=60)]

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FiguresConfig(AppConfig):
    name = "collectief.figures"
    verbose_name = "Feiten & cijfers"

    @property
    def organisation_navigation(self) -> list:
        from collectief.web.navigation import NavItem

        return [NavItem(_("Facts & figures"), "figures:list", order=30)]

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from collectief.changestories.parts import StoryPart
from collectief.lib.navigation import NavItem


class FiguresConfig(AppConfig):
    name = "collectief.figures"
    verbose_name = "Feiten & cijfers"

    @property
    def organisation_navigation(self) -> list[NavItem]:
        return [NavItem(_("Facts & figures"), "figures:list", order=30)]

    @property
    def changestory_parts(self) -> list[StoryPart]:
        """The figures in the change story's JSON export and import and on its poster."""
        from collectief.figures import services

        return [
            StoryPart(
                key="figures",
                export=services.figures_as_json,
                import_items=services.import_figures_json,
                poster_figures=services.poster_figures,
                public_export=services.public_figures_as_json,
            )
        ]

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from collectief.lib.navigation import NavItem


class AccountsConfig(AppConfig):
    name = "collectief.accounts"
    verbose_name = "Accounts"

    @property
    def organisation_navigation(self) -> list[NavItem]:
        from collectief.accounts.models import Role

        return [
            NavItem(_("Overview"), "accounts:organisation_home", order=0),
            NavItem(_("Members"), "accounts:members", order=90),
            NavItem(_("Profile"), "accounts:edit_profile", min_role=Role.ADMIN, order=91),
            NavItem(_("Activity log"), "accounts:audit_log", min_role=Role.ADMIN, order=92),
        ]

    @property
    def area_sections(self) -> list[str]:
        """The organisations working in and around the area, on the area page."""
        return ["accounts/area_section.html"]

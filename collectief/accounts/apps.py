from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "collectief.accounts"
    verbose_name = "Accounts"

    @property
    def organisation_navigation(self) -> list[Any]:
        from collectief.accounts.models import Role
        from collectief.web.navigation import NavItem

        return [
            NavItem(_("Overview"), "accounts:organisation_home", order=0),
            NavItem(_("Members"), "accounts:members", order=90),
            NavItem(_("Profile"), "accounts:edit_profile", min_role=Role.ADMIN, order=91),
            NavItem(_("Activity log"), "accounts:audit_log", min_role=Role.ADMIN, order=92),
        ]

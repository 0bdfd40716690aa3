from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from collectief.lib.navigation import NavItem
from collectief.lib.schedule import DAILY, Periodic


class SignalsConfig(AppConfig):
    name = "collectief.signals"
    verbose_name = "Rode draden"
    # Notes are kept SIGNAL_NOTE_RETENTION_DAYS; the signal itself stays as a count.
    scheduled_tasks = [Periodic("collectief.signals.tasks.purge_signal_notes_task", DAILY)]

    @property
    def organisation_navigation(self) -> list[NavItem]:
        from collectief.accounts.models import Role

        return [
            NavItem(_("Our signals"), "signals:own", order=39),
            NavItem(_("Rode draden"), "signals:summary", order=40),
            NavItem(_("New signal"), "signals:entry", min_role=Role.STAFF, order=60),
            NavItem(_("What do you hear?"), "signals:antenna", order=61),
        ]

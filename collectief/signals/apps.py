from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from collectief.lib.navigation import NavItem
from collectief.lib.schedule import DAILY, Periodic


class SignalsConfig(AppConfig):
    name = "collectief.signals"
    verbose_name = "Rode draden"
    # Notes are kept SIGNAL_NOTE_RETENTION_DAYS; the signal itself stays as a count.
    scheduled_tasks = [Periodic("collectief.signals.tasks.purge_signal_notes_task", DAILY)]

    def ready(self) -> None:
        post_migrate.connect(_install_count_triggers, sender=self)

    @property
    def organisation_navigation(self) -> list[NavItem]:
        from collectief.accounts.models import Role

        return [
            NavItem(_("Our signals"), "signals:own", order=39),
            NavItem(_("Rode draden"), "signals:summary", order=40),
            NavItem(_("New signal"), "signals:entry", min_role=Role.STAFF, order=60),
            NavItem(_("What do you hear?"), "signals:antenna", order=61),
        ]


def _install_count_triggers(using: str = "default", **kwargs: Any) -> None:
    """The running totals' triggers, again after every migrate (mention_counts.py).

    SQLite drops a table's triggers when a migration rebuilds the table (to
    add or change a column), so a later migration of Signal would silently
    stop the counting; installing them again here cannot be forgotten.
    """
    from django.db import connections

    from collectief.signals import mention_counts

    connection = connections[using]
    if "signals_signalcount" in connection.introspection.table_names():
        mention_counts.install_triggers(connection)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from collectief.lib.navigation import NavItem
from collectief.lib.schedule import DAILY, Periodic


class DirectoryConfig(AppConfig):
    name = "collectief.directory"
    # Owners of entries nobody checked for 12 months get a reminder (at most every 30 days).
    scheduled_tasks = [Periodic("collectief.directory.tasks.send_reminders_task", DAILY, hour=8)]

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from collectief.directory.search.fulltext import register_sqlite_functions

        # The SQLite full-text triggers stem every document with Python's
        # Snowball stemmer, so every connection needs the function.
        connection_created.connect(
            register_sqlite_functions, dispatch_uid="directory_sqlite_stems"
        )

    @property
    def public_navigation(self) -> list[NavItem]:
        return [NavItem(_("Sociale kaart"), "directory:search", order=20)]

    @property
    def area_sections(self) -> list[str]:
        """The sociale kaart of the area, on the area page."""
        return ["directory/area_section.html"]

    @property
    def organisation_navigation(self) -> list[NavItem]:
        """Keeping the organisation's own entries in the sociale kaart current."""
        return [NavItem(_("Sociale kaart"), "directory:maintain_index", order=40)]

"""Background tasks of the sociale kaart."""

from __future__ import annotations

from django_tasks import task

from collectief.directory.services import send_reminders


@task()
def send_reminders_task() -> int:
    """Daily (scheduled in ``DirectoryConfig``): remind owners of entries unchecked for a year."""
    return send_reminders()

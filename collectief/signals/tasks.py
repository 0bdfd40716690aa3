"""Background work of the signals: removing notes after the retention period."""

from __future__ import annotations

from django_tasks import task

from collectief.signals.services import purge_notes


@task()
def purge_signal_notes_task() -> int:
    """Empty notes older than SIGNAL_NOTE_RETENTION_DAYS; run daily, safe to run any time."""
    return purge_notes()

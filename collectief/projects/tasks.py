"""Background tasks of the routekaart."""

from __future__ import annotations

from django_tasks import task

from collectief.projects.services_progress import send_agreement_reminders


@task()
def send_agreement_reminders_task() -> int:
    """Daily (scheduled in ``ProjectsConfig``): remind owners of agreements due within 3 days."""
    return send_agreement_reminders()

"""Background tasks of the jobs app: the daily clean-up."""

from __future__ import annotations

from django_tasks import task

from collectief.jobs.services import purge_finished_jobs


@task()
def purge_finished_jobs_task() -> int:
    """Daily: delete finished jobs and their files after 7 days."""
    return purge_finished_jobs()

"""Starting background jobs, running them with visible progress, and clean-up.

A view calls ``start_job(task, ...)`` and sends the person to the status page;
the task (in the app that owns the work) calls ``execute_job(job_id, work)``.
``work`` gets a ``JobRun`` to report steps and to hand over its file. It
raises ``JobError`` (or a ``ServiceError``) with a message for the person;
anything else is logged and shown as a general Dutch error.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from contextlib import nullcontext
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks.base import Task

from collectief.jobs.models import Job, ScheduledRun
from collectief.lib.errors import ServiceError

logger = logging.getLogger(__name__)

# Imports of files with more rows than this run in the worker; smaller ones in the request.
BACKGROUND_ROWS = 1000

# Finished jobs (and their files) are kept this long, then purged daily.
KEEP_JOBS = timedelta(days=7)
KEEP_SCHEDULED_RUNS = timedelta(days=30)


class JobError(Exception):
    """The work cannot be done; ``message`` (and ``problems``) are shown to the person."""

    def __init__(self, message: str, problems: Iterable[str] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.problems = list(problems)


@transaction.atomic
def start_job(
    task: Task[..., Any],
    *,
    kind: str,
    title: str,
    by: Any,
    organisation_id: int | None = None,
    params: dict[str, Any] | None = None,
    payload: bytes = b"",
    back_url: str = "",
) -> Job:
    """Store the job and enqueue its task; returns the job to show on the status page."""
    job = Job.objects.create(
        kind=kind,
        title=title,
        started_by=by,
        organisation_id=organisation_id,
        language=translation.get_language() or settings.LANGUAGE_CODE,
        params=params or {},
        payload=payload,
        back_url=back_url,
    )
    # Enqueued inside the transaction: with the database backend the task row
    # commits together with the job, so there is never one without the other.
    task.enqueue(str(job.pk))
    job.refresh_from_db()
    return job


class JobRun:
    """What the work of a job may do: report a step, hand over its result."""

    def __init__(self, job: Job) -> None:
        self.job = job

    @property
    def params(self) -> dict[str, Any]:
        return dict(self.job.params)

    @property
    def payload(self) -> bytes:
        return bytes(self.job.payload)

    def step(self, text: str, done: int = 0, total: int = 0) -> None:
        """Show what happens now; written at once, so the status page sees it."""
        Job.objects.filter(pk=self.job.pk).update(step=text, done=done, total=total)

    def finish(
        self,
        message: str = "",
        *,
        file: bytes | None = None,
        filename: str = "",
        content_type: str = "",
        next_url: str = "",
    ) -> None:
        self.job.status = Job.Status.DONE
        self.job.message = message
        self.job.next_url = next_url
        if file is not None:
            self.job.result = file
            self.job.result_name = filename
            self.job.result_type = content_type
        self.job.payload = b""
        self.job.step = ""
        self.job.finished_at = timezone.now()
        self.job.save()


def _fail(job_id: Any, message: str, problems: list[str]) -> None:
    Job.objects.filter(pk=job_id).update(
        status=Job.Status.FAILED,
        message=message,
        problems=problems,
        payload=b"",
        step="",
        finished_at=timezone.now(),
    )


def execute_job(job_id: str, work: Callable[[JobRun], None]) -> str:
    """Run ``work`` for a queued job once; returns the job's final status.

    A job that is gone (purged) or already claimed is skipped, so a task that
    is delivered twice does the work once.
    """
    claimed = Job.objects.filter(pk=job_id, status=Job.Status.QUEUED).update(
        status=Job.Status.RUNNING, started_at=timezone.now()
    )
    if not claimed:
        return "skipped"
    job = Job.objects.get(pk=job_id)
    # Under the immediate backend (tests) the work runs inside the request's
    # transaction; a savepoint keeps a failed job from breaking it. In the
    # worker there is no outer transaction and the steps must commit at once.
    guard = transaction.atomic() if connection.in_atomic_block else nullcontext()
    with translation.override(job.language):
        try:
            with guard:
                work(JobRun(job))
        except JobError as error:
            _fail(job.pk, error.message, error.problems)
        except ServiceError as error:
            _fail(job.pk, error.message, [])
        except Exception:
            logger.exception("Background job %s (%s) failed", job.pk, job.kind)
            _fail(
                job.pk,
                _(
                    "Something went wrong while doing this. Try again; if it keeps going "
                    "wrong, tell the administrator of Collectief."
                ),
                [],
            )
            # Raised again so the task result is FAILED with the traceback for the admin.
            raise
    return str(Job.objects.values_list("status", flat=True).get(pk=job.pk))


def purge_finished_jobs(now: datetime | None = None) -> int:
    """Delete jobs (with their files) and scheduler claims past their keeping time.

    Also deletes finished task results of the database queue. Returns the
    number of jobs deleted.
    """
    now = now or timezone.now()
    deleted, _by_model = Job.objects.filter(finished_at__lt=now - KEEP_JOBS).delete()
    # A job that never finished (its worker died) is given up after the same time.
    stuck, _by_model = Job.objects.filter(
        finished_at=None, created_at__lt=now - KEEP_JOBS
    ).delete()
    ScheduledRun.objects.filter(claimed_at__lt=now - KEEP_SCHEDULED_RUNS).delete()
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.finished().filter(finished_at__lt=now - KEEP_JOBS).delete()
    return deleted + stuck

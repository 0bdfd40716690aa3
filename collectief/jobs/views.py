"""The status page of a background job and the file it made."""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from collectief.jobs.access import get_job_for_user

# Waiting longer than this for the first step means no worker is running.
WORKER_HINT_AFTER = timedelta(minutes=2)
POLL_SECONDS = 2


@login_required
def status(request: HttpRequest, job_id: uuid.UUID) -> HttpResponse:
    """The job's progress; htmx asks for the progress part again until the job is finished."""
    job = get_job_for_user(request.user, job_id)
    context = {
        "job": job,
        "poll": POLL_SECONDS,
        "worker_hint": job.status == job.Status.QUEUED
        and timezone.now() - job.created_at > WORKER_HINT_AFTER,
    }
    template = "jobs/status.html"
    if getattr(request, "htmx", False):
        template += "#progress"
    return render(request, template, context)


@login_required
def download(request: HttpRequest, job_id: uuid.UUID) -> HttpResponse:
    job = get_job_for_user(request.user, job_id)
    if not job.has_result or job.result is None:
        raise Http404
    response = HttpResponse(bytes(job.result), content_type=job.result_type)
    response["Content-Disposition"] = f'attachment; filename="{job.result_name}"'
    response["Cache-Control"] = "private, no-store"
    return response

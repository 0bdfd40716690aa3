"""Who may see a job: only the person who started it (the page may show their upload)."""

from __future__ import annotations

import uuid
from typing import Any

from django.http import Http404

from collectief.jobs.models import Job


def get_job_for_user(user: Any, job_id: uuid.UUID | str) -> Job:
    """The job, or 404 for everyone but the person who started it (no hint that it exists)."""
    if not getattr(user, "is_authenticated", False):
        raise Http404
    job = Job.objects.filter(pk=job_id, started_by=user).first()
    if job is None:
        raise Http404
    return job

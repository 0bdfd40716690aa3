"""Jobs: enqueue → run → result, the status page, the worker command and e-mail."""

from __future__ import annotations

import signal
import smtplib
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from collectief.jobs import services
from collectief.jobs.mail import send_mail_later
from collectief.jobs.models import Job, ScheduledRun
from collectief.jobs.services import JobError, JobRun, execute_job, start_job
from collectief.lib.errors import ServiceError

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _work(run: JobRun) -> None:
    mode = run.params["mode"]
    run.step("Stap één", 1, 2)
    if mode == "file":
        run.finish("Klaar.", file=b"%PDF-1.7", filename="a.pdf", content_type="application/pdf")
    elif mode == "next":
        run.finish("3 antwoorden opgeslagen.", next_url="/ergens/")
    elif mode == "failed":
        raise JobError("Het bestand klopt niet.", ["Rij 2, kolom B: geen getal."])
    elif mode == "service":
        raise ServiceError("Deze meting hoort bij een andere vragenlijst.")
    else:
        raise RuntimeError("boom")


@task()
def sample_task(job_id: str) -> str:
    return execute_job(job_id, _work)


def _start(user: Any, mode: str) -> Job:
    return start_job(sample_task, kind="test", title="Testtaak", by=user, params={"mode": mode})


def test_a_job_runs_and_hands_over_its_file(admin: Any, client_for: Any) -> None:
    job = _start(admin, "file")
    assert job.status == Job.Status.DONE
    assert job.finished_at is not None and job.step == ""
    client = client_for(admin)
    page = client.get(reverse("jobs:status", args=[job.pk])).content.decode()
    assert "Klaar." in page and "Download a.pdf" in page
    assert "hx-trigger" not in page  # finished: the page stops asking
    download = client.get(reverse("jobs:download", args=[job.pk]))
    assert download.content == b"%PDF-1.7"
    assert download["Content-Disposition"] == 'attachment; filename="a.pdf"'


def test_a_job_without_a_file_links_onwards(admin: Any, client_for: Any) -> None:
    job = _start(admin, "next")
    page = client_for(admin).get(reverse("jobs:status", args=[job.pk])).content.decode()
    assert "3 antwoorden opgeslagen." in page and 'href="/ergens/"' in page
    assert client_for(admin).get(reverse("jobs:download", args=[job.pk])).status_code == 404


@pytest.mark.parametrize(
    ("mode", "message", "problem"),
    [
        ("failed", "Het bestand klopt niet.", "Rij 2, kolom B: geen getal."),
        ("service", "Deze meting hoort bij een andere vragenlijst.", None),
        ("crash", "Er ging iets mis bij het uitvoeren hiervan.", None),
    ],
)
def test_a_failed_job_shows_a_dutch_error(
    admin: Any, client_for: Any, mode: str, message: str, problem: str | None
) -> None:
    job = _start(admin, mode)
    assert job.status == Job.Status.FAILED
    assert job.payload == b""
    page = client_for(admin).get(reverse("jobs:status", args=[job.pk])).content.decode()
    assert message in page
    if problem:
        assert problem in page


def test_a_job_runs_once_even_when_its_task_comes_twice(admin: Any) -> None:
    job = _start(admin, "file")
    assert execute_job(str(job.pk), _work) == "skipped"
    Job.objects.filter(pk=job.pk).delete()
    assert execute_job(str(job.pk), _work) == "skipped"  # purged before it ran


def test_the_status_page_polls_until_done(admin: Any, client_for: Any) -> None:
    job = Job.objects.create(kind="test", title="Testtaak", started_by=admin)
    client = client_for(admin)
    url = reverse("jobs:status", args=[job.pk])
    page = client.get(url).content.decode()
    assert f'hx-get="{url}"' in page and 'hx-trigger="every 2s"' in page
    assert "Wacht op zijn beurt" in page
    assert "worker" not in page.lower().split("<main", 1)[-1]  # not waiting long yet
    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.RUNNING, step="Rijen opslaan", done=400, total=1200
    )
    part = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert part.lstrip().startswith('<div id="job-progress"')
    assert "<html" not in part
    assert "Rijen opslaan" in part and 'max="1200" value="400"' in part and "400 van 1200" in part


def test_the_status_page_says_when_no_worker_picks_it_up(admin: Any, client_for: Any) -> None:
    job = Job.objects.create(kind="test", title="Testtaak", started_by=admin)
    Job.objects.filter(pk=job.pk).update(created_at=timezone.now() - timedelta(minutes=3))
    page = client_for(admin).get(reverse("jobs:status", args=[job.pk])).content.decode()
    assert "collectief worker" in page


def test_only_the_starter_sees_a_job(
    admin: Any, staff: Any, outsider: Any, client_for: Any
) -> None:
    job = _start(admin, "file")
    for path in (reverse("jobs:status", args=[job.pk]), reverse("jobs:download", args=[job.pk])):
        assert client_for(staff).get(path).status_code == 404
        assert client_for(outsider).get(path).status_code == 404
        anonymous = client_for(None).get(path)
        assert anonymous.status_code == 302 and "login" in anonymous["Location"]
    assert client_for(admin).get("/taken/niet-een-id/").status_code == 404


def test_purge_deletes_old_jobs_and_claims(admin: Any) -> None:
    old = _start(admin, "file")
    stuck = Job.objects.create(kind="test", title="Vast", started_by=admin)
    fresh = _start(admin, "file")
    long_ago = timezone.now() - timedelta(days=8)
    Job.objects.filter(pk=old.pk).update(finished_at=long_ago)
    Job.objects.filter(pk=stuck.pk).update(created_at=long_ago)
    claim = ScheduledRun.objects.create(task="x", period="2020-01-01")
    ScheduledRun.objects.filter(pk=claim.pk).update(claimed_at=timezone.now() - timedelta(days=31))
    assert services.purge_finished_jobs() == 2
    assert list(Job.objects.values_list("pk", flat=True)) == [fresh.pk]
    assert not ScheduledRun.objects.exists()


# --- the real queue: database backend and the worker command ----------------------


@pytest.fixture
def db_queue(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Tasks go to the database queue; the worker's signal handlers are put back afterwards."""
    # Between tasks the worker closes connections it takes for stale; in a test the
    # connection holds the test's own transaction, which PostgreSQL does not survive.
    from django_tasks_db.management.commands import db_worker

    from collectief.jobs import scheduler

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    monkeypatch.setattr(scheduler, "close_old_connections", lambda: None)
    handlers = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    with override_settings(TASKS=DB_TASKS):
        yield
    for number, handler in handlers.items():
        signal.signal(number, handler)


def test_the_worker_runs_a_queued_job(admin: Any, db_queue: None, client_for: Any) -> None:
    job = _start(admin, "file")
    assert job.status == Job.Status.QUEUED
    queued = DBTaskResult.objects.get()
    assert queued.args_kwargs["args"] == [str(job.pk)]
    page = client_for(admin).get(reverse("jobs:status", args=[job.pk])).content.decode()
    assert "Wacht op zijn beurt" in page
    call_command("worker", "--batch", "--no-startup-delay", "--no-scheduler", "--no-reload")
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and bytes(job.result) == b"%PDF-1.7"
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_a_crashing_job_fails_its_task_too(admin: Any, db_queue: None) -> None:
    job = _start(admin, "crash")
    call_command("worker", "--batch", "--no-startup-delay", "--no-scheduler", "--no-reload")
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    result = DBTaskResult.objects.get()
    assert result.status == "FAILED" and "RuntimeError" in result.traceback


def test_the_worker_refuses_the_immediate_backend() -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Taken worden in deze installatie meteen uitgevoerd"):
        call_command("worker", "--batch")


def test_mail_waits_for_the_commit_and_goes_through_the_queue(
    db_queue: None, django_capture_on_commit_callbacks: Any, db: None
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        send_mail_later("Onderwerp", "Tekst", ["a@example.test"])
        assert not DBTaskResult.objects.exists()
    assert DBTaskResult.objects.count() == 1
    assert mail.outbox == []
    call_command("worker", "--batch", "--no-startup-delay", "--no-scheduler", "--no-reload")
    assert [m.subject for m in mail.outbox] == ["Onderwerp"]
    assert mail.outbox[0].to == ["a@example.test"]


def test_mail_is_tried_again_when_the_server_is_down(
    db_queue: None, monkeypatch: pytest.MonkeyPatch, db: None
) -> None:
    from collectief.jobs.mail import send_email_task

    def down(*args: Any) -> int:
        raise smtplib.SMTPConnectError(421, "weg")

    monkeypatch.setattr("collectief.jobs.mail.deliver_mail", down)
    send_email_task.enqueue("Onderwerp", "Tekst", ["a@example.test"])
    call_command("worker", "--batch", "--no-startup-delay", "--no-scheduler", "--no-reload")
    first, retry = DBTaskResult.objects.order_by("enqueued_at")
    assert first.status == "FAILED"
    assert retry.status == "READY" and retry.args_kwargs["kwargs"] == {"attempt": 2}
    assert retry.run_after > timezone.now() + timedelta(minutes=4)

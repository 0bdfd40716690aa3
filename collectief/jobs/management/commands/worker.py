"""``collectief worker``: run the background tasks and the scheduler of periodic tasks.

The task part is django-tasks-db's ``db_worker`` (same options: ``--queue-name``,
``--interval``, ``--batch``, ``--max-tasks``, ``--reload``); this command adds
the scheduler thread that enqueues each app's hourly and daily tasks, so one
process per server (or one container) is all a deployment runs. Any number
of workers may run: each task and each scheduled period is claimed once.
"""

from __future__ import annotations

import os
from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management.base import CommandError
from django.utils import translation
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks import task_backends
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.compat import InvalidTaskBackend
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from collectief.jobs.scheduler import SchedulerThread, enqueue_due, scheduled_tasks


class Command(DbWorkerCommand):
    # Lazy: read in the language of the command line that asks.
    help: Any = gettext_lazy(
        "Run background tasks (PDFs, large imports, e-mail) and the periodic tasks "
        "(reminders, clean-up). Stop with Ctrl-C."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        # db_worker rejects a backend that is not the database queue with an English
        # parser error; handle() says it in Dutch, with the reason.
        for action in parser._actions:
            if action.dest == "backend_name":
                action.type = str
        parser.add_argument(
            "--no-scheduler",
            action="store_true",
            help=_("Only run tasks; do not enqueue the hourly and daily tasks."),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            backend = task_backends[options["backend_name"]]
        except InvalidTaskBackend as error:
            raise CommandError(str(error)) from error
        if not isinstance(backend, DatabaseBackend):
            raise CommandError(
                _(
                    "Tasks run immediately in this installation (TASKS_IMMEDIATE or tests), "
                    "so there is nothing for a worker to do."
                )
            )
        reloading = options["reload"] and not options["batch"]
        # With --reload the outer process only watches files; the scheduler belongs
        # in the child that runs the tasks (and restarts with the new code).
        in_task_process = not reloading or os.environ.get(DJANGO_AUTORELOAD_ENV) == "true"
        # The worker renders the e-mails of periodic tasks: in the site's language.
        translation.activate(settings.LANGUAGE_CODE)
        if in_task_process and not options["no_scheduler"]:
            self.stdout.write(
                _("Worker started; periodic tasks: %(tasks)s")
                % {"tasks": ", ".join(p.task.rsplit(".", 1)[-1] for p in scheduled_tasks())}
            )
            if options["batch"]:
                # A batch run (from cron) enqueues what is due first, then empties the queue.
                enqueue_due(worker=options["worker_id"])
            else:
                SchedulerThread(worker=options["worker_id"]).start()
        elif in_task_process:
            self.stdout.write(_("Worker started without the scheduler."))
        super().handle(*args, **options)

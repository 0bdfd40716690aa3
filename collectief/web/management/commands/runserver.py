"""``collectief runserver``: Django's development server, with the background worker beside it.

When tasks go to the database queue (the default), the server starts
``collectief worker`` as a child process, so one command runs everything a
developer needs; Ctrl-C stops both (``--no-worker`` starts the server alone).

``make run`` passes ``--demo-logins`` so the logins are the last thing on the
screen, below the install, migrate and server messages, where a new user
looks for them.
"""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

from django.contrib.staticfiles.management.commands.runserver import (
    Command as StaticfilesRunserver,
)
from django.core.management.base import CommandParser
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# The child runs the same ``collectief`` entry point with the same Python,
# whether the server was started as ``collectief``, ``manage.py`` or ``make run``;
# as a module (not ``-c``) so the worker's own autoreloader can restart it.
WORKER_COMMAND = [sys.executable, "-m", "collectief.cli", "worker"]


def needs_worker() -> bool:
    from django_tasks import task_backends
    from django_tasks_db.backend import DatabaseBackend

    return isinstance(task_backends["default"], DatabaseBackend)


class Command(StaticfilesRunserver):
    # Lazy: read in the language of the command line that asks.
    help: Any = gettext_lazy(
        "Start the development server, with the background worker beside it (Ctrl-C stops both)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--demo-logins",
            action="store_true",
            help=_("Print the demo logins once the server listens (make run)."),
        )
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help=_("Do not start the background worker (collectief worker) beside the server."),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        self.demo_logins = options["demo_logins"]
        worker = None
        # With autoreload the server runs twice (watcher and child); only the
        # outer process starts the worker, which reloads on its own.
        if (
            not options["no_worker"]
            and os.environ.get(DJANGO_AUTORELOAD_ENV) != "true"
            and needs_worker()
        ):
            worker = self.start_worker()
        try:
            super().handle(*args, **options)
        finally:
            if worker is not None:
                self.stop_worker(worker)

    def start_worker(self) -> subprocess.Popen[bytes]:
        self.stdout.write(_("Starting the background worker (collectief worker)."))
        return subprocess.Popen(WORKER_COMMAND)

    def stop_worker(self, worker: subprocess.Popen[bytes]) -> None:
        # Ctrl-C reached the worker too (same process group); any other end of
        # the server (an error, SIGTERM) stops it here, gracefully first.
        if worker.poll() is None:
            worker.terminate()
        try:
            worker.wait(timeout=15)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()

    def on_bind(self, server_port: int) -> None:
        super().on_bind(server_port)
        if getattr(self, "demo_logins", False):
            from collectief.accounts.demo import has_demo_logins, print_logins

            if has_demo_logins():
                print_logins(self.stdout)  # type: ignore[arg-type]

from __future__ import annotations

import importlib
from typing import Any

from django.conf import settings
from django.core.management.base import CommandError, CommandParser
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from collectief.lib.cli import BaseCommand

# The order matters: areas before organisations, organisations before the
# work they do. Each app's demo module has load_demo(stdout) and is safe to
# run again (it updates what exists instead of adding a copy).
DEMO_MODULES = [
    "collectief.areas.demo",
    "collectief.accounts.demo",
    "collectief.directory.demo",
    "collectief.changestories.demo",
    "collectief.figures.demo",
    "collectief.surveys.demo",
    "collectief.signals.demo",
    "collectief.projects.demo",
    "collectief.valuation.demo",
    "collectief.stories.demo",
    "collectief.duiding.demo",
    "collectief.projects.demo_scan",
    "collectief.insights.demo",
    "collectief.support.demo",
    "collectief.sharing.demo",
    "collectief.insights.demo_gemeente",
    "collectief.reports.demo",
]


class Command(BaseCommand):
    help = gettext_lazy(
        "Load the demo data from the Movisie magazine (safe to run more than once)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help=_("Load the demo even when DEBUG is off (never on a real installation)."),
        )
        parser.add_argument(
            "--no-logins",
            action="store_true",
            help=_("Do not print the demo logins (make run prints them when the server is up)."),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                _(
                    "DEBUG is off: this looks like a real installation. "
                    "Use --force if you want to load the demo data anyway."
                )
            )
        for name in DEMO_MODULES:
            try:
                module = importlib.import_module(name)
            except ModuleNotFoundError as exc:
                if exc.name != name:
                    raise
                continue
            with transaction.atomic():
                module.load_demo(self.stdout)
        if options["no_logins"]:
            return
        from collectief.accounts.demo import print_logins

        print_logins(self.stdout)  # type: ignore[arg-type]

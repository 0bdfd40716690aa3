"""``collectief runserver``: Django's development server, optionally ending with the demo logins.

``make run`` passes ``--demo-logins`` so the logins are the last thing on the
screen, below the install, migrate and server messages, where a new user
looks for them.
"""

from __future__ import annotations

from typing import Any

from django.contrib.staticfiles.management.commands.runserver import (
    Command as StaticfilesRunserver,
)
from django.core.management.base import CommandParser


class Command(StaticfilesRunserver):
    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--demo-logins",
            action="store_true",
            help="Print the demo logins once the server listens (make run).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        self.demo_logins = options["demo_logins"]
        super().handle(*args, **options)

    def on_bind(self, server_port: int) -> None:
        super().on_bind(server_port)
        if getattr(self, "demo_logins", False):
            from collectief.accounts.demo import has_demo_logins, print_logins

            if has_demo_logins():
                print_logins(self.stdout)  # type: ignore[arg-type]

"""``collectief project <sub-command>``: the routekaart's projects on the command line.

See collectief/projects/cli.py and docs/routekaart.md.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from collectief.lib.cli import BaseCommand
from collectief.projects.cli import (
    add_export_arguments,
    add_list_arguments,
    run_export,
    run_list,
)


class Command(BaseCommand):
    help = gettext_lazy("Projects of the routekaart: list them, or export one.")

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="action", required=True, title=_("sub-commands"))
        add_list_arguments(commands.add_parser("list", help=_("List the projects.")))
        add_export_arguments(
            commands.add_parser(
                "export", help=_("Write one project to a file: JSON, or the plan as PDF.")
            )
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "list":
            run_list(self, options)
        elif options["action"] == "export":
            run_export(self, options)

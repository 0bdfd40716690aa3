"""``collectief signals <sub-command>``: rode draden on the command line.

The sub-commands live in ``collectief/signals/cli/`` (one module each); see
docs/rode-draden.md and docs/cli.md.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from collectief.lib.cli import BaseCommand
from collectief.signals.cli import subcommands


class Command(BaseCommand):
    help = gettext_lazy(
        "Signals (rode draden): warm-up, import, export, theme suggestions and purge."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="action", required=True, title=_("sub-commands"))
        for subcommand in subcommands():
            sub_parser = commands.add_parser(subcommand.name, help=str(subcommand.help))
            subcommand.add_arguments(sub_parser)

    def handle(self, *args: Any, **options: Any) -> None:
        for subcommand in subcommands():
            if subcommand.name == options["action"]:
                subcommand.run(self, options)
                return

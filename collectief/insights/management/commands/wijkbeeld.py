"""``collectief wijkbeeld <sub-command>``: CBS indicators and rankings per wijk.

The sub-commands live in ``collectief/insights/cli/`` (one module each); see
docs/wijkbeeld.md and docs/cli.md.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from collectief.insights.cli import subcommands
from collectief.lib.cli import BaseCommand


class Command(BaseCommand):
    help = gettext_lazy("Wijkbeeld: import CBS indicators, show a wijk and rank the wijken.")

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

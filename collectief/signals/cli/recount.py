"""``collectief signals recount``: rebuild the running totals the summary reads.

The totals are kept by database triggers (``mention_counts.py``), so this
is only needed after restoring a backup taken without them, or to check:
``--check`` compares the totals with the signals and changes nothing.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from collectief.signals import mention_counts
from collectief.signals.cli import Subcommand


def add_arguments(parser: CommandParser) -> None:
    parser.add_argument(
        "--check",
        action="store_true",
        help=_("Only compare the totals with the signals; change nothing."),
    )


def run(command: BaseCommand, options: dict[str, Any]) -> None:
    if options["check"]:
        wrong = mention_counts.differences()
        if wrong:
            raise CommandError(
                ngettext(
                    "%(count)d total differs from the signals. Run: collectief signals recount",
                    "%(count)d totals differ from the signals. Run: collectief signals recount",
                    wrong,
                )
                % {"count": wrong}
            )
        command.stdout.write(_("The totals match the signals."))
        return
    rows = mention_counts.rebuild()
    command.stdout.write(
        ngettext(
            "Counted again: %(count)d total per month, area and theme.",
            "Counted again: %(count)d totals per month, area and theme.",
            rows,
        )
        % {"count": rows}
    )


SUBCOMMAND = Subcommand(
    name="recount",
    help=gettext_lazy("Count the signals again for the rode-draden summary."),
    add_arguments=add_arguments,
    run=run,
)

"""``collectief signals purge``: remove notes older than the retention period."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from collectief.signals.cli import Subcommand
from collectief.signals.services import purge_notes


def add_arguments(parser: CommandParser) -> None:
    parser.add_argument(
        "--days",
        type=int,
        default=None,
        help=_("Keep notes this many days (default: SIGNAL_NOTE_RETENTION_DAYS)."),
    )


def run(command: BaseCommand, options: dict[str, Any]) -> None:
    days = options["days"] if options["days"] is not None else settings.SIGNAL_NOTE_RETENTION_DAYS
    removed = purge_notes(days=days)
    command.stdout.write(
        ngettext(
            "%(count)d note older than %(days)d days removed; the signals themselves stay.",
            "%(count)d notes older than %(days)d days removed; the signals themselves stay.",
            removed,
        )
        % {"count": removed, "days": days}
    )


SUBCOMMAND = Subcommand(
    name="purge",
    help=gettext_lazy("Remove notes older than the retention period."),
    add_arguments=add_arguments,
    run=run,
)

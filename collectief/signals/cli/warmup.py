"""``collectief signals warmup [--rebuild]``: build deduce's lookup structures once."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from collectief.signals import deidentify
from collectief.signals.cli import Subcommand


def add_arguments(parser: CommandParser) -> None:
    parser.add_argument(
        "--rebuild",
        action="store_true",
        help=_("Build again even when the cache is there (after a deduce update)."),
    )


def run(command: BaseCommand, options: dict[str, Any]) -> None:
    if deidentify.is_ready() and not options["rebuild"]:
        command.stdout.write(
            _("The de-identification is ready (cache in %(path)s).")
            % {"path": deidentify.cache_dir()}
        )
        return
    command.stdout.write(
        _("Building the word lists for de-identification; this takes one to two minutes…")
    )
    seconds = deidentify.build()
    command.stdout.write(
        _("Ready in %(seconds).0f seconds (cache in %(path)s).")
        % {"seconds": seconds, "path": deidentify.cache_dir()}
    )


SUBCOMMAND = Subcommand(
    name="warmup",
    help=gettext_lazy("Build the word lists for de-identification once (run at installation)."),
    add_arguments=add_arguments,
    run=run,
)

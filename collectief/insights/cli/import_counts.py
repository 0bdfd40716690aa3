"""``collectief wijkbeeld import-counts FILE``: beschikkingen per area, category and year."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from collectief.insights.cli import Subcommand
from collectief.insights.cli.import_cbs import _read
from collectief.insights.counts import import_counts
from collectief.insights.services import CbsImportError


def add_arguments(parser: CommandParser) -> None:
    parser.add_argument(
        "file", help=_("CSV or XLSX with the columns gebied, categorie, jaar, aantal.")
    )


def run(command: BaseCommand, options: dict[str, Any]) -> None:
    data = _read(options["file"])
    try:
        result = import_counts(data, Path(options["file"]).name, by=None)
    except CbsImportError as error:
        raise CommandError("\n".join(error.lines())) from error
    command.stdout.write(result.summary())


SUBCOMMAND = Subcommand(
    name="import-counts",
    help=gettext_lazy(
        "Import numbers of beschikkingen per area, category and year (all or nothing)."
    ),
    add_arguments=add_arguments,
    run=run,
)

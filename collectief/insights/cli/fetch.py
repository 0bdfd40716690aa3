"""``collectief wijkbeeld fetch TABLE_ID``: fetch a kwb table from CBS and import it.

The same all-or-nothing import as ``import-cbs``; only the source differs.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from collectief.insights.cli import Subcommand
from collectief.insights.fetching import FetchError, fetch_table
from collectief.insights.services import CbsImportError, import_cbs, max_import_bytes


def add_arguments(parser: CommandParser) -> None:
    parser.add_argument("table", help=_("CBS table id, e.g. 85984NED (Kerncijfers 2024)."))


def run(command: BaseCommand, options: dict[str, Any], *, transport: Any = None) -> None:
    try:
        data, properties = fetch_table(
            str(options["table"]), max_bytes=max_import_bytes(), transport=transport
        )
    except FetchError as error:
        raise CommandError(str(error)) from error
    try:
        result = import_cbs(
            data, f"{options['table']}-UntypedDataSet.json", properties=properties, by=None
        )
    except CbsImportError as error:
        raise CommandError("\n".join(error.lines())) from error
    command.stdout.write(result.summary())


SUBCOMMAND = Subcommand(
    name="fetch",
    help=gettext_lazy("Fetch a Kerncijfers Wijken en Buurten table from CBS and import it."),
    add_arguments=add_arguments,
    run=run,
)

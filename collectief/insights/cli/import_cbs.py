"""``collectief wijkbeeld import-cbs FILE [--properties FILE] [--year YYYY]``.

All-or-nothing, like every import: the problems are printed with their place
in the file and nothing is written.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from collectief.insights.cli import Subcommand
from collectief.insights.services import CbsImportError, check_size, import_cbs


def add_arguments(parser: CommandParser) -> None:
    parser.add_argument(
        "file",
        help=_("OData v3 TypedDataSet or UntypedDataSet JSON, v4 Observations JSON, or CSV."),
    )
    parser.add_argument(
        "--properties",
        help=_("DataProperties JSON (needed for v3) or MeasureCodes JSON (v4) of the same table."),
    )
    parser.add_argument(
        "--year", type=int, help=_("Year of the table, when the file does not say it.")
    )


def _read(file: str) -> bytes:
    path = Path(file)
    try:
        check_size(path.stat().st_size)
        return path.read_bytes()
    except OSError as exc:
        raise CommandError(
            _("Cannot read %(file)s: %(error)s") % {"file": file, "error": exc.strerror}
        ) from exc
    except CbsImportError as error:
        raise CommandError(f"{file}: {error.message}") from error


def run(command: BaseCommand, options: dict[str, Any]) -> None:
    data = _read(options["file"])
    properties = _read(options["properties"]) if options.get("properties") else None
    try:
        result = import_cbs(
            data,
            Path(options["file"]).name,
            properties=properties,
            year=options.get("year"),
            by=None,
        )
    except CbsImportError as error:
        raise CommandError("\n".join(error.lines())) from error
    command.stdout.write(result.summary())


SUBCOMMAND = Subcommand(
    name="import-cbs",
    help=gettext_lazy("Import a CBS Kerncijfers Wijken en Buurten file (all or nothing)."),
    add_arguments=add_arguments,
    run=run,
)

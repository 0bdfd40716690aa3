"""``collectief signals export ORG_SLUG --format json|csv [-o FILE]``: the stored signals."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from collectief.signals import importing
from collectief.signals.cli import Subcommand
from collectief.signals.cli.import_signals import organisation_or_error


def add_arguments(parser: CommandParser) -> None:
    parser.add_argument("organisation", help=_("Short name (slug) of the organisation."))
    parser.add_argument("--format", choices=["json", "csv"], default="json")
    parser.add_argument("-o", "--output", help=_("File to write; default: standard output."))


def run(command: BaseCommand, options: dict[str, Any]) -> None:
    organisation = organisation_or_error(options["organisation"])
    rows = importing.export_rows(organisation)
    if options["format"] == "json":
        content = json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    else:
        content = importing.export_csv(rows)
    if options.get("output"):
        try:
            Path(options["output"]).write_text(content, encoding="utf-8")
        except OSError as error:
            raise CommandError(
                _("Cannot write %(file)s: %(error)s")
                % {"file": options["output"], "error": error.strerror}
            ) from error
        command.stderr.write(
            ngettext(
                "%(count)d signal written to %(file)s.",
                "%(count)d signals written to %(file)s.",
                len(rows),
            )
            % {"count": len(rows), "file": options["output"]}
        )
    else:
        command.stdout.write(content, ending="")


SUBCOMMAND = Subcommand(
    name="export",
    help=gettext_lazy("Export the signals of an organisation (notes as stored)."),
    add_arguments=add_arguments,
    run=run,
)

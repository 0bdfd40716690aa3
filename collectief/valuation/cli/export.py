"""``collectief valuation export ORG_SLUG --format json [-o FILE]``: the document with results."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from collectief.valuation import services
from collectief.valuation.cli import Subcommand
from collectief.valuation.cli.import_valuation import organisation_or_error


def add_arguments(parser: CommandParser) -> None:
    parser.add_argument("organisation", help=_("Short name (slug) of the organisation."))
    parser.add_argument(
        "--format", choices=["json"], default="json", help=_("json (the only format).")
    )
    parser.add_argument("-o", "--output", help=_("File to write; default: standard output."))


def run(command: BaseCommand, options: dict[str, Any]) -> None:
    organisation = organisation_or_error(options["organisation"])
    valuation = services.valuation_of(organisation)
    if valuation is None:
        raise CommandError(_("%(name)s has no valuation yet.") % {"name": organisation.name})
    content = json.dumps(services.export_document(valuation), ensure_ascii=False, indent=2) + "\n"
    if options.get("output"):
        try:
            Path(options["output"]).write_text(content, encoding="utf-8")
        except OSError as error:
            raise CommandError(
                _("Cannot write %(file)s: %(error)s")
                % {"file": options["output"], "error": error.strerror}
            ) from error
        command.stderr.write(_("Written to %(file)s.") % {"file": options["output"]})
    else:
        command.stdout.write(content, ending="")


SUBCOMMAND = Subcommand(
    name="export",
    help=gettext_lazy("Export an organisation's valuation with its results as JSON."),
    add_arguments=add_arguments,
    run=run,
)

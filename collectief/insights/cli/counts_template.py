"""``collectief wijkbeeld counts-template --format csv|xlsx -o FILE``: the empty beschikkingen file.

Beschikkingen are imported with ``import-counts``; this writes the file to
fill in, the same one the gemeente page offers for download.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from collectief.insights.cli import Subcommand
from collectief.insights.counts_template import FORMATS, counts_template


def add_arguments(parser: CommandParser) -> None:
    parser.add_argument("--format", choices=FORMATS, default="xlsx", help=_("csv or xlsx."))
    parser.add_argument("-o", "--output", required=True, help=_("File to write."))


def run(command: BaseCommand, options: dict[str, Any]) -> None:
    content, _type, _name = counts_template(options["format"])
    try:
        Path(options["output"]).write_bytes(content)
    except OSError as error:
        raise CommandError(
            _("Cannot write %(file)s: %(error)s")
            % {"file": options["output"], "error": error.strerror}
        ) from error
    command.stdout.write(_("Written to %(file)s.") % {"file": options["output"]})


SUBCOMMAND = Subcommand(
    name="counts-template",
    help=gettext_lazy(
        "Write the empty template for beschikkingen (CSV or XLSX) to fill in for import-counts."
    ),
    add_arguments=add_arguments,
    run=run,
)

"""``collectief stories export ORG_SLUG --format json [--include-internal] [-o FILE]``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from collectief.accounts.models import Organisation
from collectief.stories.cli import Subcommand
from collectief.stories.exports import export_rows


def add_arguments(parser: CommandParser) -> None:
    parser.add_argument("organisation", help=_("Short name (slug) of the organisation."))
    parser.add_argument("--format", choices=["json"], default="json")
    parser.add_argument(
        "--include-internal",
        action="store_true",
        help=_("Also the stories with consent for internal use only."),
    )
    parser.add_argument("-o", "--output", help=_("File to write; default: standard output."))


def run(command: BaseCommand, options: dict[str, Any]) -> None:
    slug = str(options["organisation"]).strip()
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None:
        raise CommandError(_("No organisation with the short name %(slug)s.") % {"slug": slug})
    rows = export_rows(organisation, include_internal=options["include_internal"])
    content = json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
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
                "%(count)d story written to %(file)s.",
                "%(count)d stories written to %(file)s.",
                len(rows),
            )
            % {"count": len(rows), "file": options["output"]}
        )
    else:
        command.stdout.write(content, ending="")


SUBCOMMAND = Subcommand(
    name="export",
    help=gettext_lazy(
        "Export the stories of an organisation that may be shown (never withdrawn ones)."
    ),
    add_arguments=add_arguments,
    run=run,
)

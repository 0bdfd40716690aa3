"""``collectief signals import ORG_SLUG FILE``: signals from a JSON list or a CSV file.

Columns/keys: area (CBS code or name), themes (slugs), source_role, date
(YYYY-MM-DD), text, age_band (optional). De-identified like the form; all
or nothing; the last line says how many were stored.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from collectief.accounts.models import Organisation
from collectief.signals import importing
from collectief.signals.cli import Subcommand


def organisation_or_error(slug: str) -> Organisation:
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None:
        raise CommandError(
            _("There is no organisation with the short name %(slug)s.") % {"slug": slug}
        )
    return organisation


def add_arguments(parser: CommandParser) -> None:
    parser.add_argument("organisation", help=_("Short name (slug) of the organisation."))
    parser.add_argument("file", help=_("Path to the .json or .csv file."))


def run(command: BaseCommand, options: dict[str, Any]) -> None:
    organisation = organisation_or_error(options["organisation"])
    path = Path(options["file"])
    try:
        data = path.read_bytes()
    except OSError as error:
        raise CommandError(
            _("Cannot read %(file)s: %(error)s") % {"file": path, "error": error.strerror}
        ) from error
    try:
        rows = importing.read_rows(data, path.name)
        stored = importing.import_signals(organisation, rows, by=None)
    except importing.SignalsImportError as error:
        for problem in error.errors:
            command.stderr.write(str(problem))
        raise CommandError(
            ngettext(
                "Nothing was imported: %(count)d problem.",
                "Nothing was imported: %(count)d problems.",
                len(error.errors),
            )
            % {"count": len(error.errors)}
        ) from None
    command.stdout.write(
        ngettext("%(count)d signal stored.", "%(count)d signals stored.", stored)
        % {"count": stored}
    )


SUBCOMMAND = Subcommand(
    name="import",
    help=gettext_lazy("Import signals from a JSON or CSV file (all or nothing)."),
    add_arguments=add_arguments,
    run=run,
)

"""``collectief valuation import ORG_SLUG FILE``: replace the valuation by a JSON document.

All or nothing: every problem is printed with its JSON path (``outcomes[1].deadweight``)
and nothing is stored. On success the last line is the new valuation's id.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from collectief.accounts.models import Organisation
from collectief.lib import reading
from collectief.valuation import importing, services
from collectief.valuation.cli import Subcommand


def organisation_or_error(slug: str) -> Organisation:
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None:
        raise CommandError(
            _("There is no organisation with the short name %(slug)s.") % {"slug": slug}
        )
    return organisation


def add_arguments(parser: CommandParser) -> None:
    parser.add_argument("organisation", help=_("Short name (slug) of the organisation."))
    parser.add_argument("file", help=_("Path to the .json file."))


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
        document = importing.read_document(reading.read_json(data))
    except reading.TableError as error:
        raise CommandError(_("Nothing was imported: %(error)s") % {"error": error}) from None
    except importing.ValuationImportError as error:
        for problem in error.problems:
            command.stderr.write(problem)
        raise CommandError(
            ngettext(
                "Nothing was imported: %(count)d problem.",
                "Nothing was imported: %(count)d problems.",
                len(error.problems),
            )
            % {"count": len(error.problems)}
        ) from None
    valuation = services.replace_valuation(organisation, document, by=None)
    command.stdout.write(
        ngettext(
            "Valuation stored with %(inputs)d input and %(outcomes)d outcomes.",
            "Valuation stored with %(inputs)d inputs and %(outcomes)d outcomes.",
            len(document.inputs),
        )
        % {"inputs": len(document.inputs), "outcomes": len(document.outcomes)}
    )
    command.stdout.write(str(valuation.pk))


SUBCOMMAND = Subcommand(
    name="import",
    help=gettext_lazy(
        "Replace an organisation's valuation by a JSON file (all or nothing); "
        "prints the valuation's id last."
    ),
    add_arguments=add_arguments,
    run=run,
)

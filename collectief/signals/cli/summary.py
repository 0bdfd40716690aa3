"""``collectief signals summary GEMEENTE_CODE [--period YYYY-MM] --format json|text``.

The same suppressed summary as the page and the API: only published values
(``<10``, ``x``, counts rounded to 5). The command line is the server's
operator, who could read the database anyway; it still prints nothing more
than a partner organisation sees.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from collectief.areas.models import Area
from collectief.lib.errors import ServiceError
from collectief.signals.cli import Subcommand
from collectief.signals.summary import Period, summarise


def add_arguments(parser: CommandParser) -> None:
    parser.add_argument("gemeente", help=_("CBS code of the municipality, e.g. GM0034."))
    parser.add_argument(
        "--period",
        default="",
        help=_("Month as YYYY-MM (default: last complete month)."),
    )
    parser.add_argument("--format", choices=["json", "text"], default="text")


def run(command: BaseCommand, options: dict[str, Any]) -> None:
    code = str(options["gemeente"]).strip().upper()
    gemeente = Area.objects.filter(code=code, level=Area.Level.GEMEENTE).first()
    if gemeente is None:
        raise CommandError(_("No municipality with code %(code)s.") % {"code": code})
    today = timezone.localdate()
    try:
        period = (
            Period.parse(options["period"]) if options["period"] else Period.last_complete(today)
        )
    except ServiceError as exc:
        raise CommandError(exc.message) from None
    if period.start > today:
        raise CommandError(_("That month has not started yet."))
    summary = summarise(gemeente, period)
    if options["format"] == "json":
        command.stdout.write(json.dumps(summary.as_dict(), ensure_ascii=False, indent=2))
        return
    command.stdout.write(
        _(
            "Rode draden in %(name)s, %(period)s (mentions per theme; <10 = fewer than 10, x = not shown)"
        )
        % {"name": gemeente.name, "period": period}
    )
    for j, theme in enumerate(summary.themes):
        command.stdout.write(f"  {theme.name}: {summary.table.col_totals[j].text}")
    command.stdout.write(_("Total: %(total)s") % {"total": summary.table.total.text})


SUBCOMMAND = Subcommand(
    name="summary",
    help=gettext_lazy("Suppressed counts per wijk and theme for one month of a municipality."),
    add_arguments=add_arguments,
    run=run,
)

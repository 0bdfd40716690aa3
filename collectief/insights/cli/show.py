"""``collectief wijkbeeld show AREA_CODE [--format json|text]``: the CBS indicators of an area."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from collectief.areas.lookup import AreaNotFoundError, resolve_area
from collectief.areas.models import Area
from collectief.insights.cli import Subcommand
from collectief.insights.display import status_text, value_text
from collectief.insights.services import area_overview, show_area
from collectief.lib.errors import ServiceError


def area_argument(text: str) -> Area:
    """The area named on the command line: a CBS code, or a name as people use it (issue 12
    point 6: "Kesteren" is the buurt; "Kesteren (Breda)" when more places have that name)."""
    code = text.strip().upper()
    area = Area.objects.filter(code=code).first()
    if area is None:
        try:
            area = resolve_area(text)
        except AreaNotFoundError:
            raise CommandError(_("No area with code %(code)s.") % {"code": code}) from None
        except ServiceError as exc:
            raise CommandError(exc.message) from None
    return area


def add_arguments(parser: CommandParser) -> None:
    parser.add_argument(
        "area", help=_("CBS code or name of the area, e.g. WK003402 or Kesteren (Breda).")
    )
    parser.add_argument("--format", choices=["json", "text"], default="text")


def run(command: BaseCommand, options: dict[str, Any]) -> None:
    area = area_argument(str(options["area"]))
    code = area.code
    if options["format"] == "json":
        command.stdout.write(json.dumps(show_area(area), ensure_ascii=False, indent=2))
        return
    rows = area_overview(area)
    command.stdout.write(
        _("CBS indicators of %(name)s (%(code)s)") % {"name": area.name, "code": code}
    )
    if not rows:
        command.stdout.write(_("No indicators imported for this area yet."))
    for row in rows:
        shown = value_text(row.value) if row.value.is_number else status_text(row.value)
        command.stdout.write(f"  {row.indicator.title}: {shown} ({row.value.year})")


SUBCOMMAND = Subcommand(
    name="show",
    help=gettext_lazy("The CBS indicators of one area, with the year of each value."),
    add_arguments=add_arguments,
    run=run,
)

"""``collectief wijkbeeld ranking GEMEENTE_CODE --theme SLUG [--source SOURCE] [--format json|text]``.

The same published values as the theme page (``theme_ranking``): counts
through the disclosure control, ratios only where the count and the
denominator are large enough. A theme is ranked on its CBS count or on the
beschikkingen of one of its categories: ``--source cbs`` or ``--source
wmo-begeleiding``; without it, the first source with figures.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from collectief.areas.lookup import areas_named
from collectief.areas.models import Area
from collectief.directory.models import TaxonomyTerm
from collectief.insights.cli import Subcommand
from collectief.insights.theme_ranking import theme_ranking
from collectief.lib import cbs
from collectief.lib.errors import ServiceError


def add_arguments(parser: CommandParser) -> None:
    parser.add_argument(
        "gemeente", help=_("CBS code or name of the municipality, e.g. GM0034 or Almere.")
    )
    parser.add_argument(
        "--theme",
        required=True,
        help=_("Theme of the sociale kaart, e.g. geldzorgen-en-schulden."),
    )
    parser.add_argument(
        "--source",
        default="",
        help=_(
            "cbs for the CBS count, or the code of a category of beschikkingen, e.g. "
            "wmo-begeleiding. Default: the first source with figures."
        ),
    )
    parser.add_argument("--format", choices=["json", "text"], default="text")


def run(command: BaseCommand, options: dict[str, Any]) -> None:
    code = str(options["gemeente"]).strip().upper()
    gemeente = Area.objects.filter(code=code, level=Area.Level.GEMEENTE).first()
    if gemeente is None and not cbs.is_valid(cbs.normalise_code(code)):
        # A name as people use it ("Breda"): the municipality of that name, if it is one.
        found = [a for a in areas_named(code) if a.level == Area.Level.GEMEENTE]
        gemeente = found[0] if len(found) == 1 else None
    if gemeente is None:
        raise CommandError(_("No municipality with code %(code)s.") % {"code": code})
    slug = str(options["theme"]).strip().lower()
    theme = TaxonomyTerm.objects.themes().filter(code=slug).first()
    if theme is None:
        known = ", ".join(
            TaxonomyTerm.objects.themes().order_by("order").values_list("code", flat=True)
        )
        raise CommandError(
            _("No theme '%(slug)s'. Themes: %(known)s.") % {"slug": slug, "known": known}
        )
    try:
        ranking = theme_ranking(
            gemeente, theme, source=str(options.get("source") or "").strip().lower()
        )
    except ServiceError as exc:
        raise CommandError(exc.message) from None
    if options["format"] == "json":
        command.stdout.write(json.dumps(ranking.as_dict(), ensure_ascii=False, indent=2))
        return
    command.stdout.write(
        _("%(title)s in %(name)s, %(year)s, per wijk against the municipality")
        % {"title": ranking.title, "name": gemeente.name, "year": ranking.year or "-"}
    )
    for row in ranking.rows:
        command.stdout.write(f"  {row.area.name}: {ranking.sentence(row)}")
    if ranking.without_data:
        command.stdout.write(
            _("No figures: %(names)s") % {"names": ", ".join(a.name for a in ranking.without_data)}
        )


SUBCOMMAND = Subcommand(
    name="ranking",
    help=gettext_lazy("Rank the wijken of a municipality on a theme (observed against expected)."),
    add_arguments=add_arguments,
    run=run,
)

"""``collectief project list [--gemeente CODE] [--format json|text]``.

The command line is for the administrator of the installation: it lists
every project (no organisation filter), like the other admin commands. The
JSON keys and codes are a data format and never change with the language.
``kartrekkers`` and ``scan_partners`` count what step 2 and the
randvoorwaarden scan will record; until those exist they are 0.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from collectief.areas.models import Area
from collectief.projects.models import Partnership, Project


def add_list_arguments(parser: CommandParser) -> None:
    parser.add_argument(
        "--gemeente", help=_("Only the projects in this municipality (CBS code, e.g. GM0344).")
    )
    parser.add_argument(
        "--format",
        choices=["json", "text"],
        default="text",
        help=_("json for other programs, text to read (default)."),
    )


def project_rows(gemeente: Area | None = None) -> list[dict[str, Any]]:
    """The projects as the issue's JSON shape, oldest first."""
    projects = Project.objects.select_related("owner", "wijk", "theme").prefetch_related(
        Prefetch(
            "partnerships",
            queryset=Partnership.objects.filter(left_on__isnull=True)
            .select_related("organisation")
            .order_by("organisation__slug"),
            to_attr="current_partnerships",
        )
    )
    if gemeente is not None:
        projects = projects.filter(wijk__parent=gemeente)
    return [
        {
            "id": p.pk,
            "title": p.title,
            "wijk": p.wijk.code,
            "theme": p.theme.code,
            "step": p.step,
            "owner": p.owner.slug,
            "partners": [m.organisation.slug for m in p.current_partnerships],
            "kartrekkers": 0,
            "scan_partners": 0,
        }
        for p in projects.order_by("id")
    ]


def run_list(command: BaseCommand, options: dict[str, Any]) -> None:
    gemeente = None
    if options.get("gemeente"):
        code = str(options["gemeente"]).strip().upper()
        gemeente = Area.objects.filter(code=code, level=Area.Level.GEMEENTE).first()
        if gemeente is None:
            raise CommandError(_("No municipality with code %(code)s.") % {"code": code})
    rows = project_rows(gemeente)
    if options["format"] == "json":
        command.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        command.stdout.write(_("No projects."))
        return
    for row in rows:
        command.stdout.write(
            _(
                "%(id)s. %(title)s – %(wijk)s, %(theme)s, step %(step)s, owner %(owner)s, %(partners)s"
            )
            % {
                **row,
                "partners": _("partners: %(count)d") % {"count": len(row["partners"])},
            }
        )

"""``collectief project list [--gemeente CODE] [--format json|text]`` and
``collectief project export PROJECT_ID --format json|pdf -o FILE``.

The command line is for the administrator of the installation: it lists
every project (no organisation filter), like the other admin commands. The
JSON keys and codes are a data format and never change with the language.
``kartrekkers`` counts the current kartrekkers of the werkgroep;
``scan_partners`` counts the organisations that scored the randvoorwaarden
scan in any round. ``export`` writes one project, as JSON (``export.py``) or as the
plan of action on A4 (``plan_pdf.py``).
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Count, Prefetch, Q
from django.utils.translation import gettext as _

from collectief.areas.models import Area
from collectief.projects.export import project_document
from collectief.projects.models import Partnership, Project
from collectief.projects.plan_pdf import render_plan_pdf


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
    projects = (
        Project.objects.select_related("owner", "wijk", "theme")
        .annotate(
            kartrekker_count=Count(
                "members", filter=Q(members__kartrekker_slot__isnull=False), distinct=True
            ),
            scan_partner_count=Count("scan_rounds__scores__organisation", distinct=True),
        )
        .prefetch_related(
            Prefetch(
                "partnerships",
                queryset=Partnership.objects.filter(left_on__isnull=True)
                .select_related("organisation")
                .order_by("organisation__slug"),
                to_attr="current_partnerships",
            )
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
            "kartrekkers": p.kartrekker_count,
            "scan_partners": p.scan_partner_count,
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


def add_export_arguments(parser: CommandParser) -> None:
    parser.add_argument(
        "project_id", type=int, metavar="PROJECT_ID", help=_("The project number.")
    )
    parser.add_argument(
        "--format",
        choices=["json", "pdf"],
        default="json",
        help=_("json: the whole project as data; pdf: the plan of action on A4."),
    )
    parser.add_argument(
        "-o", "--output", required=True, metavar="FILE", help=_("The file to write.")
    )


def run_export(command: BaseCommand, options: dict[str, Any]) -> None:
    project = (
        Project.objects.select_related("owner", "wijk__parent", "theme", "change_story")
        .filter(pk=options["project_id"])
        .first()
    )
    if project is None:
        raise CommandError(_("No project with number %(id)s.") % {"id": options["project_id"]})
    if options["format"] == "pdf":
        data = render_plan_pdf(project)
    else:
        text = json.dumps(project_document(project), ensure_ascii=False, indent=2)
        data = (text + "\n").encode("utf-8")
    try:
        with open(options["output"], "wb") as handle:
            handle.write(data)
    except OSError as exc:
        raise CommandError(
            _("Cannot write %(file)s: %(error)s")
            % {"file": options["output"], "error": exc.strerror}
        ) from None
    command.stdout.write(
        _("Project %(id)s written to %(file)s (%(format)s).")
        % {"id": project.pk, "file": options["output"], "format": options["format"].upper()}
    )

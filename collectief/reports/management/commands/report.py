"""``collectief report build ORG_SLUG [--period P] [--template T] --format pdf|html -o FILE``.

Builds the organisation's report from live data: with the intros, choice and
order of its most recently changed report when it has one, else all
sections in their default order. ``--period`` and ``--template`` override
the report's own. Nothing is written when the report cannot be made.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from collectief.accounts.models import Organisation
from collectief.lib.cli import BaseCommand
from collectief.lib.errors import ServiceError
from collectief.reports import rendering
from collectief.reports.models import Report
from collectief.reports.services import build_document, report_period


class Command(BaseCommand):
    help = gettext_lazy("Reports: build an organisation's report as PDF or HTML.")

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="action", required=True, title=_("sub-commands"))
        build = commands.add_parser("build", help=_("Build the report as PDF or HTML."))
        build.add_argument("organisation", metavar="ORG_SLUG")
        build.add_argument(
            "--period", help=_("A year (2022) or months from/to (2022-03/2023-02).")
        )
        build.add_argument("--template", choices=Report.Template.values)
        build.add_argument("--format", choices=["pdf", "html"], required=True)
        build.add_argument("-o", "--output", metavar="FILE", required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        organisation = Organisation.objects.filter(slug=options["organisation"]).first()
        if organisation is None:
            raise CommandError(
                _("Organisation '%(slug)s' does not exist.") % {"slug": options["organisation"]}
            )
        report = Report.objects.for_organisation(organisation).first()
        if report is None:
            report = Report(organisation=organisation, title=organisation.name)
        if options.get("template"):
            report.template = options["template"]
        try:
            period = report_period(report, options.get("period"))
            document, _ctx = build_document(
                report,
                period=period,
                use_report_period=False,
                for_print=options["format"] == "pdf",
            )
        except ServiceError as error:
            raise CommandError(error.message) from error
        colours = rendering.colours(report)
        body = rendering.site_links(document, report.template)
        if options["format"] == "html":
            data = rendering.standalone_html(
                body, title=report.title, colour_values=colours
            ).encode()
        else:
            from collectief.reports.tasks import checked_pdf

            data = checked_pdf(
                rendering.render_pdf(body, title=report.title, colour_values=colours)
            )
        path = Path(options["output"])
        try:
            path.write_bytes(data)
        except OSError as exc:
            raise CommandError(
                _("Cannot write the file %(file)s: %(reason)s.")
                % {"file": path, "reason": exc.strerror}
            ) from exc
        self.stdout.write(_("Written: %(file)s") % {"file": path})

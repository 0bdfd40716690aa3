"""``collectief figures import ORG_SLUG FILE.csv|FILE.xlsx``: read facts & figures.

``collectief figures export ORG_SLUG [--format csv|xlsx] [-o FILE]`` writes
them (to standard output when no file is given), in the same format the
import reads. ``collectief figures list ORG_SLUG`` prints them. See
docs/feiten-en-cijfers.md for the columns.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from collectief.accounts.models import Organisation
from collectief.figures import services, tabular_io
from collectief.lib.cli import BaseCommand


class Command(BaseCommand):
    help = gettext_lazy("Import, export and list the facts & figures of an organisation.")

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="action", required=True, title=_("sub-commands"))
        importer = commands.add_parser(
            "import", help=_("Import figures from a CSV or XLSX file (all or nothing).")
        )
        importer.add_argument("organisation", help=_("Short name (slug) of the organisation."))
        importer.add_argument("file", help=_("Path to the .csv or .xlsx file."))
        exporter = commands.add_parser("export", help=_("Export figures as CSV or XLSX."))
        exporter.add_argument("organisation", help=_("Short name (slug) of the organisation."))
        exporter.add_argument("--format", choices=["csv", "xlsx"], default="csv")
        exporter.add_argument("-o", "--output", help=_("File to write; default: standard output."))
        lister = commands.add_parser("list", help=_("List the figures of an organisation."))
        lister.add_argument("organisation", help=_("Short name (slug) of the organisation."))

    def handle(self, *args: Any, **options: Any) -> None:
        organisation = Organisation.objects.filter(slug=options["organisation"]).first()
        if organisation is None:
            raise CommandError(
                _("There is no organisation with the short name %(slug)s.")
                % {"slug": options["organisation"]}
            )
        action = options["action"]
        if action == "import":
            self._import(organisation, options["file"])
        elif action == "export":
            self._export(organisation, options["format"], options.get("output"))
        else:
            for figure in services.figures_for(organisation):
                mark = "*" if figure.is_highlighted else " "
                self.stdout.write(f"{mark} {figure.display}")

    def _import(self, organisation: Organisation, file: str) -> None:
        path = Path(file)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(
                _("Cannot read %(file)s: %(error)s") % {"file": file, "error": exc.strerror}
            ) from exc
        try:
            result = tabular_io.import_figures_file(organisation, data, path.name, by=None)
        except services.FiguresImportError as error:
            raise CommandError(error.message) from error
        self.stdout.write(
            _("Figures added: %(created)d; updated: %(updated)d; measurements: %(measurements)d.")
            % {
                "created": result.created,
                "updated": result.updated,
                "measurements": result.measurements,
            }
        )

    def _export(self, organisation: Organisation, fmt: str, output: str | None) -> None:
        content, _type, _name = tabular_io.export_figures(organisation, fmt)
        if output:
            try:
                Path(output).write_bytes(content)
            except OSError as exc:
                raise CommandError(
                    _("Cannot write %(file)s: %(error)s") % {"file": output, "error": exc.strerror}
                ) from exc
            self.stderr.write(_("Written to %(file)s.") % {"file": output})
        elif fmt == "csv":
            self.stdout.write(content.decode("utf-8"), ending="")
        else:
            stream: Any = self.stdout._out
            buffer = getattr(stream, "buffer", None)
            if buffer is None or stream.isatty():
                raise CommandError(_("Use -o FILE to write an Excel workbook."))
            stream.flush()
            buffer.write(content)

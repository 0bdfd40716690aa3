"""collectief changestory export|import — the veranderverhaal on the command line."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from collectief.accounts.models import Organisation
from collectief.changestories import services
from collectief.changestories.forms import ContentError
from collectief.changestories.poster import render_svg
from collectief.changestories.poster_pdf import render_pdf
from collectief.lib import reading
from collectief.lib.cli import BaseCommand
from collectief.lib.errors import ServiceError
from collectief.lib.reading import TableError


class Command(BaseCommand):
    help = gettext_lazy("Export or import the change story (veranderverhaal) of an organisation.")

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        export = sub.add_parser("export", help=_("Write the change story as JSON, PDF or SVG."))
        export.add_argument("organisation", metavar="ORG_SLUG")
        export.add_argument("--format", choices=["json", "pdf", "svg"], default="json")
        export.add_argument(
            "--size", choices=["a4", "a3"], default="a4", help=_("PDF paper size.")
        )
        export.add_argument(
            "-o", "--output", metavar="FILE", help=_("File to write (default: stdout).")
        )
        imp = sub.add_parser(
            "import", help=_("Replace the change story with an exported JSON file.")
        )
        imp.add_argument("organisation", metavar="ORG_SLUG")
        imp.add_argument("file", metavar="FILE.json")

    def _organisation(self, slug: str) -> Organisation:
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None:
            raise CommandError(_("Organisation '%(slug)s' does not exist.") % {"slug": slug})
        return organisation

    def handle(self, *args: Any, **options: Any) -> None:
        organisation = self._organisation(options["organisation"])
        if options["action"] == "export":
            self._export(organisation, options)
        else:
            self._import(organisation, Path(options["file"]))

    def _export(self, organisation: Organisation, options: dict[str, Any]) -> None:
        story = services.get_story(organisation)
        fmt = options["format"]
        data: bytes
        if fmt == "json":
            text = json.dumps(services.export_story(organisation), ensure_ascii=False, indent=2)
            data = (text + "\n").encode()
        elif fmt == "pdf":
            data = render_pdf(story, options["size"])
        else:
            data = render_svg(story).encode()
        if options.get("output"):
            Path(options["output"]).write_bytes(data)
            self.stderr.write(_("Written: %(file)s") % {"file": options["output"]})
        else:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()

    def _import(self, organisation: Organisation, path: Path) -> None:
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise CommandError(
                _("Cannot read the file %(file)s: %(reason)s.")
                % {"file": path, "reason": exc.strerror}
            ) from exc
        try:
            data = reading.read_json(raw)
        except TableError as exc:  # not JSON or not text, or a reading limit (lib/reading.py)
            raise CommandError(f"{path}: {exc}") from exc
        try:
            story = services.import_story(organisation, data, by=None)
        except ContentError as error:
            lines = "\n".join(f"  {p}: {m}" for p, m in error.problems)
            raise CommandError(
                _("Nothing was imported. Fix these points:") + "\n" + lines
            ) from error
        except ServiceError as error:
            raise CommandError(_("Nothing was imported.") + " " + error.message) from error
        self.stdout.write(
            _("Change story of %(name)s imported: version %(version)s.")
            % {"name": organisation.name, "version": story.version}
        )

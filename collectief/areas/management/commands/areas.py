"""``collectief areas import FILE [--year YYYY]``: load a CBS region list.

``collectief areas import-boundaries FILE`` loads their outlines (GeoJSON).

``collectief areas list [--level wijk] [--parent GM0392]`` prints what is
loaded. See docs/areas.md for where to get the files.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from collectief.areas.models import Area
from collectief.areas.services import AreaImportError, import_areas, import_boundaries
from collectief.lib import cbs, reading
from collectief.lib.cli import BaseCommand


class Command(BaseCommand):
    help = gettext_lazy("Import and list CBS areas (gemeenten, wijken, buurten).")

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="action", required=True, title=_("sub-commands"))
        importer = commands.add_parser(
            "import",
            help=_("Import a StatLine CSV or CBS OData JSON file with regions."),
        )
        importer.add_argument("file", help=_("Path to the .csv or .json file."))
        importer.add_argument(
            "--year",
            type=int,
            help=_("Year of the indeling, when the file has no Perioden column."),
        )
        boundaries = commands.add_parser(
            "import-boundaries",
            help=_(
                "Import the boundaries of areas from a GeoJSON FeatureCollection "
                "(WGS84 or RD New), for the maps."
            ),
        )
        boundaries.add_argument("file", help=_("Path to the .geojson or .json file."))
        lister = commands.add_parser("list", help=_("List the areas that are loaded."))
        lister.add_argument("--level", choices=Area.Level.values)
        lister.add_argument("--parent", help=_("CBS code of the containing area, e.g. GM0392."))

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "import":
            self._import(options["file"], options.get("year"))
        elif options["action"] == "import-boundaries":
            self._import_boundaries(options["file"])
        else:
            self._list(options.get("level"), options.get("parent"))

    @staticmethod
    def _read(file: str) -> bytes:
        try:
            return Path(file).read_bytes()
        except OSError as exc:
            raise CommandError(
                _("Cannot read %(file)s: %(error)s") % {"file": file, "error": exc.strerror}
            ) from exc

    def _import_boundaries(self, file: str) -> None:
        # Refused by its size before it is read: a GeoJSON file is parsed whole.
        limit = reading.Limits.from_settings().json_bytes
        with contextlib.suppress(OSError):
            size = Path(file).stat().st_size
            if size > limit:
                raise CommandError(
                    _("%(file)s is %(size)s MB; GeoJSON files up to %(max)s MB can be imported.")
                    % {"file": file, "size": size // (1024 * 1024), "max": limit // (1024 * 1024)}
                )
        data = self._read(file)
        try:
            result = import_boundaries(data, Path(file).name, by=None)
        except AreaImportError as error:
            raise CommandError("\n".join(error.lines())) from error
        self.stdout.write(result.summary())

    def _import(self, file: str, year: int | None) -> None:
        path = Path(file)
        data = self._read(file)
        try:
            result = import_areas(data, path.name, year=year, by=None)
        except AreaImportError as error:
            raise CommandError("\n".join(error.lines())) from error
        self.stdout.write(result.summary())

    def _list(self, level: str | None, parent: str | None) -> None:
        areas = Area.objects.select_related("parent").order_by("code")
        if level:
            areas = areas.filter(level=level)
        if parent:
            areas = areas.filter(parent__code=cbs.normalise_code(parent))
        count = 0
        for area in areas.iterator():
            self.stdout.write(f"{area.code:<10} {area.level:<9} {area.year}  {area.name}")
            count += 1
        if count == 0:
            self.stdout.write(_("No areas found."))

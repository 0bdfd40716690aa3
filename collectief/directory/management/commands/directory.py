"""``collectief directory import|export|search``: the sociale kaart on the command line.

    collectief directory import FILE_OR_ZIP
    collectief directory export --format hsds-json|hsds-csv -o FILE
    collectief directory search [QUERY] [--area NAME_OR_CBS_CODE] [--theme SLUG] [--target-group SLUG]
        [--free] [--no-referral] [--wheelchair] [--day ma|di|wo|do|vr|za|zo]
        [--when vandaag|week] [--neighbours] [--limit N] [--format json|text]

``search`` runs the same search function as the web page. Errors go to
stderr with a non-zero exit code; an import that fails prints every problem.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from collectief.areas.lookup import resolve_area
from collectief.directory.hsds import FORMATS, export_hsds, import_hsds
from collectief.directory.models import (
    TARGET_GROUPS_TAXONOMY_ID,
    THEMES_TAXONOMY_ID,
    Service,
    TaxonomyTerm,
)
from collectief.directory.search import (
    DAY_SHORT,
    WHEN_TODAY,
    WHEN_WEEK,
    describe_when,
    search_services,
    with_display_data,
)
from collectief.directory.search.understand import understand
from collectief.directory.templatetags.sociale_kaart import cost_line, where_line
from collectief.lib.cli import BaseCommand
from collectief.lib.errors import ServiceError


class Command(BaseCommand):
    help = gettext_lazy("Import, export and search the sociale kaart (HSDS 3.1).")

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="import|export|search")

        imp = sub.add_parser(
            "import", help=_("Import an HSDS JSON file or CSV datapackage (zip).")
        )
        imp.add_argument("file", help=_("HSDS JSON file or zip with datapackage.json."))

        exp = sub.add_parser("export", help=_("Export the whole sociale kaart as HSDS."))
        exp.add_argument("--format", choices=FORMATS, default="hsds-json")
        exp.add_argument("-o", "--output", required=True, help=_("Output file, or - for stdout."))

        find = sub.add_parser("search", help=_("Search, as on the web page."))
        find.add_argument("query", nargs="?", default="", help=_("Search words (Dutch)."))
        find.add_argument(
            "--area", help=_("Name or CBS code of a gemeente, wijk or buurt (Kesteren, WK075806).")
        )
        find.add_argument(
            "--neighbours", action="store_true", help=_("Also the neighbouring areas.")
        )
        find.add_argument("--theme", help=_("Theme code, e.g. eenzaamheid."))
        find.add_argument("--target-group", help=_("Target group code, e.g. ouderen."))
        find.add_argument("--free", action="store_true", help=_("Only free activities."))
        find.add_argument("--no-referral", action="store_true", help=_("Only without referral."))
        find.add_argument(
            "--wheelchair", action="store_true", help=_("Only wheelchair accessible.")
        )
        find.add_argument("--day", choices=DAY_SHORT, help=_("Day of the week."))
        find.add_argument("--when", choices=(WHEN_TODAY, WHEN_WEEK), help=_("Today or this week."))
        find.add_argument("--limit", type=int, default=50, help=_("At most this many results."))
        find.add_argument("--format", choices=("text", "json"), default="text")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "import":
            self._import(Path(options["file"]))
        elif action == "export":
            self._export(options["format"], options["output"])
        else:
            self._search(options)

    # --- import / export --------------------------------------------------------------

    def _import(self, path: Path) -> None:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(
                _("Cannot read %(path)s: %(error)s.") % {"path": path, "error": exc.strerror}
            ) from exc
        result = import_hsds(data, path.name)
        if not result.ok:
            for problem in result.problems:
                self.stderr.write(str(problem))
            raise CommandError(str(result.summary()))
        self.stdout.write(str(result.summary()))
        for note in result.notes:
            self.stdout.write(str(note))

    def _export(self, fmt: str, output: str) -> None:
        if output == "-":
            count = export_hsds(fmt, sys.stdout.buffer)
            sys.stdout.buffer.flush()
            self.stderr.write(
                ngettext("%(count)s service exported.", "%(count)s services exported.", count)
                % {"count": count}
            )
            return
        target = Path(output)
        partial = target.with_name(target.name + ".part")
        try:
            with partial.open("wb") as out:
                count = export_hsds(fmt, out)
            partial.replace(target)
        except OSError as exc:
            partial.unlink(missing_ok=True)
            raise CommandError(
                _("Cannot write %(path)s: %(error)s.") % {"path": target, "error": exc.strerror}
            ) from exc
        self.stdout.write(
            ngettext(
                "%(count)s service exported to %(path)s (%(format)s).",
                "%(count)s services exported to %(path)s (%(format)s).",
                count,
            )
            % {"count": count, "path": target, "format": fmt}
        )

    # --- search -------------------------------------------------------------------------

    def _term(self, code: str | None, taxonomy_id: Any, what: str) -> str | None:
        if not code:
            return None
        if not TaxonomyTerm.objects.filter(taxonomy_detail_id=taxonomy_id, code=code).exists():
            known = ", ".join(
                TaxonomyTerm.objects.filter(taxonomy_detail_id=taxonomy_id).values_list(
                    "code", flat=True
                )
            )
            raise CommandError(
                _("Unknown %(what)s %(code)s. Known: %(known)s.")
                % {"what": what, "code": repr(code), "known": known}
            )
        return code

    def _search(self, options: dict[str, Any]) -> None:
        area = None
        if options["area"]:
            try:
                area = resolve_area(options["area"])
            except ServiceError as exc:
                raise CommandError(str(exc)) from exc
        if options["limit"] < 1:
            raise CommandError(_("--limit must be 1 or more."))
        # The words of the question fill the filters that were not given.
        meant = understand(options["query"])
        understood = meant.filters()
        if meant.ambiguous and area is None:
            place = meant.ambiguous[0]
            raise CommandError(
                _("'%(name)s' is more than one area: %(labels)s. Use --area with a code.")
                % {
                    "name": place.words,
                    "labels": ", ".join(f"{a.label} ({a.code})" for a in place.areas),
                }
            )
        results = search_services(
            meant.rest,
            area=area or understood.get("area"),
            include_neighbours=options["neighbours"],
            theme=self._term(options["theme"], THEMES_TAXONOMY_ID, _("theme"))
            or understood.get("theme"),
            target_group=self._term(
                options["target_group"], TARGET_GROUPS_TAXONOMY_ID, _("target group")
            )
            or understood.get("target_group"),
            day=options["day"] or understood.get("day"),
            when=options["when"] or understood.get("when"),
            free=options["free"] or bool(understood.get("free")),
            no_referral=options["no_referral"] or bool(understood.get("no_referral")),
            wheelchair=options["wheelchair"],
        )
        total = results.count()
        services = list(with_display_data(results)[: options["limit"]])
        if options["format"] == "json":
            payload = {"count": total, "results": [self._as_dict(s) for s in services]}
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        if total > len(services):
            self.stdout.write(
                _("%(total)s found, first %(shown)s:") % {"total": total, "shown": len(services)}
            )
        else:
            self.stdout.write(_("%(total)s found:") % {"total": total})
        for service in services:
            item = self._as_dict(service)
            self.stdout.write("")
            self.stdout.write(
                f"* {item['name']}"
                + (f" ({item['organization']})" if item["organization"] else "")
            )
            for label, key in ((_("When"), "when"), (_("Where"), "where"), (_("Cost"), "cost")):
                value = "; ".join(item[key]) if isinstance(item[key], list) else item[key]
                if value:
                    self.stdout.write(f"  {label}: {value}")
            self.stdout.write(
                "  " + (_("Referral: needed") if item["referral"] else _("Referral: not needed"))
            )

    def _as_dict(self, service: Service) -> dict[str, Any]:
        return {
            "id": str(service.pk),
            "name": service.name,
            "organization": service.organization.name if service.organization else "",
            "url": reverse("directory:service", args=[service.pk]),
            "themes": [t.code for t in service.themes],
            "target_groups": [t.code for t in service.target_groups],
            "when": describe_when(service),
            "where": where_line(service),
            "cost": str(cost_line(service)),
            "free": service.is_free,
            "referral": service.referral or None,
            "wheelchair_accessible": service.wheelchair_accessible,
        }

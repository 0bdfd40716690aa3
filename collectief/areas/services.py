"""Writes for areas: importing CBS region lists.

``import_areas`` is shared by the command line (``collectief areas import``),
the demo data and any later upload page. It is all-or-nothing: either every
row is valid and the whole file is written in one transaction, or nothing
changes and ``AreaImportError.problems`` lists every problem with its place
in the file.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from collectief.areas.boundaries import parse_boundaries
from collectief.areas.importing import Problem, RegionRow, UnreadableFileError, parse_region_file
from collectief.areas.models import Area, Boundary, build_lookup_names
from collectief.audit.services import record_event
from collectief.lib import cbs
from collectief.lib.errors import ServiceError

MIN_YEAR = 1990
MAX_YEAR = 2100
LEVEL_ORDER = (cbs.Level.GEMEENTE, cbs.Level.WIJK, cbs.Level.BUURT)


class AreaImportError(ServiceError):
    """The file was not imported; ``problems`` says why, row by row."""

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message, field="file")
        self.problems = problems or []

    def lines(self) -> list[str]:
        return [self.message, *(f"- {problem}" for problem in self.problems)]


@dataclass
class ImportResult:
    year: int
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    by_level: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged

    def summary(self) -> str:
        return _(
            "Areas read (indeling %(year)s): %(total)s. New: %(created)s; changed: "
            "%(updated)s; unchanged: %(unchanged)s; other regions skipped: %(skipped)s."
        ) % {
            "total": self.total,
            "year": self.year,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": self.skipped,
        }


def _check_year(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise AreaImportError(
            _("The year %(year)s is not possible. Use a year between %(min)s and %(max)s.")
            % {"year": year, "min": MIN_YEAR, "max": MAX_YEAR}
        )


def _decide_year(rows: list[RegionRow], year: int | None) -> int:
    if year is not None:
        _check_year(year)
        return year
    years = {row.year for row in rows if row.year is not None}
    if len(years) > 1:
        raise AreaImportError(
            _(
                "The file holds more than one year (%(years)s). Import one year at a time, "
                "or give the year with --year."
            )
            % {"years": ", ".join(str(y) for y in sorted(years))}
        )
    if not years:
        raise AreaImportError(
            _(
                "The file does not say which year the indeling is from. "
                "Give the year, for example: collectief areas import FILE --year 2024"
            )
        )
    found = years.pop()
    _check_year(found)
    return found


def _check_rows(rows: list[RegionRow]) -> list[Problem]:
    """Duplicates and parents, across the file and the database."""
    problems: list[Problem] = []
    first_seen: dict[str, RegionRow] = {}
    for row in rows:
        if row.code in first_seen:
            problems.append(
                Problem(
                    row.code_location,
                    _("%(code)s appears twice in the file (also at %(other)s).")
                    % {"code": row.code, "other": first_seen[row.code].location},
                )
            )
        else:
            first_seen[row.code] = row
    parent_codes = {cbs.parent_code(row.code) for row in rows} - {None} - set(first_seen)
    in_database = set(Area.objects.filter(code__in=parent_codes).values_list("code", flat=True))
    for row in rows:
        parent = cbs.parent_code(row.code)
        if parent is None or parent in first_seen or parent in in_database:
            continue
        problems.append(
            Problem(
                row.code_location,
                _(
                    "%(code)s is part of %(parent)s, but %(parent)s is not in the file and "
                    "not in the database. Add the %(level)s to the file, or import it first."
                )
                % {
                    "code": row.code,
                    "parent": parent,
                    "level": cbs.level_of(parent).value,
                },
            )
        )
    return problems


@transaction.atomic
def _write(rows: list[RegionRow], year: int, by: Any, filename: str) -> ImportResult:
    result = ImportResult(year=year)
    existing = {area.code: area for area in Area.objects.filter(code__in=[r.code for r in rows])}
    parent_codes = {cbs.parent_code(r.code) for r in rows} - {None}
    by_code: dict[str, Area] = {
        area.code: area for area in Area.objects.filter(code__in=parent_codes)
    }
    by_code.update(existing)
    touched_per_gemeente: Counter[str] = Counter()
    for level in LEVEL_ORDER:
        new: list[Area] = []
        changed: list[Area] = []
        for row in rows:
            if row.level is not level:
                continue
            parent_code = cbs.parent_code(row.code)
            parent = by_code[parent_code] if parent_code else None
            area = existing.get(row.code)
            if area is None:
                area = Area(
                    code=row.code,
                    name=row.name,
                    level=level.value,
                    parent=parent,
                    year=year,
                    woonplaats=row.woonplaats or "",
                    alternative_names=row.alternative_names or "",
                )
                area.lookup_names = build_lookup_names(area)
                new.append(area)
            elif (
                area.name,
                area.year,
                area.parent_id,
                area.woonplaats,
                area.alternative_names,
            ) != (
                row.name,
                year,
                parent.pk if parent else None,
                area.woonplaats if row.woonplaats is None else row.woonplaats,
                area.alternative_names if row.alternative_names is None else row.alternative_names,
            ):
                area.name, area.year, area.parent = row.name, year, parent
                if row.woonplaats is not None:
                    area.woonplaats = row.woonplaats
                if row.alternative_names is not None:
                    area.alternative_names = row.alternative_names
                area.lookup_names = build_lookup_names(area)
                changed.append(area)
            else:
                result.unchanged += 1
                continue
            touched_per_gemeente["GM" + row.code[2:6]] += 1
        Area.objects.bulk_create(new, batch_size=500)
        if new and new[0].pk is None:  # Backends without RETURNING: read the keys back.
            for area in Area.objects.filter(code__in=[a.code for a in new]):
                by_code[area.code] = area
        for area in new:
            if area.pk is not None:
                by_code[area.code] = area
        Area.objects.bulk_update(
            changed,
            ["name", "year", "parent", "woonplaats", "alternative_names", "lookup_names"],
            batch_size=500,
        )
        result.created += len(new)
        result.updated += len(changed)
        result.by_level[level.value] = sum(1 for r in rows if r.level is level)
    # One audit record per gemeente whose areas changed, not one per buurt.
    for gemeente_code, count in sorted(touched_per_gemeente.items()):
        gemeente = by_code.get(gemeente_code) or Area.objects.get(code=gemeente_code)
        record_event(
            "areas.import",
            gemeente,
            by=by,
            details={"file": filename, "year": year, "areas_written": count},
        )
    return result


@transaction.atomic
def import_areas(
    data: bytes, filename: str = "", *, year: int | None = None, by: Any = None
) -> ImportResult:
    """Import a CBS region list; all-or-nothing. Raise AreaImportError on any problem."""
    try:
        parsed = parse_region_file(data, filename)
    except UnreadableFileError as exc:
        raise AreaImportError(str(exc)) from exc
    problems = list(parsed.problems)
    problems += _check_rows(parsed.rows)
    if problems:
        raise AreaImportError(
            ngettext(
                "Nothing was imported: the file has %(count)s problem.",
                "Nothing was imported: the file has %(count)s problems.",
                len(problems),
            )
            % {"count": len(problems)},
            problems,
        )
    if not parsed.rows:
        raise AreaImportError(
            ngettext(
                "The file holds no gemeente, wijk or buurt (only %(skipped)s other region).",
                "The file holds no gemeente, wijk or buurt (only %(skipped)s other regions).",
                parsed.skipped,
            )
            % {"skipped": parsed.skipped}
        )
    chosen_year = _decide_year(parsed.rows, year)
    result = _write(parsed.rows, chosen_year, by, filename)
    result.skipped = parsed.skipped
    return result


@dataclass
class BoundaryResult:
    written: int = 0
    skipped: int = 0
    points_read: int = 0
    points_kept: int = 0
    system: str = ""

    def summary(self) -> str:
        return _(
            "Boundaries imported: %(written)s (coordinates: %(system)s; %(read)s points read, "
            "%(kept)s kept after simplifying). Areas of municipalities outside Collectief "
            "skipped: %(skipped)s."
        ) % {
            "written": self.written,
            "system": "RD New (EPSG:28992)" if self.system == "rd" else "WGS84",
            "read": self.points_read,
            "kept": self.points_kept,
            "skipped": self.skipped,
        }


@transaction.atomic
def import_boundaries(
    data: bytes, filename: str = "", *, by: Any = None, is_demo: bool = False
) -> BoundaryResult:
    """Import area boundaries from GeoJSON; all-or-nothing (AreaImportError with every problem).

    A feature of an area that is not in Collectief while its gemeente is, is
    a problem (the file belongs to another indeling); features of gemeenten
    that are not in Collectief are skipped and counted. Importing again
    replaces the boundary of the same area.
    """
    try:
        parsed = parse_boundaries(data)
    except UnreadableFileError as exc:
        raise AreaImportError(str(exc)) from exc
    problems = list(parsed.problems)
    codes = {row.code for row in parsed.rows}
    wanted = codes | {"GM" + code[2:6] for code in codes}
    areas = {a.code: a for a in Area.objects.filter(code__in=wanted)}
    seen: dict[str, str] = {}
    result = BoundaryResult(system=parsed.system)
    chosen = []
    for row in parsed.rows:
        if row.code in seen:
            problems.append(
                Problem(
                    row.location,
                    _("%(code)s appears twice in the file (also at %(other)s).")
                    % {"code": row.code, "other": seen[row.code]},
                )
            )
            continue
        seen[row.code] = row.location
        if row.code in areas:
            chosen.append(row)
        elif "GM" + row.code[2:6] in areas:
            problems.append(
                Problem(
                    row.location,
                    _(
                        "Area %(code)s is not in Collectief, but its municipality is. Import "
                        "the areas of the same indeling first (collectief areas import)."
                    )
                    % {"code": row.code},
                )
            )
        else:
            result.skipped += 1
    if problems:
        raise AreaImportError(
            ngettext(
                "Nothing was imported: the file has %(count)s problem.",
                "Nothing was imported: the file has %(count)s problems.",
                len(problems),
            )
            % {"count": len(problems)},
            problems,
        )
    if not chosen:
        raise AreaImportError(
            _("Nothing was imported: no feature is a gemeente, wijk or buurt in Collectief.")
        )
    per_gemeente: Counter[str] = Counter()
    for row in chosen:
        area = areas[row.code]
        Boundary.objects.update_or_create(
            area=area,
            defaults={
                "polygons": [
                    [[list(p) for p in ring] for ring in polygon] for polygon in row.polygons
                ],
                "points": row.points_kept,
                "source": filename[:200],
                "is_demo": is_demo,
            },
        )
        result.written += 1
        result.points_read += row.points_read
        result.points_kept += row.points_kept
        per_gemeente["GM" + row.code[2:6]] += 1
    for gemeente_code, count in sorted(per_gemeente.items()):
        gemeente = areas.get(gemeente_code) or Area.objects.get(code=gemeente_code)
        record_event(
            "areas.import_boundaries",
            gemeente,
            by=by,
            details={"file": filename, "boundaries": count, "demo": is_demo},
        )
    return result

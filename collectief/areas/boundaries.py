"""Read area boundaries from a GeoJSON FeatureCollection (``collectief areas import-boundaries``).

Each feature is matched to an area by its CBS code in one of the property
names CBS and PDOK use (``statcode``, ``wijkcode``, ``buurtcode``,
``gemeentecode``, ``WK_CODE``, ``BU_CODE``, ``GM_CODE``; case does not
matter). Geometries are ``Polygon`` or ``MultiPolygon``, with coordinates in
WGS84 degrees or in RD New metres (EPSG:28992, the CBS wijk- en buurtkaart):
which one is told by the size of the numbers, and RD is converted to WGS84
(``lib.geo``). Every ring is simplified (Douglas-Peucker) so that what is
stored stays small: a wijk map on a page needs no detail below about 20 m.

This module only parses; ``services.import_boundaries`` checks the codes
against the database and writes, all or nothing. Every problem names the
feature and the property: ``features[3].properties.statcode``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from collectief.areas.importing import MAX_PROBLEMS, Problem, UnreadableFileError
from collectief.lib import cbs, geo, reading

# Property names that hold the CBS code, in the order they are tried.
CODE_PROPERTIES = (
    "statcode",
    "wijkcode",
    "buurtcode",
    "gemeentecode",
    "wk_code",
    "bu_code",
    "gm_code",
    "code",
)
NAME_PROPERTIES = ("statnaam", "wijknaam", "buurtnaam", "gemeentenaam", "name", "naam")
# Douglas-Peucker tolerance in degrees: about 15 m north-south, 10 m east-west.
SIMPLIFY_DEGREES = 0.00015
# Stored coordinates are rounded to 5 decimals (about 1 m).
DECIMALS = 5
# A feature with more rings than this is not a wijk boundary.
MAX_RINGS = 500


@dataclass
class BoundaryRow:
    code: str
    location: str  # "features[3]"
    polygons: list[geo.Polygon]
    points_read: int
    name: str = ""

    @property
    def points_kept(self) -> int:
        return sum(len(ring) for polygon in self.polygons for ring in polygon)


@dataclass
class ParsedBoundaries:
    rows: list[BoundaryRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    system: str = ""  # "wgs84" or "rd"

    def add(self, location: str, message: str) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Problem(location, message))


def _code_of(properties: dict[str, Any]) -> tuple[str, str] | None:
    """(property name as in the file, value) of the first code property present."""
    by_lower = {str(k).lower(): k for k in properties}
    for name in CODE_PROPERTIES:
        if name in by_lower:
            key = by_lower[name]
            return str(key), str(properties[key] if properties[key] is not None else "")
    return None


def _name_of(properties: dict[str, Any]) -> str:
    by_lower = {str(k).lower(): k for k in properties}
    for name in NAME_PROPERTIES:
        if name in by_lower and isinstance(properties[by_lower[name]], str):
            return str(properties[by_lower[name]]).strip()[:120]
    return ""


def _ring(raw: Any) -> geo.Ring | None:
    if not isinstance(raw, list) or len(raw) < 4:
        return None
    points: geo.Ring = []
    for position in raw:
        if (
            not isinstance(position, list)
            or len(position) < 2
            or not all(
                isinstance(v, int | float) and not isinstance(v, bool) for v in position[:2]
            )
        ):
            return None
        points.append((float(position[0]), float(position[1])))
    return points


def _polygons(geometry: Any, where: str, parsed: ParsedBoundaries) -> list[geo.Polygon] | None:
    if not isinstance(geometry, dict):
        parsed.add(f"{where}.geometry", _("The feature has no geometry."))
        return None
    kind = geometry.get("type")
    coordinates = geometry.get("coordinates")
    if kind == "Polygon":
        raw_polygons = [coordinates]
    elif kind == "MultiPolygon" and isinstance(coordinates, list):
        raw_polygons = coordinates
    else:
        parsed.add(
            f"{where}.geometry.type",
            _("'%(type)s' is not a surface: only Polygon and MultiPolygon can be imported.")
            % {"type": str(kind)[:40]},
        )
        return None
    polygons: list[geo.Polygon] = []
    rings = 0
    for p, raw_polygon in enumerate(raw_polygons):
        if not isinstance(raw_polygon, list) or not raw_polygon:
            parsed.add(
                f"{where}.geometry.coordinates[{p}]",
                _("A polygon is a list of rings of coordinates."),
            )
            return None
        polygon: geo.Polygon = []
        for r, raw_ring in enumerate(raw_polygon):
            rings += 1
            ring = _ring(raw_ring)
            if ring is None:
                location = (
                    f"{where}.geometry.coordinates[{r}]"
                    if kind == "Polygon"
                    else f"{where}.geometry.coordinates[{p}][{r}]"
                )
                parsed.add(
                    location,
                    _(
                        "A ring needs at least 4 positions of two numbers each "
                        "(the first and last the same)."
                    ),
                )
                return None
            polygon.append(ring)
        polygons.append(polygon)
    if rings > MAX_RINGS:
        parsed.add(
            f"{where}.geometry",
            ngettext(
                "The feature has %(count)s ring; at most %(max)s are read.",
                "The feature has %(count)s rings; at most %(max)s are read.",
                rings,
            )
            % {"count": rings, "max": MAX_RINGS},
        )
        return None
    return polygons


def _points(polygons: list[geo.Polygon]) -> list[geo.Point]:
    return [point for polygon in polygons for ring in polygon for point in ring]


def _to_wgs84(polygons: list[geo.Polygon]) -> list[geo.Polygon]:
    return [[[geo.rd_to_wgs84(x, y) for x, y in ring] for ring in polygon] for polygon in polygons]


def _simplified(polygons: list[geo.Polygon]) -> list[geo.Polygon]:
    """Simplify and round; holes that vanish are dropped, and so are polygons without outline."""
    result: list[geo.Polygon] = []
    for polygon in polygons:
        outer = geo.simplify_ring(polygon[0], SIMPLIFY_DEGREES)
        if outer is None:
            continue
        kept = [outer]
        for hole in polygon[1:]:
            simple = geo.simplify_ring(hole, SIMPLIFY_DEGREES)
            if simple is not None:
                kept.append(simple)
        result.append(
            [[(round(x, DECIMALS), round(y, DECIMALS)) for x, y in ring] for ring in kept]
        )
    return result


def parse_boundaries(data: bytes) -> ParsedBoundaries:
    """Parse a GeoJSON FeatureCollection; problems per feature, never an exception per row."""
    try:
        document = reading.read_json(data)
    except reading.TableError as exc:
        raise UnreadableFileError(str(exc)) from exc
    if (
        not isinstance(document, dict)
        or document.get("type") != "FeatureCollection"
        or not isinstance(document.get("features"), list)
    ):
        raise UnreadableFileError(
            _(
                'The file is not a GeoJSON FeatureCollection: expected {"type": '
                '"FeatureCollection", "features": [...]}.'
            )
        )
    parsed = ParsedBoundaries()
    found: list[tuple[BoundaryRow, list[geo.Polygon]]] = []
    for index, feature in enumerate(document["features"]):
        where = f"features[{index}]"
        if not isinstance(feature, dict):
            parsed.add(where, _("Each feature must be an object."))
            continue
        properties = feature.get("properties")
        if not isinstance(properties, dict):
            parsed.add(f"{where}.properties", _("The feature has no properties."))
            continue
        code_property = _code_of(properties)
        if code_property is None:
            parsed.add(
                f"{where}.properties",
                _("No CBS code: give one of the properties %(names)s.")
                % {"names": ", ".join(CODE_PROPERTIES)},
            )
            continue
        key, raw_code = code_property
        code = cbs.normalise_code(raw_code)
        if not cbs.is_valid(code):
            parsed.add(
                f"{where}.properties.{key}",
                _("'%(value)s' is not a CBS code of a gemeente, wijk or buurt.")
                % {"value": raw_code.strip()[:40]},
            )
            continue
        polygons = _polygons(feature.get("geometry"), where, parsed)
        if polygons is None:
            continue
        found.append((BoundaryRow(code, where, [], 0, _name_of(properties)), polygons))
    _decide_system(found, parsed)
    # Even with problems the rows are made, so that the service can also report the
    # codes that are not in Collectief: every problem at once.
    for row, polygons in found:
        points = _points(polygons)
        row.points_read = len(points)
        wgs84 = _to_wgs84(polygons) if parsed.system == "rd" else polygons
        row.polygons = _simplified(wgs84)
        if not row.polygons:
            parsed.add(row.location, _("The shape is too small to draw."))
            continue
        parsed.rows.append(row)
    return parsed


def _decide_system(
    found: list[tuple[BoundaryRow, list[geo.Polygon]]], parsed: ParsedBoundaries
) -> None:
    """WGS84 or RD New, by the size of the numbers; one system for the whole file."""
    systems: dict[str, str] = {}
    for row, polygons in found:
        points = _points(polygons)
        if geo.looks_like_wgs84(points):
            systems[row.location] = "wgs84"
        elif geo.looks_like_rd(points):
            systems[row.location] = "rd"
        else:
            parsed.add(
                f"{row.location}.geometry.coordinates",
                _(
                    "The coordinates are neither WGS84 (degrees) nor RD New (EPSG:28992, "
                    "metres within the Netherlands)."
                ),
            )
    if len(set(systems.values())) > 1:
        first = next(iter(systems))
        other = next(loc for loc, s in systems.items() if s != systems[first])
        parsed.add(
            f"{other}.geometry.coordinates",
            _(
                "This feature is in %(this)s, but %(first)s is in %(that)s: use one coordinate "
                "system for the whole file."
            )
            % {
                "this": _system_name(systems[other]),
                "first": first,
                "that": _system_name(systems[first]),
            },
        )
    parsed.system = next(iter(systems.values()), "wgs84")


def _system_name(system: str) -> str:
    return _("RD New (metres)") if system == "rd" else _("WGS84 (degrees)")

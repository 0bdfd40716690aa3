"""The gemeente's wijken on a map, coloured by one theme of the heat table (issue 12 point 5).

Drawn on the server as SVG from the boundaries in ``areas.Boundary``. Each
wijk shows the same as its cell in the heat table, never by colour alone:

- the colour (orange higher, blue lower, grey "niet te zeggen", white no
  comparison) with a pattern on top (hatching for higher, dots for lower);
- the number "times as often" written in the wijk;
- a thick dashed outline where the cell is a gap ("kans voor collectief
  aanbod");
- each wijk is a link to its wijk page, reachable with the keyboard, whose
  name says the wijk, the number and the call.

The heat table stays beside the map, so everything on it is also in text.
Wijken without a boundary are named under the map.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from collectief.areas.models import Area, Boundary
from collectief.directory.models import TaxonomyTerm
from collectief.insights.heat import HeatCell, HeatTable
from collectief.insights.models import Indicator
from collectief.insights.ranking import spoken_name
from collectief.lib import geo, rates

WIDTH, HEIGHT, MARGIN = 480, 400, 12


@dataclass(frozen=True)
class MapArea:
    wijk: Area
    path: str
    label_x: float
    label_y: float
    number: str  # "1,8" or "–"
    kind: str  # "hoger", "lager", "unsure" or "none": the CSS class and the pattern
    gap: bool
    description: str  # the link's name: wijk, number, call and gap in words


@dataclass(frozen=True)
class Choropleth:
    theme: TaxonomyTerm
    indicator: Indicator
    year: int | None
    width: int
    height: int
    areas: list[MapArea]
    without_boundary: list[Area]
    is_demo: bool  # drawn from simplified demo shapes


def _shown_value(cell: HeatCell) -> float | None:
    """What the heat table writes in the cell: the smoothed ratio, else the ratio."""
    return None if cell.rank is None else cell.rank.shown_ratio


def _kind(cell: HeatCell) -> str:
    if cell.rank is None or _shown_value(cell) is None:
        return "none"
    return {rates.Call.HIGHER: "hoger", rates.Call.LOWER: "lager"}.get(cell.call, "unsure")


def _description(wijk: Area, cell: HeatCell, number: float | None) -> str:
    name = spoken_name(wijk)
    if number is None:
        text = _("%(wijk)s: no comparison (too few to compare, or no figures)") % {"wijk": name}
    else:
        text = _("%(wijk)s: %(number)s times as often as in the municipality, %(call)s") % {
            "wijk": name,
            "number": number_format(number, 1),
            "call": cell.call,
        }
    if cell.gap:
        text += "; " + _("opportunity for collective provision")
    return text


def build_choropleth(table: HeatTable, theme_code: str = "") -> Choropleth | None:
    """The map of one theme column (the first when ``theme_code`` is not a column).

    None when the table has no columns or no wijk has a boundary.
    """
    if not table.columns or not table.rows:
        return None
    codes = [theme.code for theme, _indicator in table.columns]
    index = codes.index(theme_code) if theme_code in codes else 0
    theme, indicator = table.columns[index]
    boundaries = {
        b.area_id: b for b in Boundary.objects.filter(area__in=[row.wijk for row in table.rows])
    }
    if not boundaries:
        return None
    shapes: dict[int, list[geo.Polygon]] = {
        area_id: [[[(p[0], p[1]) for p in ring] for ring in polygon] for polygon in b.polygons]
        for area_id, b in boundaries.items()
    }
    project = geo.Projection.fit(
        [polygon for polygons in shapes.values() for polygon in polygons], WIDTH, HEIGHT, MARGIN
    )
    areas: list[MapArea] = []
    without: list[Area] = []
    for row in sorted(table.rows, key=lambda r: r.wijk.name):
        polygons = shapes.get(row.wijk.pk)
        if not polygons:
            without.append(row.wijk)
            continue
        cell = row.cells[index]
        value = _shown_value(cell)
        # The label goes in the largest polygon's centre.
        largest = max(polygons, key=lambda p: geo.ring_area(p[0]))
        label_x, label_y = project(geo.centroid(largest[0][:-1] or largest[0]))
        areas.append(
            MapArea(
                wijk=row.wijk,
                path=project.path(polygons),
                label_x=label_x,
                label_y=label_y,
                number="–" if value is None else number_format(value, 1),
                kind=_kind(cell),
                gap=cell.gap,
                description=_description(row.wijk, cell, value),
            )
        )
    return Choropleth(
        theme=theme,
        indicator=indicator,
        year=table.years.get(indicator.pk),
        width=WIDTH,
        height=HEIGHT,
        areas=areas,
        without_boundary=without,
        is_demo=any(b.is_demo for b in boundaries.values()),
    )

"""Demo areas: the gemeenten and wijken of the initiatives in the magazine.

The list ships as a StatLine-style CSV (collectief/areas/data/demo_areas.csv)
and goes through the same import service as a real CBS file, so the demo
also exercises the importer. docs/areas.md says where each code comes from.
"""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from django.utils.translation import ngettext

from collectief.areas.services import import_areas, import_boundaries

DATA = Path(__file__).resolve().parent / "data"
DEMO_FILE = DATA / "demo_areas.csv"
# Simplified shapes drawn by hand for the demo wijken, not CBS boundaries: one file
# in RD New (Utrecht) and one in WGS84 (the others), so the demo uses both readers.
DEMO_BOUNDARIES = [DATA / "demo_boundaries_rd.geojson", DATA / "demo_boundaries_wgs84.geojson"]
# The codes match the CBS indeling of the years around 2021 (see docs/areas.md).
DEMO_YEAR = 2021


def load_demo(stdout: TextIO) -> None:
    result = import_areas(DEMO_FILE.read_bytes(), DEMO_FILE.name, year=DEMO_YEAR, by=None)
    stdout.write(
        ngettext(
            "Demo: %(count)d area (%(new)d new).",
            "Demo: %(count)d areas (%(new)d new).",
            result.total,
        )
        % {"count": result.total, "new": result.created}
        + "\n"
    )
    written = 0
    for path in DEMO_BOUNDARIES:
        written += import_boundaries(path.read_bytes(), path.name, by=None, is_demo=True).written
    stdout.write(
        ngettext(
            "Demo: %(count)d wijk outline (simplified, drawn by hand, not CBS).",
            "Demo: %(count)d wijk outlines (simplified, drawn by hand, not CBS).",
            written,
        )
        % {"count": written}
        + "\n"
    )

"""Demo areas: the gemeenten and wijken of the initiatives in the magazine.

The list ships as a StatLine-style CSV (collectief/areas/data/demo_areas.csv)
and goes through the same import service as a real CBS file, so the demo
also exercises the importer. docs/areas.md says where each code comes from.
"""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from django.utils.translation import ngettext

from collectief.areas.services import import_areas

DEMO_FILE = Path(__file__).resolve().parent / "data" / "demo_areas.csv"
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

"""collectief areas import-boundaries: GeoJSON in WGS84 or RD New, all or nothing."""

from __future__ import annotations

import io
import json
import math
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from collectief.areas import demo
from collectief.areas.models import Area, Boundary
from collectief.areas.services import AreaImportError, import_boundaries
from collectief.audit.models import AuditEvent
from collectief.lib import geo

pytestmark = pytest.mark.django_db

OUDE_STAD = [[4.63, 52.38], [4.64, 52.38], [4.64, 52.39], [4.63, 52.39], [4.63, 52.38]]
ZIJLWEG = [[4.61, 52.38], [4.62, 52.38], [4.62, 52.39], [4.61, 52.39], [4.61, 52.38]]


def feature(properties: dict[str, Any], coordinates: Any, kind: str = "Polygon") -> dict[str, Any]:
    return {
        "type": "Feature",
        "properties": properties,
        "geometry": {"type": kind, "coordinates": coordinates},
    }


def collection(*features: dict[str, Any]) -> bytes:
    return json.dumps({"type": "FeatureCollection", "features": list(features)}).encode()


def test_wgs84_polygon_and_multipolygon_are_stored_per_area(haarlem: dict[str, Area]) -> None:
    data = collection(
        feature({"statcode": "WK039201", "statnaam": "Oude Stad"}, [OUDE_STAD]),
        feature({"WK_CODE": "WK039203  "}, [[ZIJLWEG], [OUDE_STAD]], "MultiPolygon"),
    )
    result = import_boundaries(data, "wijken.geojson", by=None)
    assert result.written == 2
    assert result.system == "wgs84"
    oude_stad = Boundary.objects.get(area=haarlem["oude_stad"])
    assert oude_stad.polygons == [[OUDE_STAD]]
    assert oude_stad.source == "wijken.geojson"
    assert not oude_stad.is_demo
    assert len(Boundary.objects.get(area=haarlem["zijlweg"]).polygons) == 2
    assert AuditEvent.objects.filter(action="areas.import_boundaries").count() == 1


def test_rd_new_coordinates_are_converted_to_wgs84(haarlem: dict[str, Area]) -> None:
    # A square of 1 km around the Westertoren, in RD New metres.
    x, y = 120_700.723, 487_525.501
    square = [[x, y], [x + 1000, y], [x + 1000, y + 1000], [x, y + 1000], [x, y]]
    result = import_boundaries(collection(feature({"wijkcode": "WK039201"}, [square])), by=None)
    assert result.system == "rd"
    ring = Boundary.objects.get(area=haarlem["oude_stad"]).polygons[0][0]
    assert ring[0] == pytest.approx([4.88353, 52.37453], abs=1e-5)
    assert all(4.8 < lon < 4.91 and 52.3 < lat < 52.39 for lon, lat in ring)


def test_detailed_outlines_are_simplified(haarlem: dict[str, Area]) -> None:
    # A circle of about 1 km with 5,000 points.
    circle = [
        [
            4.63 + 0.015 * math.cos(2 * math.pi * i / 5000),
            52.38 + 0.009 * math.sin(2 * math.pi * i / 5000),
        ]
        for i in range(5000)
    ]
    result = import_boundaries(
        collection(feature({"statcode": "WK039201"}, [[*circle, circle[0]]])), by=None
    )
    assert result.points_read == 5001
    stored = Boundary.objects.get(area=haarlem["oude_stad"])
    assert 8 < stored.points < 80
    assert stored.points == result.points_kept
    # Still the same shape: the area within 5 % of the full circle's.
    full = geo.ring_area([tuple(p) for p in circle])
    kept = geo.ring_area([tuple(p) for p in stored.polygons[0][0]])
    assert kept == pytest.approx(full, rel=0.05)


def test_importing_again_replaces_the_boundary(haarlem: dict[str, Area]) -> None:
    import_boundaries(collection(feature({"statcode": "WK039201"}, [OUDE_STAD])), by=None)
    import_boundaries(collection(feature({"statcode": "WK039201"}, [ZIJLWEG])), by=None)
    assert Boundary.objects.count() == 1
    assert Boundary.objects.get().polygons == [[ZIJLWEG]]


def test_areas_of_other_gemeenten_are_skipped(haarlem: dict[str, Area]) -> None:
    result = import_boundaries(
        collection(
            feature({"statcode": "WK039201"}, [OUDE_STAD]),
            feature({"statcode": "WK075806"}, [ZIJLWEG]),
        ),
        by=None,
    )
    assert (result.written, result.skipped) == (1, 1)


def problems_of(data: bytes) -> str:
    with pytest.raises(AreaImportError) as caught:
        import_boundaries(data, by=None)
    return "\n".join(caught.value.lines())


@pytest.mark.usefixtures("haarlem")
def test_every_bad_feature_is_named_and_nothing_is_written() -> None:
    message = problems_of(
        collection(
            feature({"statcode": "WK039201"}, [OUDE_STAD]),
            feature({"statnaam": "zonder code"}, [OUDE_STAD]),
            feature({"buurtcode": "XX12"}, [OUDE_STAD]),
            feature({"statcode": "WK039203"}, [4.6, 52.3], "Point"),
            feature({"statcode": "WK039299"}, [OUDE_STAD]),
            feature({"statcode": "WK039203"}, [[[4.6, 52.3], [4.7, 52.3]]]),
        )
    )
    assert message.startswith("Er is niets ingelezen: het bestand heeft 5 problemen.")
    assert "features[1].properties: Geen CBS-code" in message
    assert "features[2].properties.buurtcode: 'XX12' is geen CBS-code" in message
    assert "features[3].geometry.type: 'Point' is geen vlak" in message
    assert "features[4]: Gebied WK039299 staat niet in Collectief" in message
    assert "features[5].geometry.coordinates[0]: Een ring heeft ten minste 4 posities" in message
    assert not Boundary.objects.exists()


@pytest.mark.usefixtures("haarlem")
def test_mixed_or_unknown_coordinate_systems_are_refused() -> None:
    rd = [[120_000, 487_000], [121_000, 487_000], [121_000, 488_000], [120_000, 487_000]]
    mercator = [
        [515_000, 6_870_000],
        [516_000, 6_870_000],
        [516_000, 6_871_000],
        [515_000, 6_870_000],
    ]
    message = problems_of(
        collection(
            feature({"statcode": "WK039201"}, [OUDE_STAD]),
            feature({"statcode": "WK039203"}, [rd]),
            feature({"statcode": "BU03920301"}, [mercator]),
        )
    )
    assert "features[2].geometry.coordinates: De coördinaten zijn geen WGS84" in message
    assert "features[1].geometry.coordinates: Dit object is in RD New" in message
    assert not Boundary.objects.exists()


@pytest.mark.usefixtures("haarlem")
def test_a_file_that_is_not_a_feature_collection_is_refused() -> None:
    assert "geen GeoJSON FeatureCollection" in problems_of(b'{"type": "Feature"}')
    assert "geen geldige JSON" in problems_of(b"<kml/>")
    assert "twee keer" in problems_of(
        collection(
            feature({"statcode": "WK039201"}, [OUDE_STAD]),
            feature({"statcode": "WK039201"}, [OUDE_STAD]),
        )
    )
    assert not Boundary.objects.exists()


def test_cli_imports_and_reports_in_dutch(haarlem: dict[str, Area], tmp_path: Path) -> None:
    good = tmp_path / "wijken.geojson"
    good.write_bytes(collection(feature({"GM_CODE": "GM0392"}, [OUDE_STAD])))
    out = io.StringIO()
    call_command("areas", "import-boundaries", str(good), stdout=out)
    assert "Grenzen ingelezen: 1" in out.getvalue()
    bad = tmp_path / "fout.geojson"
    bad.write_bytes(collection(feature({"statcode": "WK039201"}, [1, 2], "LineString")))
    with pytest.raises(CommandError, match=r"features\[0\]\.geometry\.type"):
        call_command("areas", "import-boundaries", str(bad), stdout=io.StringIO())
    with pytest.raises(CommandError, match="niet lezen"):
        call_command("areas", "import-boundaries", str(tmp_path / "nope.geojson"))


def test_demo_outlines_load_for_every_demo_wijk_and_are_marked() -> None:
    demo.load_demo(io.StringIO())
    demo.load_demo(io.StringIO())
    wijken = Area.objects.filter(level=Area.Level.WIJK)
    boundaries = Boundary.objects.filter(area__in=wijken)
    assert boundaries.count() == wijken.count()
    assert all(b.is_demo for b in boundaries)
    zuidwest = Boundary.objects.get(area__code="WK034408").polygons[0][0]
    # Drawn in RD New, stored in WGS84: south-west of the centre of Utrecht.
    assert all(5.07 < lon < 5.13 and 52.05 < lat < 52.1 for lon, lat in zuidwest)


def test_cli_refuses_a_300_mb_file_by_its_size_before_reading(
    haarlem: dict[str, Area], tmp_path: Path
) -> None:
    big = tmp_path / "heel-nederland.geojson"
    with big.open("wb") as handle:
        handle.truncate(300 * 1024 * 1024)  # sparse: nothing is written or read
    with pytest.raises(CommandError, match="is 300 MB; GeoJSON-bestanden tot 30 MB"):
        call_command("areas", "import-boundaries", str(big), stdout=io.StringIO())
    assert not Boundary.objects.exists()

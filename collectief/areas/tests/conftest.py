from __future__ import annotations

import pytest

from collectief.areas.models import Area


@pytest.fixture
def haarlem(db: None) -> dict[str, Area]:
    """Haarlem with two wijken and one buurt."""
    gemeente = Area.objects.create(code="GM0392", name="Haarlem", level="gemeente", year=2024)
    oude_stad = Area.objects.create(
        code="WK039201", name="Oude Stad", level="wijk", parent=gemeente, year=2024
    )
    zijlweg = Area.objects.create(
        code="WK039203", name="Zijlwegkwartier", level="wijk", parent=gemeente, year=2024
    )
    buurt = Area.objects.create(
        code="BU03920301", name="Garenkokerskwartier", level="buurt", parent=zijlweg, year=2024
    )
    return {"gemeente": gemeente, "oude_stad": oude_stad, "zijlweg": zijlweg, "buurt": buurt}

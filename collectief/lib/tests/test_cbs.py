from __future__ import annotations

import pytest

from collectief.lib import cbs


@pytest.mark.parametrize(
    ("code", "level"),
    [
        ("GM0392", cbs.Level.GEMEENTE),
        ("WK039201", cbs.Level.WIJK),
        ("WK0363AF", cbs.Level.WIJK),
        ("BU03920102", cbs.Level.BUURT),
        ("BU0363AF03", cbs.Level.BUURT),
    ],
)
def test_level_of_valid_codes(code: str, level: cbs.Level) -> None:
    assert cbs.level_of(code) is level
    assert cbs.is_valid(code)


@pytest.mark.parametrize(
    "code",
    ["", "GM392", "GM03921", "gm0392", "WK03920", "WK0392011", "BU039201", "XX0392", "NL00"],
)
def test_invalid_codes(code: str) -> None:
    assert not cbs.is_valid(code)
    with pytest.raises(cbs.InvalidCode):
        cbs.level_of(code)


def test_normalise_strips_odata_padding_and_upper_cases() -> None:
    assert cbs.normalise_code("WK039201  ") == "WK039201"
    assert cbs.normalise_code(" gm0392 ") == "GM0392"


def test_parent_code_is_derived_from_the_code() -> None:
    assert cbs.parent_code("BU03920102") == "WK039201"
    assert cbs.parent_code("BU0363AF03") == "WK0363AF"
    assert cbs.parent_code("WK039201") == "GM0392"
    assert cbs.parent_code("GM0392") is None


def test_parent_code_of_invalid_code_raises() -> None:
    with pytest.raises(cbs.InvalidCode):
        cbs.parent_code("WK12")


def test_other_regions_are_recognised() -> None:
    for code in ("NL00", "NL01", "PV27", "LD03", "CR17"):
        assert cbs.is_other_region(code)
        assert not cbs.is_area_code_like(code)
    assert not cbs.is_other_region("GM0392")
    assert not cbs.is_other_region("hello")


def test_claimed_level_looks_at_the_prefix_only() -> None:
    assert cbs.claimed_level("GM12") is cbs.Level.GEMEENTE
    assert cbs.claimed_level("WKxx") is cbs.Level.WIJK
    assert cbs.claimed_level("BU") is cbs.Level.BUURT
    assert cbs.claimed_level("NL00") is None


def test_level_from_region_type() -> None:
    assert cbs.level_from_region_type("Gemeente ") is cbs.Level.GEMEENTE
    assert cbs.level_from_region_type("wijk") is cbs.Level.WIJK
    assert cbs.level_from_region_type("Buurt    ") is cbs.Level.BUURT
    assert cbs.level_from_region_type("Land") is None


@pytest.mark.parametrize(
    ("text", "year"),
    [("2024", 2024), ("2023JJ00", 2023), (" 2022jj00 ", 2022), ("x", None), ("", None)],
)
def test_year_from_period(text: str, year: int | None) -> None:
    assert cbs.year_from_period(text) == year

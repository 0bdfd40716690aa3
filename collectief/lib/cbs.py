"""CBS region codes (gemeente, wijk, buurt): validation and hierarchy.

CBS codes are GM + 4 digits for a gemeente, WK + the gemeente's 4 digits +
2 characters for a wijk, and BU + the wijk's 6 characters + 2 more for a
buurt. Since 2022 the last positions may hold capital letters as well as
digits, so the patterns allow both.
"""

from __future__ import annotations

import re
from enum import StrEnum

_PATTERNS = {
    "gemeente": re.compile(r"GM\d{4}"),
    "wijk": re.compile(r"WK\d{4}[0-9A-Z]{2}"),
    "buurt": re.compile(r"BU\d{4}[0-9A-Z]{4}"),
}


class Level(StrEnum):
    GEMEENTE = "gemeente"
    WIJK = "wijk"
    BUURT = "buurt"


class InvalidCode(ValueError):  # noqa: N818 - reads better as cbs.InvalidCode.  # noqa: N818 - public name used by other apps
    pass


def normalise_code(raw: str) -> str:
    """Strip the padding CBS OData uses ("WK039201  ") and upper-case."""
    return raw.strip().upper()


def level_of(code: str) -> Level:
    """Return the level of a valid code, or raise InvalidCode."""
    for level, pattern in _PATTERNS.items():
        if pattern.fullmatch(code):
            return Level(level)
    raise InvalidCode(code)


def is_valid(code: str) -> bool:
    try:
        level_of(code)
    except InvalidCode:
        return False
    return True


def parent_code(code: str) -> str | None:
    """The code of the area that contains this one, derived from the code."""
    level = level_of(code)
    if level is Level.BUURT:
        return "WK" + code[2:8]
    if level is Level.WIJK:
        return "GM" + code[2:6]
    return None


# Prefixes of CBS region codes that are not gemeente, wijk or buurt: the
# country (NL00/NL01), provinces (PV), landsdelen (LD), COROP regions (CR) and
# the like. Region lists from StatLine mix them in; importers skip them.
AREA_PREFIXES = ("GM", "WK", "BU")
_OTHER_REGION = re.compile(r"[A-Z]{2}\d{2,4}")

_REGION_TYPES = {
    "gemeente": Level.GEMEENTE,
    "wijk": Level.WIJK,
    "buurt": Level.BUURT,
}

EXAMPLES = {
    Level.GEMEENTE: "GM0392",
    Level.WIJK: "WK039201",
    Level.BUURT: "BU03920102",
}


def is_area_code_like(code: str) -> bool:
    """True when the code claims to be a gemeente, wijk or buurt (it may still be invalid)."""
    return code.startswith(AREA_PREFIXES)


def is_other_region(code: str) -> bool:
    """True for codes of regions that are not areas here (NL00, PV27, ...)."""
    return not is_area_code_like(code) and bool(_OTHER_REGION.fullmatch(code))


def claimed_level(code: str) -> Level | None:
    """The level the prefix claims, whether or not the rest of the code is valid."""
    prefix = code[:2]
    for level, example in EXAMPLES.items():
        if example.startswith(prefix):
            return level
    return None


def level_from_region_type(text: str) -> Level | None:
    """Map StatLine's "Soort regio" ("Gemeente ", "Wijk", "Buurt") to a level."""
    return _REGION_TYPES.get(text.strip().lower())


_PERIOD = re.compile(r"(\d{4})(?:JJ\d\d)?")


def year_from_period(text: str) -> int | None:
    """The year in a StatLine period ("2023", "2023JJ00"), or None."""
    match = _PERIOD.fullmatch(text.strip().upper())
    return int(match.group(1)) if match else None

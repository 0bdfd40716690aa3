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


class InvalidCode(ValueError):
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

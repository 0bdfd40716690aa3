"""Reading numbers and dates from the query string of a web page.

Every page that reads ``?page=``, ``?vraag=``, ``?van=`` and the like goes
through these helpers, so that a value nobody could mean (a negative page,
``999…`` with twenty digits, ``2024-02-31``) is answered with the Dutch
"something is wrong with this address" page (400) instead of a server
error deep in the database layer: SQLite refuses integers above 2⁶³ and
PostgreSQL above 2³¹ in an ``IN`` list, long before a view could notice.

``BadRequest`` is Django's own exception for this; its handler renders
``400.html`` (problem details under ``/api/``).
"""

from __future__ import annotations

import datetime
import re

from django.core.exceptions import BadRequest
from django.core.paginator import Page, Paginator
from django.http import HttpRequest

# The largest value of a 32-bit integer column (PostgreSQL ``integer``):
# every id and number in the database fits, and no larger value can match.
MAX_INT = 2**31 - 1

# Larger page numbers show the last page, as Paginator.get_page does; the
# cap keeps the number small before it is multiplied into an offset.
MAX_PAGE = 1_000_000

# Twelve digits are more than any valid value needs; longer text is refused
# before int() spends time on it.
_WHOLE = re.compile(r"-?[0-9]{1,12}")


def _text(request: HttpRequest, name: str) -> str:
    return request.GET.get(name, "").strip()


def int_param(
    request: HttpRequest,
    name: str,
    default: int | None = None,
    *,
    minimum: int = 1,
    maximum: int = MAX_INT,
) -> int | None:
    """``?name=`` as a whole number from ``minimum`` to ``maximum``.

    Missing or empty gives ``default``; anything else that is not such a
    number raises ``BadRequest`` (a 400 page).
    """
    return parse_int(_text(request, name), name, default, minimum=minimum, maximum=maximum)


def parse_int(
    text: str | None,
    name: str,
    default: int | None = None,
    *,
    minimum: int = 1,
    maximum: int = MAX_INT,
) -> int | None:
    """``text`` as in :func:`int_param`, for a value that did not come from the query string."""
    text = (text or "").strip()
    if not text:
        return default
    if not _WHOLE.fullmatch(text):
        raise BadRequest(f"{name} is not a whole number")
    value = int(text)
    if not minimum <= value <= maximum:
        raise BadRequest(f"{name} is out of range")
    return value


def page_number(request: HttpRequest, name: str = "page") -> int:
    """``?page=`` from 1; larger than any page clamps to ``MAX_PAGE`` (the last page)."""
    text = _text(request, name)
    if not text:
        return 1
    if not text.isascii() or not text.isdigit():
        raise BadRequest(f"{name} is not a page number")
    # Many digits mean "very far": clamp without converting them all.
    value = MAX_PAGE if len(text) > 12 else min(int(text), MAX_PAGE)
    if value < 1:
        raise BadRequest(f"{name} is not a page number")
    return value


def get_page(request: HttpRequest, paginator: Paginator, name: str = "page") -> Page:
    """The page asked for in ``?page=``; past the end shows the last page."""
    return paginator.get_page(page_number(request, name))


def date_param(
    request: HttpRequest, name: str, default: datetime.date | None = None
) -> datetime.date | None:
    """``?name=YYYY-MM-DD`` as a date; an impossible date raises ``BadRequest``."""
    text = _text(request, name)
    if not text:
        return default
    try:
        return datetime.date.fromisoformat(text)
    except ValueError as exc:
        raise BadRequest(f"{name} is not a date") from exc

"""Find areas by the names people use: "Kesteren", "Haagse Beemden", "WK075806".

Every area keeps its names (CBS name, alternative names, code) normalised in
``Area.lookup_names`` ("|breda noord west|haagse beemden|wk075806|"), so a
name is one ``LIKE '%|name|%'`` over the areas table, the same on SQLite and
PostgreSQL. :func:`resolve_area` is what forms, the API and the CLI call;
:func:`find_places` finds the place names inside a question;
:func:`search_areas` is the search box of the areas list, the API's ``q`` and
the wijkbeeld.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import reduce
from operator import or_
from typing import Any, TypeVar

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from collectief.areas.models import Area, normalise_name
from collectief.lib import cbs
from collectief.lib.errors import ServiceError

LEVEL_RANK = {Area.Level.BUURT: 0, Area.Level.WIJK: 1, Area.Level.GEMEENTE: 2}
# Any queryset of areas, annotated or not; the search keeps its type.
AreasT = TypeVar("AreasT", bound=QuerySet[Any])
# A longer search is cut, never an error (the areas list, the API, the wijkbeeld).
MAX_QUERY_LENGTH = 100
# A place name in a question is at most this many words ("Breda noord west").
MAX_NAME_WORDS = 4


class AreaNotFoundError(ServiceError):
    """No area has this name or code; the message is for the user."""


class AmbiguousAreaError(ServiceError):
    """More than one area has this name; ``candidates`` lists them."""

    def __init__(self, message: str, candidates: list[Area]) -> None:
        super().__init__(message)
        self.candidates = candidates


def areas_named(name: str) -> list[Area]:
    """Every area whose name, alternative name or code is ``name`` (buurten first)."""
    key = normalise_name(name)
    if not key:
        return []
    found = Area.objects.filter(lookup_names__contains=f"|{key}|").select_related(
        "parent", "parent__parent"
    )
    return sorted(found, key=lambda a: (LEVEL_RANK[Area.Level(a.level)], a.name, a.code))


def search_areas(areas: AreasT, text: str) -> AreasT:
    """The areas whose name, alternative name or code contains ``text`` (issue 12 point 6).

    One definition for every search box, so the areas list, the API and the
    wijkbeeld find the same areas: part of the CBS name as typed, the start of
    a code ("WK0758"), or part of any name in ``lookup_names``, where accents,
    punctuation and CBS's "Wijk 05 " do not matter ("noord-west" finds "Noord
    West", "Haagse Beemden" finds Breda noord-west). Empty text finds nothing.
    """
    text = (text or "").strip()
    if not text:
        return areas.none()
    matches = Q(name__icontains=text) | Q(code__startswith=cbs.normalise_code(text))
    key = normalise_name(text)
    if key:
        matches |= Q(lookup_names__contains=key)
    return areas.filter(matches)


def _ambiguous(text: str, candidates: list[Area]) -> AmbiguousAreaError:
    labels = ", ".join(f"{a.label} ({a.code})" for a in candidates[:8])
    return AmbiguousAreaError(
        _("There are %(count)s areas called '%(name)s': %(labels)s. Choose one by its code.")
        % {"count": len(candidates), "name": text, "labels": labels},
        candidates,
    )


def narrow(candidates: list[Area], within: list[Area]) -> list[Area]:
    """Of the candidates, those inside one of ``within`` (a gemeente named in the same question)."""
    inside = [a for a in candidates if any(w.pk in _chain(a) for w in within)]
    return inside or candidates


def _chain(area: Area) -> set[int]:
    ids = {area.pk}
    parent = area.parent
    while parent is not None:
        ids.add(parent.pk)
        parent = parent.parent
    return ids


def resolve_area(text: str) -> Area:
    """The one area meant by a code or a name; raise AreaNotFoundError or AmbiguousAreaError.

    "Kesteren (Breda)" or "Kesteren, Breda" chooses the Kesteren in Breda.
    """
    text = (text or "").strip()
    code = cbs.normalise_code(text)
    if cbs.is_valid(code):
        area = Area.objects.filter(code=code).first()
        if area is not None:
            return area
    name, _sep, within_name = text.replace("(", ",").rstrip(")").partition(",")
    candidates = areas_named(name)
    if within_name.strip():
        candidates = narrow(candidates, areas_named(within_name))
    if not candidates:
        raise AreaNotFoundError(
            _(
                "No area called '%(name)s' is known. Use the name of a gemeente, wijk or buurt, or its CBS code."
            )
            % {"name": text}
        )
    exact = [a for a in candidates if normalise_name(a.name) == normalise_name(name)]
    if len(candidates) > 1 and len(exact) == 1:
        return exact[0]
    if len(candidates) > 1:
        raise _ambiguous(text, candidates)
    return candidates[0]


@dataclass
class PlaceMatch:
    """A place name found in a question: the words, and the areas it can mean."""

    words: str
    start: int
    end: int  # word positions [start, end)
    areas: list[Area] = field(default_factory=list)


def find_places(words: list[str]) -> list[PlaceMatch]:
    """The place names among the (lower-case) words of a question, longest first.

    One query for every phrase of one to MAX_NAME_WORDS words; a shorter
    phrase inside a longer match is not a second place.
    """
    phrases: dict[str, tuple[int, int]] = {}
    for start in range(len(words)):
        for end in range(start + 1, min(len(words), start + MAX_NAME_WORDS) + 1):
            phrase = normalise_name(" ".join(words[start:end]))
            if len(phrase) >= 3 and phrase not in phrases:
                phrases[phrase] = (start, end)
    if not phrases:
        return []
    condition = reduce(or_, (Q(lookup_names__contains=f"|{p}|") for p in phrases))
    areas = list(Area.objects.filter(condition).select_related("parent", "parent__parent"))
    matches: list[PlaceMatch] = []
    for phrase, (start, end) in phrases.items():
        named = [a for a in areas if f"|{phrase}|" in a.lookup_names]
        if named:
            named.sort(key=lambda a: (LEVEL_RANK[Area.Level(a.level)], a.name, a.code))
            matches.append(PlaceMatch(phrase, start, end, named))
    matches.sort(key=lambda m: (-(m.end - m.start), m.start))
    taken: set[int] = set()
    kept: list[PlaceMatch] = []
    for match in matches:
        span = set(range(match.start, match.end))
        if span & taken:
            continue
        taken |= span
        kept.append(match)
    return sorted(kept, key=lambda m: m.start)

"""Understand a question as people type it: places, days, "gratis", themes.

"is er iets voor eenzame ouderen in Kesteren op dinsdag, gratis en zonder
verwijzing?" becomes the filters theme=eenzaamheid, target group=ouderen,
area=Kesteren, day=dinsdag, free, no referral — and no words left for the
full-text match. :func:`understand` returns what it understood (so the page
can say "Gezocht op: eenzaamheid · Kesteren · dinsdag · gratis" and let you
remove each), the filters, and the words it did not understand, which go to
the full-text search as before.

Theme and target-group words match by their Snowball stem, so "eenzame",
"eenzaam" and "eenzaamheid" all mean the theme Eenzaamheid, whatever the
database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from collectief.areas.lookup import PlaceMatch, find_places, narrow
from collectief.areas.models import Area
from collectief.directory.models import TARGET_GROUPS_TAXONOMY_ID, THEMES_TAXONOMY_ID, TaxonomyTerm
from collectief.directory.search.fulltext import _WORD, DUTCH_STOP_WORDS, dutch_stem
from collectief.directory.search.query import TARGET_GROUP_EVERYONE, WHEN_TODAY
from collectief.directory.search.schedules import DAY_SHORT, day_name, parse_day

# The order of "Gezocht op: eenzaamheid · Kesteren · dinsdag · gratis".
DISPLAY_ORDER = ("thema", "doelgroep", "gebied", "dag", "wanneer", "gratis", "zonder_verwijzing")
# Words that only make the question a sentence ("welke activiteiten zijn er").
FILLER_WORDS = frozenset(
    [
        "welke",
        "waar",
        "wanneer",
        "activiteit",
        "activiteiten",
        "aanbod",
        "plek",
        "plekken",
        "plekje",
        "zoek",
        "zoeken",
        "ik",
        "zoek",
        "graag",
        "ergens",
        "mogelijk",
        "mogelijkheden",
        "buurt",
        "wijk",
    ]
)
FREE_WORDS = frozenset({"gratis", "kosteloos", "kostenloos", "free"})
# Two-word phrases meaning "no referral needed".
NO_REFERRAL_PHRASES = (
    ("zonder", "verwijzing"),
    ("zonder", "indicatie"),
    ("zonder", "aanmelding"),
    ("geen", "verwijzing"),
    ("geen", "indicatie"),
)
TODAY_WORDS = frozenset({"vandaag"})
# Words people use for a theme or target group besides the words of its name
# (the names come from the taxonomy, so a renamed term still matches).
THEME_SYNONYMS: dict[str, tuple[str, ...]] = {
    "eenzaamheid": ("eenzaam",),
    "geldzorgen-en-schulden": ("geld", "schuld", "armoede", "rondkomen", "financien", "budget"),
    "opvoeden-en-opgroeien": ("opvoeding", "opgroeien"),
    "psychische-gezondheid": ("psychisch", "ggz", "somber"),
    "wonen": ("woning", "woonruimte"),
    "taal-en-digitale-vaardigheden": ("taal", "computer", "digitaal", "nederlands", "internet"),
    "werk-en-dagbesteding": ("werk", "dagbesteding", "baan"),
    "mantelzorg": ("mantelzorger",),
    "ontmoeting": ("ontmoeten",),
    "gezondheid-en-bewegen": ("gezond", "bewegen", "sport", "sporten"),
    "veiligheid": ("veilig",),
    "leefbaarheid-en-groen": ("groen", "tuin", "tuinieren"),
}
TARGET_SYNONYMS: dict[str, tuple[str, ...]] = {
    "ouderen": ("oudere", "senioren", "senior", "65plussers"),
    "jeugd": ("kinderen", "kind", "jongeren", "jongere", "jeugd", "tieners"),
    "nieuwkomers": ("nieuwkomer", "statushouders", "vluchtelingen"),
    "mensen-met-een-beperking": ("beperking", "gehandicapt", "handicap"),
    "mensen-met-psychische-kwetsbaarheid": ("kwetsbaarheid", "kwetsbaar"),
    "mensen-met-weinig-geld": ("minima",),
}
# Words that are part of a name but say too little on their own.
_WEAK_STEMS = {dutch_stem(w) for w in ("mensen", "met", "een", "weinig", "digitale")}


@dataclass
class Understood:
    """One thing understood from the question, as a filter of the search form."""

    field: str  # the form field it sets: gebied, thema, doelgroep, dag, wanneer, gratis, ...
    value: str  # the value of that field
    label: str  # what the page shows: "eenzaamheid", "Kesteren", "dinsdag"
    words: tuple[str, ...]  # the words of the question it came from


@dataclass
class Understanding:
    understood: list[Understood] = field(default_factory=list)
    rest: str = ""  # the words left for the full-text match
    # A place name that fits more than one area: which one did you mean?
    ambiguous: list[PlaceMatch] = field(default_factory=list)
    area: Area | None = None

    def filters(self) -> dict[str, Any]:
        """The keyword arguments of search_services() for what was understood."""
        result: dict[str, Any] = {}
        for item in self.understood:
            if item.field == "gebied":
                result["area"] = self.area
            elif item.field == "thema":
                result["theme"] = item.value
            elif item.field == "doelgroep":
                result["target_group"] = item.value
            elif item.field == "dag":
                result["day"] = item.value
            elif item.field == "wanneer":
                result["when"] = item.value
            elif item.field == "gratis":
                result["free"] = True
            elif item.field == "zonder_verwijzing":
                result["no_referral"] = True
        return result


def _term_index(
    taxonomy_id: Any, synonyms: dict[str, tuple[str, ...]]
) -> tuple[dict[str, tuple[str, str]], dict[str, tuple[str, str]]]:
    """(word -> term, stem -> term) for the words of every term's name and its synonyms.

    The exact word first: "ouders" and "ouderen" share the stem "ouder".
    """
    terms = list(TaxonomyTerm.objects.filter(taxonomy_detail_id=taxonomy_id).order_by("order"))
    exact: dict[str, tuple[str, str]] = {}
    index: dict[str, tuple[str, str]] = {}
    for term in terms:
        if term.code == TARGET_GROUP_EVERYONE:
            continue
        words = _WORD.findall(term.name.lower()) + list(synonyms.get(term.code, ()))
        for word in words:
            stem = dutch_stem(word)
            if word in DUTCH_STOP_WORDS or stem in _WEAK_STEMS or len(stem) < 3:
                continue
            exact.setdefault(word, (term.code, term.name.lower()))
            index.setdefault(stem, (term.code, term.name.lower()))
    return exact, index


def understand(question: str) -> Understanding:
    """What the question asks for, as filters, and the words left over."""
    words = _WORD.findall((question or "").lower())
    result = Understanding()
    used: set[int] = set()

    def take(positions: range | list[int], item: Understood) -> None:
        used.update(positions)
        if not any(u.field == item.field for u in result.understood):
            result.understood.append(item)

    for i, word in enumerate(words):
        if i + 1 < len(words) and (word, words[i + 1]) in NO_REFERRAL_PHRASES:
            take(
                [i, i + 1],
                Understood(
                    "zonder_verwijzing", "1", _("no referral needed"), (word, words[i + 1])
                ),
            )
        elif word in FREE_WORDS:
            take([i], Understood("gratis", "1", _("free"), (word,)))
        elif word in TODAY_WORDS:
            take([i], Understood("wanneer", WHEN_TODAY, _("today"), (word,)))
        else:
            day = _day(word)
            if day is not None:
                take([i], Understood("dag", DAY_SHORT[day], day_name(day), (word,)))
    _places(words, used, result)
    for taxonomy_id, synonyms, field_name in (
        (THEMES_TAXONOMY_ID, THEME_SYNONYMS, "thema"),
        (TARGET_GROUPS_TAXONOMY_ID, TARGET_SYNONYMS, "doelgroep"),
    ):
        exact, index = _term_index(taxonomy_id, synonyms)
        for i, word in enumerate(words):
            if i in used or any(u.field == field_name for u in result.understood):
                continue
            found = exact.get(word) or index.get(dutch_stem(word))
            if found is not None:
                take([i], Understood(field_name, found[0], found[1], (word,)))
    result.understood.sort(key=lambda u: DISPLAY_ORDER.index(u.field))
    rest = [
        w
        for i, w in enumerate(words)
        if i not in used and w not in DUTCH_STOP_WORDS and w not in FILLER_WORDS
    ]
    result.rest = " ".join(rest)
    return result


def _day(word: str) -> int | None:
    """A weekday from "dinsdag", "dinsdags" or "dinsdagochtend" (not from "di" alone)."""
    if len(word) < 5:
        return None
    for suffix in ("", "s", "en", "ochtend", "middag", "avond", "morgen"):
        if suffix and not word.endswith(suffix):
            continue
        stem = word[: len(word) - len(suffix)] if suffix else word
        try:
            return parse_day(stem)
        except ValueError:
            continue
    return None


def _places(words: list[str], used: set[int], result: Understanding) -> None:
    """Place names: the most specific area wins; a gemeente named too narrows the choice."""
    free = [w if i not in used else "\x00" for i, w in enumerate(words)]
    matches = [m for m in find_places(free) if "\x00" not in m.words]
    if not matches:
        return
    gemeenten = [a for m in matches for a in m.areas if a.level == Area.Level.GEMEENTE]
    for match in matches:
        match.areas = narrow(match.areas, gemeenten) if len(match.areas) > 1 else match.areas
    # The most specific place (a buurt before its gemeente); the others are context.
    matches.sort(key=lambda m: min(_depth(a) for a in m.areas), reverse=True)
    chosen = matches[0]
    for match in matches:
        used.update(range(match.start, match.end))
    if len(chosen.areas) > 1:
        result.ambiguous.append(chosen)
        return
    area = chosen.areas[0]
    result.area = area
    result.understood.append(
        Understood("gebied", area.code, area.name, tuple(words[chosen.start : chosen.end]))
    )


def _depth(area: Area) -> int:
    return {Area.Level.GEMEENTE: 0, Area.Level.WIJK: 1, Area.Level.BUURT: 2}[
        Area.Level(area.level)
    ]

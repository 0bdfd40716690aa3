"""Dutch personal details that deduce misses, found with patterns and checksums.

Pure functions, no Django: ``find_spans(text)`` returns the spans with
their tag, ``redact_patterns(text)`` replaces them. Numbers with a check
digit are validated (BSN: 11-proef; IBAN: mod-97), so an ordinary amount
or year is left alone; any other long number (dossier, client, meter
numbers) still goes, as ``[NUMMER]``, because it can point at a person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NAME = "NAAM"
ADDRESS = "ADRES"
BSN = "BSN"
PHONE = "TELEFOON"
EMAIL = "EMAIL"
IBAN = "IBAN"
POSTCODE = "POSTCODE"
PLATE = "KENTEKEN"
DATE = "DATUM"
NUMBER = "NUMMER"
AGE = "LEEFTIJD"
URL = "URL"


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    tag: str


# --- numbers with a check -------------------------------------------------


def is_bsn(digits: str) -> bool:
    """The 11-proef of the burgerservicenummer (8 digits get a leading zero)."""
    if len(digits) == 8:
        digits = "0" + digits
    if len(digits) != 9 or not digits.isdigit() or digits == "000000000":
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True))
    total -= int(digits[8])
    return total % 11 == 0


def is_iban(text: str) -> bool:
    """ISO 13616 mod-97 check."""
    compact = re.sub(r"[\s.-]", "", text).upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{10,30}", compact):
        return False
    rearranged = compact[4:] + compact[:4]
    number = "".join(str(int(ch, 36)) for ch in rearranged)
    return int(number) % 97 == 1


# --- the patterns ---------------------------------------------------------

_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"]+", re.IGNORECASE)
_IBAN = re.compile(r"\b[A-Za-z]{2}\d{2}(?:[ .-]?[A-Za-z0-9]{4}){2,7}(?:[ .-]?[A-Za-z0-9]{1,3})?\b")
# An NL account number in IBAN shape is redacted even with a typo in it.
_NL_IBAN_SHAPE = re.compile(r"NL\d{2}[A-Z]{4}\d{10}")

_PHONE = re.compile(
    r"(?<![\w+])"
    r"(?:"
    r"(?:\+|00)\s?31[\s-]?(?:\(0\)[\s-]?)?\d(?:[\s.-]?\d){8}"  # +31 6 12345678
    r"|\(0\d{2,3}\)[\s-]?\d(?:[\s.-]?\d){5,6}"  # (036) 123 45 67
    r"|0\d(?:[\s.-]?\d){8}"  # 06-12345678, 036 123 4567
    r")"
    r"(?!\d)"
)
# Groups of digits written with separators (123.456.782, 123 456 782) or plain.
_NUMBER = re.compile(
    r"(?<![\w.,-])\d{2,4}(?:[ .]\d{2,4}){1,3}(?![\w,-]|\.\d)|(?<![\w.,])\d{6,}(?![\w,]|\.\d)"
)

_POSTCODE = re.compile(r"\b[1-9]\d{3}(?:\s?(?!SA|SD|SS)[A-Z]{2}|(?!sa|sd|ss)[a-z]{2})\b")

_SIDECODES = (
    r"[A-Z]{2}-\d{2}-\d{2}",
    r"\d{2}-\d{2}-[A-Z]{2}",
    r"\d{2}-[A-Z]{2}-\d{2}",
    r"[A-Z]{2}-\d{2}-[A-Z]{2}",
    r"[A-Z]{2}-[A-Z]{2}-\d{2}",
    r"\d{2}-[A-Z]{2}-[A-Z]{2}",
    r"\d{2}-[A-Z]{3}-\d",
    r"\d-[A-Z]{3}-\d{2}",
    r"[A-Z]{2}-\d{3}-[A-Z]",
    r"[A-Z]-\d{3}-[A-Z]{2}",
    r"[A-Z]{3}-\d{2}-[A-Z]",
    r"[A-Z]-\d{2}-[A-Z]{3}",
    r"\d-[A-Z]{2}-\d{3}",
    r"\d{3}-[A-Z]{2}-\d",
)
_PLATE_DASHED = re.compile(r"(?<![\w-])(?:" + "|".join(_SIDECODES) + r")(?![\w-])", re.IGNORECASE)
# Without dashes only in capitals, with letters and digits mixed ("GH123K").
_PLATE_PLAIN = re.compile(
    r"(?<![\w-])(?=[A-Z0-9]{6}(?![\w-]))(?=[A-Z0-9]*\d)(?=[A-Z0-9]*[A-Z])(?:"
    + "|".join(code.replace("-", "") for code in _SIDECODES)
    + r")(?![\w-])"
)
_PLATE_WORD = re.compile(r"\bkenteken(?:nummer)?\s*:?\s*([A-Za-z0-9-]{4,9})\b", re.IGNORECASE)

_MONTHS = (
    r"(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
    r"|jan|feb|febr|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec)\.?"
)
_DATE = re.compile(
    r"\b(?:\d{1,2}[-/.]\d{1,2}[-/.](?:19|20)?\d{2}"
    r"|(?:19|20)\d{2}-\d{1,2}-\d{1,2}"
    r"|\d{1,2}\s+" + _MONTHS + r"\s+(?:19|20)\d{2})\b",
    re.IGNORECASE,
)
_BIRTH = re.compile(
    r"\b(?:geboren|geb\.|geboortedatum|geboortejaar|gebdatum|geb\.datum)\s*(?:op|in|:)?\s*"
    r"(\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|\d{1,2}\s+" + _MONTHS + r"(?:\s+\d{4})?|(?:19|20)\d{2})",
    re.IGNORECASE,
)
_AGE_EXACT = re.compile(r"\b(?:9\d|1[01]\d)[\s-]?(?:jaar|jarige?)\b", re.IGNORECASE)

_STREET_SUFFIXES = (
    "straat|laan|weg|plein|gracht|kade|singel|dijk|steeg|dreef|plantsoen|markt|baan|"
    "ring|wal|dam|boulevard|promenade|allee|hof|pad|erf|haven|park|oord|hage|zoom|"
    "kwartier|veld|burcht|hoek|wetering|vaart|stede|gaarde|passage|poort|werf|tuin|straatje"
)
# A street word written on its own after a prefix: "Nieuwe Gracht", "Oude Dijk".
_CAPITAL_TAILS = "traat|aan|eg|lein|racht|ade|ingel|ijk|teeg|reef|arkt|aven|al|am|of|ark|ingel"
_STREET_PREFIX_WORDS = (
    "van|de|der|den|het|ter|ten|te|op|in|'t|’t|la|le|du|St\\.|Sint|Burg\\.|Dr\\.|Mr\\.|Prof\\."
)
# Capitalised words that start a sentence or name a place, not a street.
_NOT_STREET_START = _words(
    """
    Bij In Op Aan Naar Van Uit Via Langs Voor Achter Over Met Rond Om Tegenover Tussen
    Onder Boven Door Na Sinds Tot Vanaf Vanuit Richting Ze Zij Hij Het De Een Die Dat Deze
    Mevrouw Meneer Familie Bewoner Bewoners Buurvrouw Buurman Moeder Vader Zoon Dochter
    Gezin Man Vrouw Jongen Meisje Woont Wonen Woonde Ook En Maar Want Dus Er Hier Daar
    Wijkteam Huisarts Wijkagent Corporatie Verhuurder Gemeente Buurt Wijk Almere Utrecht
    """
)
_STREET = re.compile(
    r"(?<![\w-])"
    r"((?:[A-Z][\w'’.-]*\s+(?:(?:" + _STREET_PREFIX_WORDS + r")\s+)*){0,3}"
    r"(?:[A-Z][\w'’-]*?(?:" + _STREET_SUFFIXES + r")|[A-Z](?:" + _CAPITAL_TAILS + r"))"
    r"|[a-z][\w'’-]*?(?:straat|laan|weg|plein|gracht|kade|singel|dijk|steeg|dreef))"
    r"(\s+\d{1,4}(?:\s?[a-zA-Z](?![\w]))?(?:\s?[-/]\s?\d{1,4}[a-zA-Z]?)?"
    r"(?:[\s-]?(?:hoog|bis|huis|boven|beneden|zw|rd))?)?"
    r"(?![\w-])"
)
_HOUSE_NUMBER = re.compile(
    r"\b(?:(?:huis)?(?:nummer|nr\.?|no\.?)|portiek)\s*\d{1,4}(?:\s?[a-zA-Z](?!\w))?(?:\s?[-/]\s?\d{1,4})?(?!\w)",
    re.IGNORECASE,
)

_PARTICLES = (
    r"(?:(?i:van|de|der|den|het|ter|ten|te|la|le|da|di|el|al|von|ben|bin|abu)\s+|[dD]'|'t\s+)"
)
_SURNAME = r"[A-Z][a-zà-ÿ'’]+(?:-[A-Z][a-zà-ÿ'’]+)?"
_TITLE = re.compile(
    r"\b(?i:mevr\.?|mevrouw|mw\.?|mvr\.?|dhr\.?|de heer|heer|meneer|mr\.|dr\.|fam\.?|familie|"
    r"juf|juffrouw|meester|mijnheer|zuster|broeder|oom|tante|opa|oma)\s+"
    r"((?:[A-Z]\.\s?){0,4}"
    + _PARTICLES
    + r"*"
    + _SURNAME
    + r"(?:\s+"
    + _PARTICLES
    + r"*"
    + _SURNAME
    + r")?)"
)
_INITIALS = re.compile(
    r"(?<![\w.])((?:[A-Z]\.\s?){1,4}(?:[A-Z]\s)?\s?" + _PARTICLES + r"*" + _SURNAME + r")"
)


def _add(spans: list[Span], start: int, end: int, tag: str) -> None:
    spans.append(Span(start, end, tag))


def _title_spans(text: str, spans: list[Span]) -> None:
    for match in _TITLE.finditer(text):
        name = match.group(1)
        # "mevrouw van het buurthuis", "familie heeft" — the first word after
        # the title must be capitalised (or an initial) to be a name.
        first = name.split()[0]
        if not (first[:1].isupper() or re.match(r"(?:van|de|der|den|ter|ten)$", first)):
            continue
        words = name.split()
        if all(w.lower() in _PARTICLE_WORDS for w in words[:-1]) and not words[-1][:1].isupper():
            continue
        if not any(w[:1].isupper() for w in words):
            continue
        _add(spans, match.start(1), match.end(1), NAME)


_PARTICLE_WORDS = _words("van de der den het ter ten te la le da di el al von")


def find_spans(text: str) -> list[Span]:
    """Every personal detail the patterns find, possibly overlapping."""
    spans: list[Span] = []
    for match in _EMAIL.finditer(text):
        _add(spans, match.start(), match.end(), EMAIL)
    for match in _URL.finditer(text):
        _add(spans, match.start(), match.end(), URL)
    for match in _IBAN.finditer(text):
        compact = re.sub(r"[\s.-]", "", match.group()).upper()
        if is_iban(compact) or _NL_IBAN_SHAPE.fullmatch(compact):
            _add(spans, match.start(), match.end(), IBAN)
    for match in _PHONE.finditer(text):
        _add(spans, match.start(), match.end(), PHONE)
    for match in _BIRTH.finditer(text):
        _add(spans, match.start(1), match.end(1), DATE)
    for match in _DATE.finditer(text):
        _add(spans, match.start(), match.end(), DATE)
    for match in _POSTCODE.finditer(text):
        _add(spans, match.start(), match.end(), POSTCODE)
    for pattern in (_PLATE_DASHED, _PLATE_PLAIN):
        for match in pattern.finditer(text):
            _add(spans, match.start(), match.end(), PLATE)
    for match in _PLATE_WORD.finditer(text):
        if re.search(r"\d", match.group(1)) and re.search(r"[A-Za-z]", match.group(1)):
            _add(spans, match.start(1), match.end(1), PLATE)
    for match in _NUMBER.finditer(text):
        digits = re.sub(r"\D", "", match.group())
        if len(digits) in (8, 9) and is_bsn(digits):
            _add(spans, match.start(), match.end(), BSN)
        elif len(digits) >= 6:
            _add(spans, match.start(), match.end(), NUMBER)
    for match in _STREET.finditer(text):
        street = match.group(1)
        first = street.split()[0]
        if first in _NOT_STREET_START:
            # Drop the leading sentence word(s) and keep the rest as the street.
            offset = match.start(1)
            words = street.split()
            while len(words) > 1 and (
                words[0] in _NOT_STREET_START or words[0] in _PARTICLE_WORDS
            ):
                offset = text.index(words[1], offset + len(words[0]))
                words = words[1:]
            start = offset
        else:
            start = match.start(1)
        # A bare lowercase word ("snelweg", "leefbaarheid") is a street only with a number.
        if street[:1].islower() and not match.group(2):
            continue
        bare = text[start : match.end(1)]
        if not match.group(2) and bare.lower() in _COMMON_NOUNS:
            continue
        _add(spans, start, match.end(), ADDRESS)
    for match in _HOUSE_NUMBER.finditer(text):
        _add(spans, match.start(), match.end(), ADDRESS)
    _title_spans(text, spans)
    for match in _INITIALS.finditer(text):
        _add(spans, match.start(1), match.end(1), NAME)
    for match in _AGE_EXACT.finditer(text):
        _add(spans, match.start(), match.end(), AGE)
    return spans


# Capitalised at the start of a sentence, but not a street on their own.
_COMMON_NOUNS = _words(
    """
    buurthuis speeltuin park markt weg hof haven ring baan dijk dam wal pad erf tuin
    moestuin buurttuin volkstuin winkelcentrum stadspark speelplein schoolplein parkeerterrein
    """
)


# Tags that win when spans overlap: the more specific one.
_PRIORITY = {
    EMAIL: 9,
    URL: 9,
    IBAN: 8,
    BSN: 8,
    PHONE: 8,
    PLATE: 7,
    POSTCODE: 7,
    DATE: 6,
    ADDRESS: 5,
    NUMBER: 4,
    NAME: 3,
    AGE: 2,
}


def merge_spans(spans: list[Span]) -> list[Span]:
    """Overlapping spans become one, with the tag of the most specific part."""
    merged: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if merged and span.start < merged[-1].end:
            last = merged[-1]
            tag = (
                last.tag if _PRIORITY.get(last.tag, 0) >= _PRIORITY.get(span.tag, 0) else span.tag
            )
            merged[-1] = Span(last.start, max(last.end, span.end), tag)
        else:
            merged.append(span)
    return merged


def apply_spans(text: str, spans: list[Span]) -> str:
    parts: list[str] = []
    position = 0
    for span in merge_spans(spans):
        parts.append(text[position : span.start])
        parts.append(f"[{span.tag}]")
        position = span.end
    parts.append(text[position:])
    return "".join(parts)


def redact_patterns(text: str) -> str:
    return apply_spans(text, find_spans(text))

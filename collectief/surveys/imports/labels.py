"""Normalise answer labels and column headers from other survey tools.

Exports from Google Forms, Microsoft Forms, LimeSurvey and KoboToolbox spell
the same answer in many ways ("Helemaal mee eens", "helemaal eens",
"Helemaal  eens!", "5"). Everything here is pure Python so that it can be
tested without a database.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

# Scale values of a Likert-5 statement: 1 = helemaal mee oneens … 5 = helemaal mee eens.
DONT_KNOW = "dont_know"

_PUNCTUATION = re.compile(r"[^\w\s]", re.UNICODE)
_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Lower case, no accents, punctuation as spaces, single spaces.

    "Niet eens/niet oneens" → "niet eens niet oneens"; "Café  Één!" → "cafe een".
    """
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _PUNCTUATION.sub(" ", text.lower()).replace("_", " ")
    return _SPACES.sub(" ", text).strip()


def _keys(*variants: str) -> list[str]:
    return [normalise(v) for v in variants]


# Every spelling maps to a scale value 1-5 or to DONT_KNOW. Spellings are
# normalised first, so "Helemaal mee eens!" and "helemaal mee-eens" both match.
LIKERT5_VARIANTS: dict[str, int | str] = {}
for _value, _spellings in (
    (
        5,
        _keys(
            "Helemaal mee eens",
            "Helemaal eens",
            "Zeer eens",
            "Volledig mee eens",
            "Helemaal wel",
            "Strongly agree",
        ),
    ),
    (4, _keys("Mee eens", "Eens", "Agree", "Wel mee eens")),
    (
        3,
        _keys(
            "Neutraal",
            "Niet eens/niet oneens",
            "Niet eens niet oneens",
            "Niet mee eens/niet mee oneens",
            "Niet mee eens, niet mee oneens",
            "Niet eens, niet oneens",
            "Eens noch oneens",
            "Neutraal / geen mening",
            "Geen mening",
            "Neither agree nor disagree",
            "Neutral",
        ),
    ),
    (
        2,
        _keys(
            "Oneens",
            "Mee oneens",
            "Niet mee eens",
            "Niet eens",
            "Disagree",
        ),
    ),
    (
        1,
        _keys(
            "Helemaal oneens",
            "Helemaal mee oneens",
            "Helemaal niet mee eens",
            "Helemaal niet eens",
            "Zeer oneens",
            "Volledig mee oneens",
            "Strongly disagree",
        ),
    ),
    (
        DONT_KNOW,
        _keys(
            "Weet ik niet",
            "Weet niet",
            "Weet ik niet / n.v.t.",
            "Weet niet / n.v.t.",
            "n.v.t.",
            "nvt",
            "Niet van toepassing",
            "Geen antwoord",
            "Don't know",
            "Dont know",
            "Not applicable",
            "N/A",
            "dk",
            "wn",
            "nvt",
        ),
    ),
):
    for _key in _spellings:
        LIKERT5_VARIANTS[_key] = _value
for _digit in range(1, 6):
    LIKERT5_VARIANTS[str(_digit)] = _digit

YES_NO_VARIANTS: dict[str, str] = {}
for _code, _spellings in (
    ("yes", _keys("Ja", "Yes", "J", "Y", "1", "Waar", "True")),
    ("no", _keys("Nee", "No", "N", "0", "Niet waar", "False")),
):
    for _key in _spellings:
        YES_NO_VARIANTS[_key] = _code


def likert_value(label: str) -> int | str | None:
    """1-5, DONT_KNOW, or None when the label is not a known Likert answer."""
    key = normalise(label)
    if not key:
        return None
    if key in LIKERT5_VARIANTS:
        return LIKERT5_VARIANTS[key]
    # "5 - Helemaal mee eens", "Helemaal mee eens (5)": a digit plus a label.
    match = re.fullmatch(r"([1-5]) (.+)|(.+) ([1-5])", key)
    if match:
        digit = match.group(1) or match.group(4)
        rest = match.group(2) or match.group(3)
        value = LIKERT5_VARIANTS.get(rest)
        if value == int(digit):
            return value
    return None


def yes_no_value(label: str) -> str | None:
    return YES_NO_VARIANTS.get(normalise(label))


# Metadata columns of the four tools; they are skipped without a warning.
METADATA_HEADERS = frozenset(
    normalise(h)
    for h in (
        # Google Forms (Dutch and English).
        "Tijdstempel",
        "Timestamp",
        "E-mailadres",
        "Email address",
        "Email Address",
        "Score",
        "Punten",
        # Microsoft Forms.
        "ID",
        "Id",
        "Start time",
        "Completion time",
        "Email",
        "E-mail",
        "Name",
        "Naam",
        "Last modified time",
        "Begintijd",
        "Starttijd",
        "Tijd van voltooien",
        "Voltooiingstijd",
        "Tijdstip van laatste wijziging",
        "Laatst gewijzigd",
        # LimeSurvey.
        "Response ID",
        "submitdate",
        "Date submitted",
        "Datum verstuurd",
        "lastpage",
        "Last page",
        "Laatste pagina",
        "startlanguage",
        "Start language",
        "Starttaal",
        "seed",
        "Seed",
        "startdate",
        "Date started",
        "Startdatum",
        "datestamp",
        "Date last action",
        "Datum laatste actie",
        "refurl",
        "ipaddr",
        "token",
        "interviewtime",
        "Total time",
        # KoboToolbox.
        "start",
        "end",
        "today",
        "deviceid",
        "username",
        "phonenumber",
        "audit",
        "_id",
        "_uuid",
        "_submission_time",
        "_validation_status",
        "_notes",
        "_status",
        "_submitted_by",
        "__version__",
        "_version_",
        "_tags",
        "_index",
        "_parent_index",
        "_parent_table_name",
        "_attachments",
        "_geolocation",
        "_xform_id_string",
        "_duration",
        "meta/instanceID",
        "meta/rootUuid",
        "meta/deprecatedID",
        "instanceID",
    )
) | frozenset(("id",))


def is_metadata_header(header: str) -> bool:
    if normalise(header) in METADATA_HEADERS:
        return True
    raw = header.strip().lower()
    # Kobo's own underscore columns and LimeSurvey timing columns ("groupTime12",
    # "Q1Time", "Group time: Buurt", "Question time: Q1").
    return raw.startswith(("_", "grouptime", "group time", "question time"))


@dataclass(frozen=True)
class QuestionKey:
    """What the header matcher needs to know about a question."""

    code: str
    text: str
    section_text: str = ""


_BRACKETS = re.compile(r"^(?P<before>.*?)\s*\[(?P<inside>[^\[\]]*)\]\s*$", re.DOTALL)
# LimeSurvey "Question code & question text" headers: "Q01. Ik ken …" or "G01Q01 - …".
_CODE_PREFIX = re.compile(r"^(?P<code>[A-Za-z_][\w.\-]*)\s*(?:\.|:| - )\s*(?P<text>.+)$")


def header_candidates(header: str) -> list[str]:
    """Ways a header may name a question: as is, its grid row, its group path.

    - Google Forms grids: "Door de activiteiten … [ken ik andere buurtbewoners]".
    - LimeSurvey arrays: "Q1[SQ001]" and "Q01. question text".
    - KoboToolbox: "groep/vraag" (group hierarchy in the header).
    """
    header = header.strip()
    candidates = [header]
    match = _BRACKETS.match(header)
    if match:
        before, inside = match.group("before").strip(), match.group("inside").strip()
        candidates += [inside, f"{before} {inside}", before]
        # LimeSurvey array: "Q1[SQ001]" → the subquestion code may be "Q1_SQ001".
        candidates.append(f"{before}_{inside}")
    if "/" in header and " " not in header:
        candidates.append(header.rsplit("/", 1)[1])
    prefix = _CODE_PREFIX.match(header)
    if prefix:
        candidates += [prefix.group("code"), prefix.group("text")]
    return candidates


def match_headers(
    headers: Iterable[str], questions: Iterable[QuestionKey]
) -> tuple[dict[str, str], list[str], list[str]]:
    """Match headers to question codes.

    Returns (header → question code, unmatched headers, skipped metadata headers).
    A code matches exactly (case-insensitive); a text matches after
    normalisation. The first header that matches a question wins; a second
    header for the same question is reported as unmatched.
    """
    questions = list(questions)
    by_code = {q.code.lower(): q.code for q in questions}
    by_text: dict[str, str] = {}
    for q in questions:
        by_text.setdefault(normalise(q.text), q.code)
        if q.section_text:
            by_text.setdefault(normalise(f"{q.section_text} {q.text}"), q.code)
    mapping: dict[str, str] = {}
    used: set[str] = set()
    unmatched: list[str] = []
    metadata: list[str] = []
    for header in headers:
        if is_metadata_header(header):
            metadata.append(header)
            continue
        code = None
        for candidate in header_candidates(header):
            code = by_code.get(candidate.lower()) or by_text.get(normalise(candidate))
            if code:
                break
        if code and code not in used:
            mapping[header] = code
            used.add(code)
        else:
            unmatched.append(header)
    return mapping, unmatched, metadata

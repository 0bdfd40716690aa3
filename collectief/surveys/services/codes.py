"""Question codes: readable, unique within a survey, validated."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from django.utils.translation import gettext as _

from collectief.lib.errors import ServiceError
from collectief.surveys.models import (
    Survey,
)

CODE_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,39}$")
CODE_MAX = 40
STOPWORDS = frozenset(
    [
        "de",
        "het",
        "een",
        "en",
        "of",
        "in",
        "op",
        "aan",
        "van",
        "voor",
        "met",
        "door",
        "bij",
        "uit",
        "over",
        "naar",
        "als",
        "dan",
        "dat",
        "die",
        "dit",
        "ik",
        "je",
        "jij",
        "u",
        "mij",
        "me",
        "mijn",
        "wij",
        "we",
        "ons",
        "onze",
        "zij",
        "ze",
        "hun",
        "is",
        "ben",
        "bent",
        "zijn",
        "was",
        "waren",
        "word",
        "wordt",
        "heb",
        "hebt",
        "heeft",
        "hebben",
        "er",
        "niet",
        "wel",
        "ook",
        "nog",
        "meer",
        "vaker",
        "al",
        "om",
        "te",
        "tot",
        "the",
        "a",
        "an",
        "of",
        "to",
    ]
)


# --------------------------------------------------------------------------- codes


def slug_code(text: str, *, max_words: int = 4) -> str:
    """A readable code from a question text: significant words joined by ``_``."""
    normalised = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", normalised.lower())
    significant = [w for w in words if w not in STOPWORDS] or words or ["vraag"]
    code = significant[0][:30]
    for word in significant[1:max_words]:
        if len(code) + 1 + len(word) > 30:
            break
        code = f"{code}_{word}"
    if not code or not code[0].isalpha():
        code = f"v_{code}" if code else "vraag"
    return code


def unique_code(base: str, taken: Iterable[str]) -> str:
    """``base``, or ``base_2``, ``base_3`` … when it is taken (case-insensitive)."""
    taken_lower = {t.lower() for t in taken}
    base = base[: CODE_MAX - 4]
    if base.lower() not in taken_lower:
        return base
    n = 2
    while f"{base}_{n}".lower() in taken_lower:
        n += 1
    return f"{base}_{n}"


def validate_code(survey: Survey, code: str, *, exclude_pk: int | None = None) -> str:
    code = code.strip()
    if not CODE_RE.match(code):
        raise ServiceError(
            _(
                "A code starts with a letter and has only letters, digits and underscores "
                "(at most 40)."
            ),
            field="code",
        )
    clash = survey.questions.filter(code__iexact=code)
    if exclude_pk:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        raise ServiceError(
            _("Another question in this survey already has the code %(code)s.") % {"code": code},
            field="code",
        )
    return code

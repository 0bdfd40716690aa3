"""De-identification of free text before storage (issue 11 point 2).

``redact(text)`` replaces personal details by a tag such as ``[NAAM]`` and
keeps every other word. Two finders run on the original text and their
spans are merged (the more specific tag wins where they overlap):

1. ``dutch_patterns``: details deduce misses or gets wrong (BSN with the
   11-proef, IBAN with mod-97, Dutch phone numbers, postcodes, licence
   plates, streets with or without a number, "nummer 12", dates of birth,
   initials with a surname, "mevr./dhr./mw." with a name).
2. deduce: names from its lists and context, streets, dates, ages, ids.
   Its place-name and institution finders are switched off: "Almere" or
   "de GGD" are not personal data, and removing them destroys the meaning.

deduce loads about 80 MB of lookup structures. They are built once into
``settings.DEDUCE_CACHE_DIR`` by ``collectief signals warmup`` (run by
``make run``/``make install``) and only loaded afterwards; a process that
finds no cache refuses notes (``NotReadyError``) instead of building on a
request. The module never logs, caches or raises with the text.
"""

from __future__ import annotations

import logging
import os
import re
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from collectief.signals import dutch_patterns
from collectief.signals.dutch_patterns import Span

# Characters that do not belong in a typed note: NUL and other C0 controls
# except tab and newlines (binary uploads, pasted garbage), and the
# replacement character that a wrongly decoded binary file leaves behind.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]")
_MARKUP = re.compile(r"<\s*[a-zA-Z!/?][^>]*>")
_PLACEHOLDER = re.compile(r"\[[A-Z]+\]")

# deduce's finders that remove what is not personal data (see above).
_DEDUCE_DISABLED = frozenset({"placename", "hospital", "institution"})
# deduce's tags, after its own merging, to ours.
_DEDUCE_TAGS = (
    ("patient", dutch_patterns.NAME),
    ("persoon", dutch_patterns.NAME),
    ("locatie", dutch_patterns.ADDRESS),
    ("datum", dutch_patterns.DATE),
    ("leeftijd", dutch_patterns.AGE),
    ("bsn", dutch_patterns.BSN),
    ("telefoonnummer", dutch_patterns.PHONE),
    ("emailadres", dutch_patterns.EMAIL),
    ("url", dutch_patterns.URL),
    ("id", dutch_patterns.NUMBER),
)
# A title before a name stays ("mevrouw [NAAM]"): it tells who, not which one.
_LEADING_TITLE = re.compile(
    r"^(?:mevr\.?|mevrouw|mw\.?|mvr\.?|dhr\.?|de heer|meneer|mijnheer|fam\.?|familie|"
    r"dokter|juf|meester|wijkagent|huisarts)\s+",
    re.IGNORECASE,
)

_AGE_OVER_89 = re.compile(r"\b(?:9\d|1[0-2]\d)\b")
_TITLE_BEFORE = re.compile(
    r"(?:mevr\.?|mevrouw|mw\.?|dhr\.?|heer|meneer|mijnheer|fam\.?|familie)\s+$", re.IGNORECASE
)

_engine: Any = None
_lock = threading.Lock()


class NotReadyError(RuntimeError):
    """deduce's lookup structures have not been built on this server yet."""


def cache_dir() -> Path:
    return Path(settings.DEDUCE_CACHE_DIR)


def cache_file() -> Path:
    # deduce's own layout: <cache_path>/cache/lookup_structs.pickle
    return cache_dir() / "cache" / "lookup_structs.pickle"


def is_ready() -> bool:
    return cache_file().exists()


def _import_deduce() -> Any:
    """Import deduce without its side effect on logging.

    deduce calls ``logging.basicConfig(stream=sys.stdout, level=DEBUG)`` on
    import, which would send every library's debug lines, text included, to
    standard output. Put the root logger back the way it was.
    """
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    import deduce

    for handler in list(root.handlers):
        if handler not in handlers:
            root.removeHandler(handler)
    root.setLevel(level)
    return deduce


def build() -> float:
    """Build the cache; the seconds it took. For ``collectief signals warmup`` only.

    deduce writes its pickle in place, so it builds in a scratch directory
    and the finished file is moved into place in one step: another process
    never loads half a file.
    """
    global _engine
    deduce = _import_deduce()
    started = time.perf_counter()
    with _lock:
        cache_file().parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=cache_dir(), prefix=".building-") as scratch:
            built = deduce.Deduce(cache_path=Path(scratch), build_lookup_structs=True)
            os.replace(Path(scratch) / "cache" / cache_file().name, cache_file())
        _engine = built
    return time.perf_counter() - started


def engine() -> Any:
    """The loaded deduce instance (loaded from the cache once per process)."""
    global _engine
    if _engine is None:
        with _lock:
            if _engine is None:
                if not is_ready():
                    raise NotReadyError
                deduce = _import_deduce()
                _engine = deduce.Deduce(cache_path=cache_dir())
    return _engine


def load_now() -> None:
    """Load deduce in this process now, when its cache exists (before gunicorn forks)."""
    if is_ready():
        engine()


def preload_in_background() -> None:
    """Start loading deduce in a thread, so the first note on a server does not wait.

    Called by the WSGI entry point; does nothing when the cache is missing.
    """
    if _engine is None and is_ready():
        threading.Thread(target=engine, name="deduce-preload", daemon=True).start()


def input_problem(text: str, *, max_length: int) -> str | None:
    """A Dutch message when the text cannot be a note, without quoting it."""
    if len(text) > max_length:
        return _("The note may be at most %(max)d characters long (now %(count)d).") % {
            "max": max_length,
            "count": len(text),
        }
    if _CONTROL.search(text):
        return _("The note contains characters that are not text. Type the note yourself.")
    if _MARKUP.search(text):
        return _("The note may not contain HTML or code. Write it as plain text.")
    return None


def only_placeholders(redacted: str) -> bool:
    """Whether nothing but tags, numbers and punctuation are left."""
    rest = _PLACEHOLDER.sub(" ", redacted)
    return not re.search(r"[^\W\d_]{2,}", rest)


def _is_place_name(found: str, text: str, start: int) -> bool:
    """A place name that deduce took for a name ("De Bilt" after a postcode).

    Not when a title comes before it: "mevrouw Zwolle" is a person.
    """
    if _TITLE_BEFORE.search(text[max(0, start - 12) : start]):
        return False
    tokens = [token.text for token in engine().tokenizers["default"].tokenize(found)]
    match = engine().lookup_structs["placename"].longest_matching_prefix(tokens)
    return match is not None and len(match) == len(tokens)


def _our_tag(deduce_tag: str) -> str | None:
    for prefix, tag in _DEDUCE_TAGS:
        if deduce_tag.startswith(prefix):
            return tag
    return None


@sensitive_variables("text", "document")
def deduce_spans(text: str, *, disabled: frozenset[str] = _DEDUCE_DISABLED) -> list[Span]:
    document = engine().deidentify(text, disabled=set(disabled))
    spans: list[Span] = []
    for annotation in document.annotations:
        tag = _our_tag(annotation.tag)
        if tag is None:
            continue
        start = annotation.start_char
        if tag == dutch_patterns.AGE and not _AGE_OVER_89.search(annotation.text):
            # Ages under 90 are common and point at nobody; 90 and over do.
            continue
        if tag == dutch_patterns.NAME and _is_place_name(annotation.text, text, start):
            continue
        if tag == dutch_patterns.NAME:
            title = _LEADING_TITLE.match(annotation.text)
            if title:
                start += title.end()
        if start < annotation.end_char:
            spans.append(Span(start, annotation.end_char, tag))
    return spans


@sensitive_variables("text")
def find_spans(text: str) -> list[Span]:
    """Our spans: the Dutch patterns and deduce together, merged."""
    return dutch_patterns.merge_spans(dutch_patterns.find_spans(text) + deduce_spans(text))


@sensitive_variables("text")
def redact(text: str) -> str:
    """The text with every personal detail replaced by its tag."""
    return dutch_patterns.apply_spans(text, find_spans(text))


@sensitive_variables("text")
def deduce_only_spans(text: str) -> list[Span]:
    """deduce with its defaults (every finder on), for the evaluation and the benchmark.

    Its place names and institutions count as ``ADRES`` and ``INSTELLING``.
    """
    spans = []
    for annotation in engine().deidentify(text).annotations:
        tag = _our_tag(annotation.tag) or (
            "INSTELLING" if annotation.tag in ("ziekenhuis", "zorginstelling") else "ANDERS"
        )
        spans.append(Span(annotation.start_char, annotation.end_char, tag))
    return spans

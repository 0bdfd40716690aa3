"""De-identification of free text before storage (issue 11 point 2).

``redact(text)`` replaces personal details by a tag such as ``[NAAM]`` and
keeps every other word. Two layers:

1. Dutch patterns with validation where a number has a check (BSN with the
   11-proef, IBAN with mod-97), for details deduce does not know.
2. deduce (names, places, institutions, dates, ages) on the result.

This module never logs, caches or raises with the text.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

# Characters that do not belong in a typed note: NUL and other C0 controls
# except tab and newlines (binary uploads, pasted garbage).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]")
_MARKUP = re.compile(r"<\s*[a-zA-Z!/?][^>]*>")
_PLACEHOLDER = re.compile(r"\[[A-Z]+\]")


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


def redact(text: str) -> str:
    from collectief.signals.dutch_patterns import redact_patterns

    return redact_patterns(text)

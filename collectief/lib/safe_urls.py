"""Web addresses that are safe to show as a link: one definition for every route.

A website typed in a form, sent to the API or read from an HSDS feed ends up
in an ``href`` on a public page. A ``javascript:``, ``data:`` or
``vbscript:`` address there runs in the visitor's browser, so every URL field
accepts only an allow-list of schemes: ``http`` and ``https`` (and ``mailto``
and ``tel`` where a field allows them). The check is strict on purpose:

- browsers drop tabs, newlines and leading control characters before they read
  the scheme (``"java\\tscript:"`` is ``javascript:``), so any whitespace,
  control or invisible formatting character anywhere is refused, not cleaned;
- a protocol-relative (``//host``) or backslash address is refused: it is not
  what anybody types as a website, and browsers read ``\\`` as ``/``;
- a user name or password before the host (``https://bank.nl@evil.example``)
  is refused: it only serves to make a link look like another site.

:func:`url_problem` says why a value is refused (Dutch); :class:`SafeURLValidator`,
:class:`SafeURLFormField` and :class:`SafeURLField` wrap it for Django, and
:func:`safe_href` is what templates and exports use to refuse a stored value
that predates these checks (``{{ website|safe_href }}``, a template builtin).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from django import forms, template
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import models
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

WEB_SCHEMES: tuple[str, ...] = ("http", "https")
LINK_SCHEMES: tuple[str, ...] = ("http", "https", "mailto", "tel")

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
_TEL = re.compile(r"^\+?[0-9][0-9().\-]{1,30}$")
# Whitespace, control and formatting characters (zero-width space, bidi
# overrides, soft hyphen, BOM): invisible in a form, meaningful to a browser.
_HIDDEN_CATEGORIES = {"Cc", "Cf", "Zs", "Zl", "Zp", "Co", "Cs", "Cn"}
_web_validator = URLValidator(schemes=list(WEB_SCHEMES))
_email_validator = EmailValidator()


def _has_hidden_character(value: str) -> bool:
    return any(unicodedata.category(char) in _HIDDEN_CATEGORIES for char in value)


def url_problem(value: str, schemes: Iterable[str] = WEB_SCHEMES) -> str | None:
    """Why ``value`` is not a safe address for a link (Dutch), or None.

    The empty string is fine: an optional field may stay empty.
    """
    allowed = tuple(schemes)
    if value == "":
        return None
    if _has_hidden_character(value):
        return _("A web address may not contain spaces, tabs or invisible characters.")
    if "\\" in value:
        return _("A web address may not contain a backslash (\\).")
    match = _SCHEME.match(value)
    if match is None:
        return _(
            "Enter a complete web address that starts with https://, for example %(example)s."
        ) % {"example": "https://www.voorbeeld.nl"}
    scheme = match.group(1).lower()
    if scheme not in allowed:
        if set(allowed) > set(WEB_SCHEMES):
            return _(
                "“%(scheme)s:” is not allowed here. Use an address that starts with "
                "https://, http://, mailto: or tel:."
            ) % {"scheme": scheme}
        return _(
            "“%(scheme)s:” is not allowed here. Use a web address that starts with "
            "https:// or http://."
        ) % {"scheme": scheme}
    rest = value[match.end() :]
    if scheme in WEB_SCHEMES:
        return _web_problem(value)
    if scheme == "mailto":
        address = rest.split("?", 1)[0]
        try:
            _email_validator(address)
        except ValidationError:
            return _("After mailto: comes a valid e-mail address.")
        return None
    if not _TEL.match(rest):
        return _("After tel: comes a phone number, for example tel:+31201234567.")
    return None


def _web_problem(value: str) -> str | None:
    if not re.match(r"^[A-Za-z]+://[^/]", value):
        return _("Enter a complete web address, for example https://www.voorbeeld.nl.")
    try:
        parts = urlsplit(value)
    except ValueError:
        return _("This is not a valid web address.")
    if "@" in parts.netloc:
        return _("A web address may not contain a user name or password before the host.")
    try:
        _web_validator(value)
    except ValidationError:
        return _("This is not a valid web address.")
    return None


def is_safe_url(value: Any, schemes: Iterable[str] = WEB_SCHEMES) -> bool:
    return isinstance(value, str) and value != "" and _is_safe(value, tuple(schemes))


@lru_cache(maxsize=4096)
def _is_safe(value: str, schemes: tuple[str, ...]) -> bool:
    # Cached: exports and lists check the same few websites over and over.
    return url_problem(value, schemes) is None


def safe_href(value: Any, schemes: Iterable[str] = WEB_SCHEMES) -> str:
    """``value`` when it is safe to put in an ``href``, otherwise the empty string.

    For data stored before the checks existed, or written around them.
    """
    return value if is_safe_url(value, schemes) else ""


@deconstructible
class SafeURLValidator:
    """Django validator: only addresses with an allowed scheme (see :func:`url_problem`)."""

    code = "unsafe_url"

    def __init__(self, schemes: Iterable[str] = WEB_SCHEMES) -> None:
        self.schemes = tuple(schemes)

    def __call__(self, value: Any) -> None:
        problem = url_problem(str(value), self.schemes)
        if problem:
            raise ValidationError(problem, code=self.code)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SafeURLValidator) and other.schemes == self.schemes

    def __hash__(self) -> int:
        return hash(self.schemes)


class SafeURLFormField(forms.CharField):
    """A website in a form or the API; ``www.voorbeeld.nl`` becomes ``https://www.voorbeeld.nl``."""

    widget = forms.URLInput

    def __init__(self, *, schemes: Iterable[str] = WEB_SCHEMES, **kwargs: Any) -> None:
        self.schemes = tuple(schemes)
        kwargs.setdefault("max_length", 500)
        super().__init__(**kwargs)
        self.validators.append(SafeURLValidator(self.schemes))
        if not self.help_text:
            self.help_text = gettext_lazy("For example https://www.voorbeeld.nl")

    def to_python(self, value: Any) -> str:
        text = str(super().to_python(value) or "")
        # Only a bare host name gets https:// in front; anything with a scheme,
        # a slash or another odd first character is judged as typed.
        bare = text and text[0].isascii() and text[0].isalnum() and "://" not in text
        if bare and _SCHEME.match(text) is None and not _has_hidden_character(text):
            text = f"https://{text}"
        return text


class SafeURLField(models.CharField):
    """A model field for a website: text, refused unless :func:`url_problem` accepts it."""

    def __init__(self, *args: Any, schemes: Iterable[str] = WEB_SCHEMES, **kwargs: Any) -> None:
        self.schemes = tuple(schemes)
        kwargs.setdefault("max_length", 500)
        # Before CharField.__init__, which reads (and caches) ``validators``.
        self.default_validators = [SafeURLValidator(self.schemes)]
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        if self.schemes != WEB_SCHEMES:
            kwargs["schemes"] = list(self.schemes)
        return name, path, args, kwargs

    def formfield(self, **kwargs: Any) -> Any:
        return super().formfield(
            **{"form_class": SafeURLFormField, "schemes": self.schemes, **kwargs}
        )


register = template.Library()


@register.filter(name="safe_href")
def safe_href_filter(value: Any, kind: str = "web") -> str:
    """``{{ website|safe_href }}``; ``{{ link|safe_href:"links" }}`` also allows mailto:/tel:."""
    return safe_href(value, LINK_SCHEMES if kind == "links" else WEB_SCHEMES)

"""The kinds of result an organisation can share (issue 13 point 9).

A kind says what its owner can share now (``options``) and how a shared
object is shown to the organisation it is shared with (``render``). The
sharing app stores only the kind's code and the object's id, so it knows
no other app's models: an app adds a kind with :func:`register`, usually in
its ``AppConfig.ready()``. The built-in kinds (veranderverhaal, feiten &
cijfers, vragenlijst) are in ``kinds.py``; the reports app, which sits above
the domain apps, registers its report the same way without this app
importing it::

    from collectief.sharing.registry import ShareKind, Shareable, SharedContent, register

    register(ShareKind(code="rapport", label=_("report"), options=..., render=...))

``render`` gets the owner and the object id and returns ``None`` when the
object no longer exists; it must apply every privacy rule itself (survey
results go through the surveys app's suppression, as on its own pages),
because what it returns is shown to another organisation as it is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.utils.functional import Promise

OBJECT_ID_MAX_LENGTH = 64


@dataclass(frozen=True)
class Shareable:
    """One thing its owner can share now: the id stored in a share, and its name."""

    object_id: str
    label: str


@dataclass(frozen=True)
class SharedContent:
    """What the recipient sees: a template (included in the share page) and its context."""

    template: str
    context: dict[str, Any] = field(default_factory=dict)
    title: str = ""


@dataclass(frozen=True)
class ShareKind:
    code: str
    label: str | Promise
    options: Callable[[Any], list[Shareable]]
    render: Callable[[Any, str], SharedContent | None]
    order: int = 50


_KINDS: dict[str, ShareKind] = {}


def register(kind: ShareKind) -> None:
    """Add a kind; registering the same code twice with another kind is a mistake."""
    known = _KINDS.get(kind.code)
    if known is not None and known != kind:
        raise ImproperlyConfigured(f"Share kind {kind.code!r} is registered twice.")
    if not kind.code or len(kind.code) > 30:
        raise ImproperlyConfigured(f"Share kind code {kind.code!r} must be 1-30 characters.")
    _KINDS[kind.code] = kind


def unregister(code: str) -> None:
    """For tests that register a kind of their own."""
    _KINDS.pop(code, None)


def get_kind(code: str) -> ShareKind | None:
    return _KINDS.get(code)


def all_kinds() -> list[ShareKind]:
    return sorted(_KINDS.values(), key=lambda k: (k.order, k.code))

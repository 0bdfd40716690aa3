"""Navigation by role, collected from the apps.

An app adds menu items by giving its AppConfig a ``public_navigation`` or an
``organisation_navigation`` list of NavItem. Organisation items are shown
for the organisation in view to members with at least ``min_role``. This
keeps the base template free of knowledge about later apps.

This module sits in ``lib`` so that every app can declare its menu items
without importing ``web``. It knows nothing about roles: ``min_role`` is a
plain string and the caller (``web``) decides with ``allowed`` whether the
person in view holds it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    # The lowest role that sees the item ("" for everyone in the organisation);
    # compared by the ``allowed`` callable given to organisation_links().
    min_role: str = ""
    order: int = 50
    # The organisation kinds that see the item (empty: every kind), compared
    # with the ``kind`` given to organisation_links().
    kinds: tuple[str, ...] = ()


@dataclass(frozen=True)
class Link:
    label: str | Promise
    url: str
    current: bool


def _links(items: list[NavItem], path: str, args: list[str]) -> list[Link]:
    resolved: list[tuple[NavItem, str]] = []
    for item in sorted(items, key=lambda i: i.order):
        try:
            resolved.append((item, reverse(item.url_name, args=args)))
        except NoReverseMatch:
            continue
    # The current link is the one with the longest address that starts the
    # path, so that the overview is not marked current on every sub-page.
    prefixes = [url for _, url in resolved if path.startswith(url) and url != "/"]
    current = max(prefixes, key=len) if prefixes else path
    return [Link(item.label, url, url == current) for item, url in resolved]


def public_links(path: str) -> list[Link]:
    items = [i for c in apps.get_app_configs() for i in getattr(c, "public_navigation", [])]
    return _links(items, path, [])


def organisation_links(
    path: str, slug: str, allowed: Callable[[str], bool], *, kind: str = ""
) -> list[Link]:
    """Links for organisation ``slug`` of ``kind``; ``allowed(min_role)`` filters the items."""
    items = [
        i
        for c in apps.get_app_configs()
        for i in getattr(c, "organisation_navigation", [])
        if (not i.min_role or allowed(i.min_role)) and (not i.kinds or kind in i.kinds)
    ]
    return _links(items, path, [slug])

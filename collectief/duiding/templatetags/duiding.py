"""``{% open_follow_ups organisation as follow_ups %}`` for the panel on the organisation's home page."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from collectief.duiding.services import open_follow_ups as _open_follow_ups

register = template.Library()


@register.simple_tag
def open_follow_ups(organisation: Any) -> list[Any]:
    today = timezone.localdate()
    follow_ups = _open_follow_ups(organisation)
    for follow_up in follow_ups:
        follow_up.is_overdue = follow_up.due_on < today  # type: ignore[attr-defined]
    return follow_ups

"""API of the rode draden summary (issue 11 point 8), mounted under /api/v1/.

The same rules as the page: a member (any role) of an organisation working in
the gemeente, with two-factor login on the account that owns the token, sees
the suppressed summary; nothing else. Signals themselves are never served to
another organisation.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _

from collectief.lib.api import ApiError, Param, api_endpoint
from collectief.signals.access import TwoFactorRequired, get_gemeente_for_api_user
from collectief.signals.summary import Period, summarise

SHOWN_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "count": {"type": ["integer", "null"], "description": "Rounded to 5; null when hidden."},
        "shown": {"type": "string", "description": "What a person sees: a number, <10 or x."},
    },
}
CHANGE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "direction": {"type": "string", "enum": ["up", "down", "same", "unknown"]},
        "percent": {"type": ["integer", "null"]},
    },
}
SUMMARY_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "gemeente": {"type": "string"},
        "gemeente_name": {"type": "string"},
        "period": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$"},
        "previous_period": {"type": "string"},
        "counted": {"type": "string"},
        "cells": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "area": {"type": "string"},
                    "area_name": {"type": "string"},
                    "theme": {"type": "string"},
                    "theme_name": {"type": "string"},
                    "count": {"type": ["integer", "null"]},
                    "shown": {"type": "string"},
                    "previous": SHOWN_SCHEMA,
                    "change": CHANGE_SCHEMA,
                    "rest_of_gemeente": SHOWN_SCHEMA,
                    "rest_of_gemeente_previous": SHOWN_SCHEMA,
                    "rest_of_gemeente_change": CHANGE_SCHEMA,
                },
            },
        },
        "area_totals": {"type": "array", "items": {"type": "object"}},
        "theme_totals": {"type": "array", "items": {"type": "object"}},
        "total": SHOWN_SCHEMA,
    },
}


@api_endpoint(
    summary="Rode draden of a municipality: suppressed counts per wijk × theme for one month",
    tags=["signals"],
    parameters=(Param("period", "Month as YYYY-MM; default the last complete month."),),
    response=SUMMARY_SCHEMA,
    auth_required=True,
)
def summary(request: HttpRequest, code: str) -> dict[str, Any]:
    try:
        gemeente = get_gemeente_for_api_user(request.user, code)
    except TwoFactorRequired:
        raise ApiError(
            403, _("Signals can only be seen with two-factor login. Set it up first.")
        ) from None
    today = timezone.localdate()
    text = request.GET.get("period", "").strip()
    period = Period.parse(text) if text else Period.last_complete(today)
    if period.start > today:
        raise ApiError(
            400,
            _("That month has not started yet."),
            {"period": [_("That month has not started yet.")]},
        )
    return summarise(gemeente, period).as_dict()


urlpatterns = [
    path("signals/summary/<str:code>/", summary, name="signals_summary"),
]

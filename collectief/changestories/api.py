"""JSON API endpoints of this app, mounted under /api/v1/ by collectief.api.

GET returns the change story in the export shape to members of the
organisation; everyone else gets what the public poster shows (the texts,
the effects' names and descriptions, the highlighted figures), and 404
when the poster is not public. PUT replaces it, with the
same validation as the editor and the import; send the ``version`` you
started from, and a newer save by someone else gives 409 with their text.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.urls import path
from django.utils.translation import gettext as _

from collectief.accounts.models import Role
from collectief.changestories import services
from collectief.changestories.access import get_public_story, get_story_for_user
from collectief.changestories.forms import BLOCKS, ContentError
from collectief.lib.api import ApiError, api_endpoint, read_json

_ITEM = {"type": "object", "properties": {"id": {"type": "string"}, "text": {"type": "string"}}}
CHANGE_STORY_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "organisation": {"type": "string"},
        "version": {"type": "integer"},
        "name": {"type": "string", "description": "Only in the public answer."},
        "tagline": {"type": "string", "description": "Only in the public answer."},
        "target_groups": {"type": "array", "items": _ITEM},
        "approaches": {"type": "array", "items": _ITEM},
        "effects": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "id": {"type": "string"},
                    "name": {"type": "string"},
                    "description": {"type": "string"},
                    "level": {"type": "string", "enum": ["individu", "groep", "wijk"]},
                    "indicators": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "properties": {
                                "id": {"type": "string"},
                                "text": {"type": "string"},
                                "kind": {
                                    "type": "string",
                                    "enum": ["output", "stelling", "verhaal", "financieel"],
                                },
                            },
                        },
                    },
                },
            },
        },
        "contributions": {"type": "array", "items": _ITEM},
        "links": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"from": {"type": "string"}, "to": {"type": "string"}},
            },
        },
        "figures": {"type": "array", "items": {"type": "object"}},
    },
}


@api_endpoint(
    summary="Read or replace the change story of an organisation",
    tags=["changestories"],
    methods=["GET", "PUT"],
    response=CHANGE_STORY_SCHEMA,
)
def change_story(request: HttpRequest, slug: str) -> dict[str, Any]:
    organisation: Any
    if request.method == "GET":
        if request.user.is_authenticated:
            try:
                organisation, _story = get_story_for_user(request.user, slug)
            except (Http404, PermissionDenied):
                pass
            else:
                return services.export_story(organisation)
        # Everyone else reads what the public poster shows, nothing more.
        public = get_public_story(slug).organisation
        if public is None:
            raise Http404
        return services.public_story(public)
    organisation, _story = get_story_for_user(request.user, slug, min_role=Role.STAFF)
    data = read_json(request)
    base = data.get("version")
    if base is not None and not isinstance(base, int):
        raise ApiError(400, _("version must be a whole number."))
    try:
        services.save_change_story(
            organisation,
            {k: data.get(k) for k in (*BLOCKS, "links")},
            by=request.user,
            base_version=base,
            note=_("Saved through the API"),
        )
    except services.ConflictError as conflict:
        raise ApiError(
            409,
            conflict.message,
            {"current_version": conflict.current_version, "current": conflict.current_content},
        ) from conflict
    except ContentError as error:
        raise ApiError(400, error.message, error.as_dict()) from error
    return services.export_story(organisation)


urlpatterns = [
    path("organisations/<slug:slug>/change-story/", change_story, name="changestory_detail"),
]

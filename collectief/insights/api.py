"""API of the wijkbeeld (issue 12 point 7), mounted under /api/v1/.

The same access as the pages (``insights.access``): any member of the
organisation, for a wijk or gemeente the organisation works in; 404 for
anything else. The answers are those of ``collectief wijkbeeld show`` and
``collectief wijkbeeld ranking --format json``, so the counts in them went
through the same disclosure control as the page.

A code in the path names the resource, so one that cannot be a CBS code of
the right level is a 404 like an unknown one, with a message that says what a
code looks like (the OpenAPI document can only call it a string, and a
string that names nothing is "not found", not a bad request). A well-formed
code the organisation has no access to, or that does not exist, is a 404 too
(the caller cannot tell which). A bad theme or source in the query is a 400.

The ranking covers every theme with counts: its CBS count or the
beschikkingen of one of its categories (``theme_ranking``; ``?source=cbs``
or ``?source=<category>``, by default the first source with figures).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import path
from django.utils.translation import gettext as _

from collectief.directory.models import TaxonomyTerm
from collectief.insights.access import get_gemeente_for_user, get_wijk_for_user
from collectief.insights.services import show_area
from collectief.insights.theme_ranking import theme_ranking
from collectief.lib import cbs
from collectief.lib.api import ApiError, Param, api_endpoint

NUMBER_OR_NULL: dict[str, Any] = {"type": ["number", "null"]}

SHOW_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["area", "name", "indicators", "provision_counts"],
    "properties": {
        "area": {"type": "string", "description": "CBS code of the wijk."},
        "name": {"type": "string"},
        "indicators": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["key", "title", "year", "value", "status"],
                "properties": {
                    "key": {"type": "string", "description": "CBS key stem."},
                    "title": {"type": "string"},
                    "year": {"type": "integer"},
                    "value": NUMBER_OR_NULL,
                    "status": {"type": "string", "enum": ["ok", "unknown", "secret", "nil"]},
                    "shown": {
                        "type": "string",
                        "description": "Only for a count of people of 1-9: the text <10; "
                        "value is then null and status secret.",
                    },
                },
            },
        },
        "provision_counts": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "category": {"type": "string"},
                    "name": {"type": "string"},
                    "year": {"type": "integer"},
                    "count": {
                        "type": ["integer", "string"],
                        "description": "Rounded to 5, or the text <10.",
                    },
                },
            },
        },
    },
}

RANKING_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["rows"],
    "properties": {
        "rows": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["area", "observed", "expected", "ratio", "ci95", "smoothed", "call"],
                "properties": {
                    "area": {"type": "string"},
                    "observed": {
                        "type": ["integer", "string"],
                        "description": "Rounded to 5, or the text <10.",
                    },
                    "expected": {"type": "number"},
                    "ratio": NUMBER_OR_NULL,
                    "ci95": {
                        "type": ["array", "null"],
                        "items": {"type": "number"},
                        "minItems": 2,
                        "maxItems": 2,
                    },
                    "smoothed": NUMBER_OR_NULL,
                    "call": {"type": "string", "enum": ["hoger", "lager", "niet te zeggen"]},
                },
            },
        },
    },
}


def _checked_code(code: str, level: cbs.Level, message: str) -> str:
    normalised = cbs.normalise_code(code)
    if not cbs.is_valid(normalised) or cbs.level_of(normalised) is not level:
        raise ApiError(404, message, {"code": [message]})
    return normalised


@api_endpoint(
    summary="Wijkbeeld of a wijk: the CBS indicators with their year, and the beschikkingen",
    tags=["wijkbeeld"],
    response=SHOW_SCHEMA,
    auth_required=True,
)
def wijk_indicators(request: HttpRequest, slug: str, code: str) -> dict[str, Any]:
    checked = _checked_code(
        code, cbs.Level.WIJK, _("Give the CBS code of a wijk, for example WK034401.")
    )
    _organisation, wijk = get_wijk_for_user(request.user, slug, checked)
    return show_area(wijk)


@api_endpoint(
    summary="Wijken of a municipality on one theme: observed against expected, with intervals",
    tags=["wijkbeeld"],
    parameters=(
        Param(
            "theme",
            "Theme of the sociale kaart, e.g. geldzorgen-en-schulden.",
            {"type": "string", "minLength": 1},
            required=True,
        ),
        Param(
            "source",
            "cbs for the theme's CBS count, or the code of a category of beschikkingen linked "
            "to the theme (e.g. wmo-begeleiding). Default: the first source with figures, "
            "the CBS count first.",
            {"type": "string"},
        ),
    ),
    response=RANKING_SCHEMA,
    auth_required=True,
)
def ranking(request: HttpRequest, slug: str, code: str) -> dict[str, Any]:
    checked = _checked_code(
        code, cbs.Level.GEMEENTE, _("Give the CBS code of a municipality, for example GM0034.")
    )
    _organisation, gemeente = get_gemeente_for_user(request.user, slug, checked)
    slug_text = request.GET.get("theme", "").strip().lower()
    theme = TaxonomyTerm.objects.themes().filter(code=slug_text).first() if slug_text else None
    if theme is None:
        message = _("Unknown theme. Give the code of a theme of the sociale kaart.")
        raise ApiError(400, message, {"theme": [message]})
    source = request.GET.get("source", "").strip().lower()
    # A theme without counts, or a source the theme does not have, is a ServiceError: a 400
    # with the field it is about (``lib.api``).
    return theme_ranking(gemeente, theme, source=source).as_dict()


urlpatterns = [
    path(
        "organisations/<slug:slug>/wijkbeeld/wijken/<str:code>/",
        wijk_indicators,
        name="wijkbeeld_wijk",
    ),
    path(
        "organisations/<slug:slug>/wijkbeeld/gemeenten/<str:code>/ranking/",
        ranking,
        name="wijkbeeld_ranking",
    ),
]

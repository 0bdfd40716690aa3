"""JSON API endpoints of this app, mounted under /api/v1/ by collectief.api.

Readers of an organisation may list its figures; staff members may create,
change and delete them. Input is validated with the web form (FigureForm).
JSON numbers are numbers; a number in a string is read the Dutch way
("1.825,50"), as in the form.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.urls import path
from django.utils.translation import gettext as _

from collectief.accounts.access import get_organisation_for_user
from collectief.accounts.models import Role
from collectief.figures import formats, services
from collectief.figures.access import get_figure_for_user
from collectief.figures.forms import FIGURE_FIELDS, FigureForm
from collectief.figures.models import Figure, Period, Unit
from collectief.lib.api import ApiError, api_endpoint, read_json, validate_form

FIGURE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "id": {"type": "integer"},
        "label": {"type": "string"},
        "qualifier": {"type": "string"},
        "value": {"type": "number"},
        "value_max": {"type": ["number", "null"]},
        "unit": {"type": "string", "enum": list(Unit.values)},
        "period": {"type": "string", "enum": list(Period.values)},
        "period_name": {"type": "string"},
        "period_text": {"type": "string", "description": "As in figures_as_json."},
        "display": {"type": "string", "description": "The figure as one Dutch line."},
        "indicator": {"type": ["integer", "null"]},
        "source": {"type": "string"},
        "date": {"type": ["string", "null"], "format": "date"},
        "is_highlighted": {"type": "boolean"},
        "order": {"type": "integer"},
        "values": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "date": {"type": "string", "format": "date"},
                    "value": {"type": "number"},
                },
            },
        },
    },
}
# A ModelForm validates like a Form; the framework's annotation names Form only.
FORM: Any = FigureForm
LIST_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {"results": {"type": "array", "items": FIGURE_SCHEMA}},
}


def _number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def serialize_figure(figure: Figure) -> dict[str, Any]:
    return {
        "id": figure.pk,
        "label": figure.label,
        "qualifier": figure.qualifier,
        "value": _number(figure.value),
        "value_max": _number(figure.value_max),
        "unit": figure.unit,
        "period": figure.period,
        "period_name": figure.period_name,
        "period_text": figure.period_text,
        "display": figure.display,
        "indicator": figure.indicator_id,
        "source": figure.source,
        "date": figure.date.isoformat() if figure.date else None,
        "is_highlighted": figure.is_highlighted,
        "order": figure.order,
        "values": [
            {"date": v.date.isoformat(), "value": _number(v.value)} for v in figure.values.all()
        ],
    }


def _as_form_input(data: dict[str, Any]) -> dict[str, Any]:
    """JSON numbers to the Dutch notation the form reads; unknown keys are refused."""
    unknown = sorted(set(data) - set(FIGURE_FIELDS))
    if unknown:
        raise ApiError(400, _("Unknown fields."), {key: [_("Unknown field.")] for key in unknown})
    out = dict(data)
    for key in ("value", "value_max"):
        value = out.get(key)
        if isinstance(value, int | float) and not isinstance(value, bool):
            out[key] = formats.number_to_text(Decimal(str(value)))
    return out


@api_endpoint(
    summary="List the figures of an organisation",
    tags=["figures"],
    methods=["GET", "POST"],
    request_form=FORM,
    closed_body=True,
    response=LIST_SCHEMA,
    created_response=FIGURE_SCHEMA,
)
def figure_collection(request: HttpRequest, slug: str) -> dict[str, Any]:
    """GET: the figures (readers). POST: add a figure (staff members)."""
    if request.method == "POST":
        organisation = get_organisation_for_user(request.user, slug, min_role=Role.STAFF)
        cleaned = validate_form(
            FORM, _as_form_input(read_json(request)), organisation=organisation
        )
        figure = services.create_figure(organisation, by=request.user, **cleaned)
        return serialize_figure(figure)
    organisation = get_organisation_for_user(request.user, slug, min_role=Role.READER)
    figures = services.figures_for(organisation).prefetch_related("values")
    return {"results": [serialize_figure(f) for f in figures]}


@api_endpoint(
    summary="One figure: read, change (PATCH/PUT) or delete",
    tags=["figures"],
    methods=["GET", "PATCH", "PUT", "DELETE"],
    request_form=FORM,
    closed_body=True,
    response=FIGURE_SCHEMA,
)
def figure_item(request: HttpRequest, slug: str, figure_id: int) -> dict[str, Any]:
    if request.method == "GET":
        return serialize_figure(get_figure_for_user(request.user, slug, figure_id))
    figure = get_figure_for_user(request.user, slug, figure_id, min_role=Role.STAFF)
    if request.method == "DELETE":
        services.delete_figure(figure, by=request.user)
        return {"deleted": figure_id}
    data = _as_form_input(read_json(request))
    if request.method == "PATCH":
        # Fields not sent keep their value; the whole figure is validated.
        current = {name: getattr(figure, name) for name in FIGURE_FIELDS if name not in data}
        data = {**services._form_data(current), **data}
    cleaned = validate_form(FORM, data, organisation=figure.organisation, instance=figure)
    figure = services.update_figure(figure, by=request.user, **cleaned)
    return serialize_figure(figure)


urlpatterns = [
    path(
        "organisations/<slug:slug>/figures/",
        figure_collection,
        name="figure_collection",
    ),
    path(
        "organisations/<slug:slug>/figures/<int:figure_id>/",
        figure_item,
        name="figure_item",
    ),
]

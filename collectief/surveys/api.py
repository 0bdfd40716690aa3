"""JSON API endpoints of this app, mounted under /api/v1/ by collectief.api.

Members (any role) read the surveys of their organisation; staff create a
survey with its parts and questions in one JSON request. The survey and
each question are validated by the same forms as the builder pages, and the
whole request is all-or-nothing.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.urls import path
from django.utils.translation import gettext as _

from collectief.accounts.access import get_organisation_for_user
from collectief.accounts.models import Role
from collectief.lib.api import ApiError, api_endpoint, read_json, validate_form
from collectief.lib.errors import ServiceError
from collectief.surveys import services
from collectief.surveys.access import get_survey_for_user
from collectief.surveys.forms import QuestionForm, SurveyForm
from collectief.surveys.models import Question, Survey

QUESTION_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "code": {"type": "string"},
        "type": {"type": "string", "enum": [t for t, _ in Question.Type.choices]},
        "text": {"type": "string"},
        "help_text": {"type": "string"},
        "required": {"type": "boolean"},
        "allow_dont_know": {"type": "boolean"},
        "min_value": {"type": ["integer", "null"]},
        "max_value": {"type": ["integer", "null"]},
        "choices": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "value": {"type": "string"},
                    "label": {"type": "string"},
                    "score": {"type": ["integer", "null"]},
                },
            },
        },
        "show_if_question": {"type": ["string", "null"], "description": "code"},
        "show_if_values": {"type": "array", "items": {"type": "string"}},
        "effect": {"type": ["integer", "null"]},
        "indicator": {"type": ["integer", "null"]},
        "instrument": {"type": "string"},
    },
}
SURVEY_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "id": {"type": "integer"},
        "organisation": {"type": "string"},
        "title": {"type": "string"},
        "intro": {"type": "string"},
        "status": {"type": "string", "enum": [s for s, _ in Survey.Status.choices]},
        "public_url": {"type": ["string", "null"]},
        "closes_at": {"type": ["string", "null"], "format": "date-time"},
        "max_responses": {"type": ["integer", "null"]},
        "privacy_text": {"type": "string"},
        "n_responses": {"type": "integer"},
    },
}
SURVEY_DETAIL_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        **SURVEY_SCHEMA["properties"],
        "sections": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "title": {"type": "string"},
                    "intro": {"type": "string"},
                    "questions": {"type": "array", "items": QUESTION_SCHEMA},
                },
            },
        },
    },
}


def serialize_survey(survey: Survey, request: HttpRequest) -> dict[str, Any]:
    return {
        "id": survey.pk,
        "organisation": survey.organisation.slug,
        "title": survey.title,
        "intro": survey.intro,
        "status": survey.status,
        "public_url": (
            request.build_absolute_uri(survey.get_public_url())
            if survey.status == Survey.Status.OPEN
            else None
        ),
        "closes_at": survey.closes_at.isoformat() if survey.closes_at else None,
        "max_responses": survey.max_responses,
        "privacy_text": survey.privacy_text,
        "n_responses": survey.responses.count(),
    }


def serialize_question(question: Question) -> dict[str, Any]:
    return {
        "code": question.code,
        "type": question.type,
        "text": question.text,
        "help_text": question.help_text,
        "required": question.required,
        "allow_dont_know": question.allow_dont_know,
        "min_value": question.min_value,
        "max_value": question.max_value,
        "choices": [
            {"value": c.value, "label": c.label, "score": c.score} for c in question.choices.all()
        ],
        "show_if_question": question.show_if_question.code if question.show_if_question else None,
        "show_if_values": list(question.show_if_values),
        "effect": question.effect_id,
        "indicator": question.indicator_id,
        "instrument": question.instrument,
    }


def serialize_detail(survey: Survey, request: HttpRequest) -> dict[str, Any]:
    data = serialize_survey(survey, request)
    questions = list(
        survey.questions.select_related("show_if_question").prefetch_related("choices")
    )
    data["sections"] = [
        {
            "title": section.title,
            "intro": section.intro,
            "questions": [serialize_question(q) for q in questions if q.section_id == section.pk],
        }
        for section in survey.sections.all()
    ]
    return data


@api_endpoint(
    summary="List or create the surveys of an organisation",
    tags=["surveys"],
    methods=["GET", "POST"],
    request_form=SurveyForm,  # type: ignore[arg-type]
    response={"type": "array", "items": SURVEY_SCHEMA},
    created_response=SURVEY_DETAIL_SCHEMA,
    auth_required=True,
)
def survey_collection(request: HttpRequest, slug: str) -> Any:
    if request.method == "GET":
        organisation = get_organisation_for_user(request.user, slug)
        return [
            serialize_survey(s, request)
            for s in Survey.objects.filter(organisation=organisation).select_related(
                "organisation"
            )
        ]
    organisation = get_organisation_for_user(request.user, slug, min_role=Role.STAFF)
    data = read_json(request)
    sections = data.pop("sections", [])
    if not isinstance(sections, list):
        raise ApiError(400, _("sections must be a list."))
    with transaction.atomic():
        cleaned = validate_form(SurveyForm, data)  # type: ignore[arg-type]
        survey = services.create_survey(organisation, by=request.user, **cleaned)
        for s_index, section_data in enumerate(sections):
            _create_section(survey, section_data, s_index, request)
    return serialize_detail(survey, request)


def _create_section(survey: Survey, data: Any, index: int, request: HttpRequest) -> None:
    where = f"sections[{index}]"
    if not isinstance(data, dict) or not str(data.get("title", "")).strip():
        raise ApiError(400, _("%(where)s needs a title.") % {"where": where})
    section = services.add_section(
        survey, by=request.user, title=str(data["title"]), intro=str(data.get("intro", ""))
    )
    for q_index, question in enumerate(data.get("questions", [])):
        path_ = f"{where}.questions[{q_index}]"
        if not isinstance(question, dict):
            raise ApiError(400, _("%(where)s must be an object.") % {"where": path_})
        form_data = dict(question)
        choices = form_data.pop("choices", [])
        lines = []
        for choice in choices if isinstance(choices, list) else []:
            if isinstance(choice, dict):
                parts = [str(choice.get("value", "")), str(choice.get("label", ""))]
                if choice.get("score") is not None:
                    parts.append(str(choice["score"]))
                lines.append(" | ".join(parts) if parts[0] else parts[1])
            else:
                lines.append(str(choice))
        form_data["choices"] = "\n".join(lines)
        controller_code = form_data.pop("show_if_question", None)
        values = form_data.pop("show_if_values", [])
        if controller_code:
            controller = survey.questions.filter(code=controller_code).first()
            if controller is None:
                raise ApiError(
                    400,
                    _("%(where)s: there is no earlier question with code %(code)s.")
                    % {"where": path_, "code": controller_code},
                )
            form_data["show_if_question"] = controller.pk
            form_data["show_if_values"] = ", ".join(str(v) for v in values)
        form_data["section"] = section.pk
        form_data.setdefault("type", Question.Type.LIKERT5)
        try:
            validate_form(QuestionForm, form_data, survey=survey)
        except ApiError as error:
            raise ApiError(error.status, f"{path_}: {error.message}", error.errors) from error
        form = QuestionForm(_as_query(form_data), survey=survey)
        form.is_valid()
        try:
            services.add_question(section, by=request.user, **form.service_kwargs())
        except ServiceError as error:
            raise ApiError(400, f"{path_}: {error.message}") from error


def _as_query(data: dict[str, Any]) -> Any:
    from django.http import QueryDict

    query = QueryDict(mutable=True)
    for key, value in data.items():
        if isinstance(value, bool):
            if value:
                query[key] = "on"
        elif value is not None:
            query[key] = str(value)
    return query


@api_endpoint(
    summary="Read one survey with its parts and questions",
    tags=["surveys"],
    response=SURVEY_DETAIL_SCHEMA,
    auth_required=True,
)
def survey_detail(request: HttpRequest, slug: str, survey_id: int) -> Any:
    survey = get_survey_for_user(request.user, slug, survey_id)
    return serialize_detail(survey, request)


urlpatterns = [
    path("organisations/<slug:slug>/surveys/", survey_collection, name="survey_list"),
    path(
        "organisations/<slug:slug>/surveys/<int:survey_id>/",
        survey_detail,
        name="survey_detail",
    ),
]

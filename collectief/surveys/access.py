"""Access checks of the surveys app (see collectief/accounts/access.py).

Readers of an organisation may look at its surveys; staff members build,
publish and type in paper forms. Anyone else gets 404.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404

from collectief.accounts.access import get_organisation_object_for_user
from collectief.accounts.models import Role
from collectief.surveys.models import Question, Section, Survey, Wave


def get_survey_for_user(
    user: Any, organisation_slug: str, survey_id: int, *, min_role: str = Role.READER
) -> Survey:
    return get_organisation_object_for_user(
        user, organisation_slug, Survey.objects.all(), min_role=min_role, pk=survey_id
    )


def get_section_for_user(
    user: Any, organisation_slug: str, survey_id: int, section_id: int, *, min_role: str
) -> Section:
    survey = get_survey_for_user(user, organisation_slug, survey_id, min_role=min_role)
    section = survey.sections.filter(pk=section_id).first()
    if section is None:
        raise Http404
    section.survey = survey
    return section


def get_question_for_user(
    user: Any, organisation_slug: str, survey_id: int, question_id: int, *, min_role: str
) -> Question:
    survey = get_survey_for_user(user, organisation_slug, survey_id, min_role=min_role)
    question = (
        survey.questions.select_related("section", "show_if_question")
        .filter(pk=question_id)
        .first()
    )
    if question is None:
        raise Http404
    question.survey = survey
    return question


def get_wave_for_user(
    user: Any, organisation_slug: str, survey_id: int, wave_id: int, *, min_role: str
) -> Wave:
    survey = get_survey_for_user(user, organisation_slug, survey_id, min_role=min_role)
    wave = survey.waves.filter(pk=wave_id).first()
    if wave is None:
        raise Http404
    wave.survey = survey
    return wave


def get_open_survey(public_token: str) -> Survey:
    """The survey behind a public link (any status; the view explains a closed one)."""
    # get() rather than first(): every respondent request starts here, and an
    # ordering that one unique row does not need costs a quarter of the query.
    try:
        return Survey.objects.select_related("organisation").get(public_token=public_token)
    except Survey.DoesNotExist:
        raise Http404 from None

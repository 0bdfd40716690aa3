"""Access checks of the surveys app (see collectief/accounts/access.py).

Readers of an organisation may look at its surveys; staff members build,
publish and type in paper forms. Anyone else gets 404.

Separate responses (all answers as a file, the open answers word for word)
are for beheerders and medewerkers only, and only once a survey has at least
``MIN_COUNT`` responses (DESIGN §4): with fewer, the people who answered are
too easy to recognise from their answers.
"""

from __future__ import annotations

import copy
import itertools
import time
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import ngettext

from collectief.accounts.access import can_edit, get_organisation_object_for_user
from collectief.accounts.models import Role
from collectief.lib.lru import LruCache
from collectief.lib.suppression import MIN_COUNT, is_small
from collectief.surveys.models import Question, Section, Survey, Wave


def get_survey_for_user(
    user: Any, organisation_slug: str, survey_id: int, *, min_role: str = Role.READER
) -> Survey:
    return get_organisation_object_for_user(
        user, organisation_slug, Survey.objects.all(), min_role=min_role, pk=survey_id
    )


class TooFewResponsesError(PermissionDenied):
    """A member may read separate responses, but the survey has too few yet."""

    def __init__(self, survey: Survey, n_responses: int) -> None:
        self.survey = survey
        self.n_responses = n_responses
        self.minimum = MIN_COUNT
        super().__init__(
            ngettext(
                "This survey has %(n)s response. Separate answers can be seen from "
                "%(min)s responses on, so that nobody can be recognised by their answers.",
                "This survey has %(n)s responses. Separate answers can be seen from "
                "%(min)s responses on, so that nobody can be recognised by their answers.",
                n_responses,
            )
            % {"n": n_responses, "min": MIN_COUNT}
        )


def get_survey_responses_for_user(user: Any, organisation_slug: str, survey_id: int) -> Survey:
    """The survey whose separate responses ``user`` may read.

    Beheerders and medewerkers only (a reader gets 403, an outsider 404), and
    only from ``MIN_COUNT`` responses on (``TooFewResponsesError``, also a 403).
    """
    survey = get_survey_for_user(user, organisation_slug, survey_id, min_role=Role.STAFF)
    n_responses = survey.responses.count()
    if is_small(n_responses):
        raise TooFewResponsesError(survey, n_responses)
    return survey


def may_read_responses(user: Any, survey: Survey, n_responses: int) -> bool:
    """Whether to offer the links to separate responses (same rule as above)."""
    return can_edit(user, survey.organisation) and not is_small(n_responses)


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


def get_open_survey(public_token: str, *, with_organisation: bool = True) -> Survey:
    """The survey behind a public link (any status; the view explains a closed one).

    A submission that succeeds never shows the organisation, so it leaves out
    the join (``with_organisation=False``); a page that does show it reads it then.
    """
    # get() rather than first(): every respondent request starts here, and an
    # ordering that one unique row does not need costs a quarter of the query.
    surveys = Survey.objects.all()
    if with_organisation:
        surveys = surveys.select_related("organisation")
    try:
        return surveys.get(public_token=public_token)
    except Survey.DoesNotExist:
        raise Http404 from None


# A respondent opens the page far more often than anyone changes the survey, and
# reading it (with its organisation) is the largest part of showing a page. So a
# page, never a submission, may show the survey as this process read it at most
# PAGE_SURVEY_SECONDS ago. A submission always reads the survey afresh: whether it
# is still open, its structure version and its answer layout are decided there.
PAGE_SURVEY_SECONDS = 2.0
_page_surveys: LruCache[Survey] = LruCache(256)
_generation = itertools.count()
_current_generation = next(_generation)


def get_open_survey_for_page(public_token: str) -> Survey:
    """``get_open_survey`` for showing a respondent page: possibly a moment old.

    Every change to a survey or its structure in this process starts a new
    generation, so this process never shows an older survey than it wrote;
    other processes catch up within PAGE_SURVEY_SECONDS. Each call gets its own
    copy, so a view can never change what another request sees.
    """
    window = int(time.monotonic() // PAGE_SURVEY_SECONDS)
    survey = _page_surveys.get_or_build(
        (public_token, window, _current_generation), lambda: get_open_survey(public_token)
    )
    return copy.copy(survey)


def survey_changed(*args: Any, **kwargs: Any) -> None:
    """Forget the surveys kept for pages (connected to survey and structure changes)."""
    global _current_generation
    _current_generation = next(_generation)

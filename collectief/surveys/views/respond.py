"""The public respondent pages: one section per screen, submitted exactly once."""

from __future__ import annotations

import functools
import re
import secrets
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.cache import patch_vary_headers
from django.utils.decorators import decorator_from_middleware
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from collectief.lib.errors import ServiceError
from collectief.lib.lru import LruCache
from collectief.lib.params import int_param
from collectief.lib.suppression import MIN_COUNT
from collectief.ratelimits.services import RateLimit, RateLimitExceededError
from collectief.surveys import services
from collectief.surveys.access import (
    get_open_survey,
    get_open_survey_for_page,
    get_survey_for_user,
)
from collectief.surveys.compiled import compiled_survey
from collectief.surveys.forms import HONEYPOT_FIELD, field_name, posted_answers
from collectief.surveys.models import Question, Survey

# --------------------------------------------------------------------------- respondents


class _SessionCsrfCookie(CsrfViewMiddleware):
    """CSRF protection whose cookie lives for the browser session only.

    Django's CSRF cookie lasts a year (``CSRF_COOKIE_AGE``): a fixed random
    value on the device that could tie a respondent's visits together. The
    respondent pages set it without an expiry, so it is gone when the browser
    closes. As a view decorator this runs inside the site-wide middleware and
    sets the cookie first; it then clears the flag, so the site-wide
    middleware does not set the one-year cookie over it.
    """

    def _set_csrf_cookie(self, request: HttpRequest, response: HttpResponse) -> None:
        if settings.CSRF_USE_SESSIONS:  # no cookie at all: Django's own behaviour
            super()._set_csrf_cookie(request, response)  # type: ignore[misc]
            return
        response.set_cookie(
            settings.CSRF_COOKIE_NAME,
            request.META["CSRF_COOKIE"],
            max_age=None,
            domain=settings.CSRF_COOKIE_DOMAIN,
            path=settings.CSRF_COOKIE_PATH,
            secure=settings.CSRF_COOKIE_SECURE,
            httponly=settings.CSRF_COOKIE_HTTPONLY,
            samesite=settings.CSRF_COOKIE_SAMESITE,  # type: ignore[arg-type]
        )
        patch_vary_headers(response, ("Cookie",))


session_csrf_cookie = decorator_from_middleware(_SessionCsrfCookie)

STATE_MAX_AGE = 60 * 60 * 24 * 7  # a week: people may come back to a paused survey
FIELD_RE = re.compile(r"^q(\d+)$")


def default_privacy_text(survey: Survey) -> str:
    return _(
        "You answer without your name. We do not store your IP address or anything else "
        "that shows who you are. %(organisation)s uses the answers only to learn what the "
        "activities change for people in the neighbourhood. Do not write names or addresses "
        "in the open answers."
    ) % {"organisation": survey.organisation.name}


def _sign(survey: Survey, state: dict[str, Any]) -> str:
    return signing.dumps(state, salt=f"surveys.respond.{survey.public_token}", compress=True)


def _unsign(survey: Survey, value: str) -> dict[str, Any] | None:
    try:
        state = signing.loads(
            value, salt=f"surveys.respond.{survey.public_token}", max_age=STATE_MAX_AGE
        )
    except signing.BadSignature:
        return None
    if not isinstance(state, dict) or not isinstance(state.get("k"), str):
        return None
    return state


class _Flow:
    """The sections and questions of a survey, and which ones skip logic shows."""

    def __init__(self, survey: Survey) -> None:
        self.survey = survey
        self.compiled = compiled_survey(survey)
        self.sections = self.compiled.sections
        self.by_id = self.compiled.by_id
        self.by_section = self.compiled.by_section

    def shown(self, index: int, answers: dict[int, list[str]]) -> list[Question]:
        """Questions of section ``index`` to show: visible now, or depending on this section."""
        section = self.sections[index]
        result = []
        for question in self.by_section[section.pk]:
            controller = self.by_id.get(question.show_if_question_id or 0)
            if controller is not None and controller.section_id == section.pk:
                result.append(question)  # the browser (or the respondent) applies it
            elif services.is_visible(question, answers, self.by_id):
                result.append(question)
        return result

    def active(self, answers: dict[int, list[str]]) -> list[int]:
        return [i for i in range(len(self.sections)) if self.shown(i, answers)]


def _answers_from(state: dict[str, Any]) -> dict[int, list[str]]:
    raw = state.get("a", {})
    return {int(k): [str(v) for v in vs] for k, vs in raw.items() if str(k).isdigit()}


def _closed_page(request: HttpRequest, survey: Survey, reason: str) -> HttpResponse:
    return render(
        request,
        "surveys/respond_closed.html",
        {"survey": survey, "reason": reason},
        status=404 if reason == "draft" else 410,
    )


def _rate_limit(request: HttpRequest, survey: Survey) -> RateLimit:
    """Submissions per client address and hour for this survey (a hash, never the address)."""
    return RateLimit.for_request(
        request, f"survey:{survey.pk}", settings.SURVEYS_SUBMISSIONS_PER_HOUR
    )


def _open_survey_page(view: Callable[[HttpRequest, _Flow], HttpResponse]) -> Callable[..., Any]:
    """A respondent page of an open survey: ``view(request, flow)``.

    Finds the survey behind the public link (404 when there is none), shows
    the closed page when it no longer takes answers, and reads its structure.
    Never cached, and with a CSRF cookie for the session only.
    """

    @functools.wraps(view)
    def wrapped(request: HttpRequest, public_token: str) -> HttpResponse:
        # A page may show the survey as read a moment ago; a submission reads it afresh.
        if request.method == "POST":
            survey = get_open_survey(public_token, with_organisation=False)
        else:
            survey = get_open_survey_for_page(public_token)
        reason = services.closed_reason(survey)
        if reason:
            return _closed_page(request, survey, reason)
        return view(request, _Flow(survey))

    return never_cache(session_csrf_cookie(wrapped))


@_open_survey_page
def respond(request: HttpRequest, flow: _Flow) -> HttpResponse:
    """The public respondent page: one section per screen, submitted once at the end."""
    survey = flow.survey
    if request.method != "POST":
        active = flow.active({})
        if not active:
            return _closed_page(request, survey, "draft")
        fresh: dict[str, Any] = {"k": secrets.token_urlsafe(24), "a": {}, "s": active[0]}
        return _first_page(request, flow, fresh)
    if request.POST.get(HONEYPOT_FIELD):
        # A robot filled in the hidden field: pretend all went well, store nothing.
        return redirect("surveys:thanks", survey.public_token)
    posted = _posted_section(request, flow)
    if isinstance(posted, HttpResponse):
        return posted
    state, answers, step, shown, raw = posted
    # Validate this section in question order so that skip logic inside it works.
    for question in shown:
        answers.pop(question.pk, None)
    errors: dict[int, str] = {}
    for question in shown:
        if not services.is_visible(question, answers, flow.by_id):
            continue
        try:
            keys = services.clean_answer(question, raw.get(question.pk, []))
        except ServiceError as error:
            errors[question.pk] = error.message
            continue
        if keys:
            answers[question.pk] = keys
    state["a"] = {str(k): v for k, v in answers.items() if v}
    if errors:
        return _render_step(request, flow, state, typed=raw, errors=errors, status=400)
    later = [i for i in flow.active(answers) if i > step]
    if later:
        state["s"] = later[0]
        return _render_step(request, flow, state)
    try:
        services.submit_response(
            survey,
            answers,
            idempotency_key=str(state["k"]),
            structure=flow.compiled,
            rate_limit=_rate_limit(request, survey),
        )
    except RateLimitExceededError:
        return render(request, "surveys/respond_busy.html", {"survey": survey}, status=429)
    except services.SubmissionError:
        # An earlier section no longer validates (the survey changed meanwhile).
        return render(request, "surveys/respond_expired.html", {"survey": survey}, status=400)
    except ServiceError as error:
        if error.field == "__closed__":
            return _closed_page(request, survey, services.closed_reason(survey) or "closed")
        return render(request, "surveys/respond_expired.html", {"survey": survey}, status=400)
    # The response is committed; only now say thank you.
    return redirect("surveys:thanks", survey.public_token)


def _expired(request: HttpRequest, survey: Survey, **extra: Any) -> HttpResponse:
    return render(request, "surveys/respond_expired.html", {"survey": survey, **extra}, status=400)


def _posted_state(
    request: HttpRequest, flow: _Flow
) -> tuple[dict[str, Any], dict[int, list[str]], int] | HttpResponse:
    """The signed state of a posted page (state, answers, step), or the expired page."""
    survey = flow.survey
    state = _unsign(survey, request.POST.get("state", ""))
    if state is None:
        return _expired(request, survey)
    step = int(state.get("s", 0))
    if not 0 <= step < len(flow.sections):
        return _expired(request, survey)
    return state, _answers_from(state), step


def _posted_section(
    request: HttpRequest, flow: _Flow
) -> (
    tuple[dict[str, Any], dict[int, list[str]], int, list[Question], dict[int, list[str]]]
    | HttpResponse
):
    """The posted page with its shown questions and what was typed in them."""
    found = _posted_state(request, flow)
    if isinstance(found, HttpResponse):
        return found
    state, answers, step = found
    shown = flow.shown(step, answers)
    shown_ids = {q.pk for q in shown}
    posted_ids = {int(m.group(1)) for name in request.POST if (m := FIELD_RE.match(name))}
    if posted_ids - shown_ids:
        return _expired(request, flow.survey, forged=True)
    return state, answers, step, shown, posted_answers(request.POST, shown)


@require_POST
@_open_survey_page
def respond_back(request: HttpRequest, flow: _Flow) -> HttpResponse:
    """The previous part, keeping what was typed on this one (not checked yet)."""
    posted = _posted_section(request, flow)
    if isinstance(posted, HttpResponse):
        return posted
    state, answers, step, shown, raw = posted
    earlier = [i for i in flow.active(answers) if i < step]
    for question in shown:
        answers[question.pk] = raw.get(question.pk, [])
    state["a"] = {str(k): v for k, v in answers.items() if v}
    state["s"] = earlier[-1] if earlier else step
    return _render_step(request, flow, state)


@require_POST
@_open_survey_page
def respond_resume(request: HttpRequest, flow: _Flow) -> HttpResponse:
    """Continue where this browser session was (the state the browser kept)."""
    found = _posted_state(request, flow)
    if isinstance(found, HttpResponse):
        return found
    return _render_step(request, flow, found[0])


def _render_step(
    request: HttpRequest,
    flow: _Flow,
    state: dict[str, Any],
    *,
    typed: dict[int, list[str]] | None = None,
    errors: dict[int, str] | None = None,
    status: int = 200,
) -> HttpResponse:
    """One part of the survey, with what was typed or answered before filled in."""
    context = _step_context(flow, state, typed=typed, errors=errors)
    context["state"] = _sign(flow.survey, state)
    return render(request, "surveys/respond.html", context, status=status)


def _step_context(
    flow: _Flow,
    state: dict[str, Any],
    *,
    typed: dict[int, list[str]] | None = None,
    errors: dict[int, str] | None = None,
) -> dict[str, Any]:
    survey = flow.survey
    answers = _answers_from(state)
    step = int(state["s"])
    shown = flow.shown(step, answers)
    active = flow.active(answers)
    position = active.index(step) + 1 if step in active else 1
    # After an error the page shows what was typed; otherwise what was answered before.
    if typed is None:
        typed = {q.pk: answers.get(q.pk, []) for q in shown}
    errors = errors or {}
    items = [
        _question_item(question, typed.get(question.pk, []), errors.get(question.pk))
        for question in shown
    ]
    _add_conditions(flow, items)
    return {
        "survey": survey,
        "section": flow.sections[step],
        "items": items,
        "has_errors": bool(errors),
        "position": position,
        "total": len(active),
        "is_first": position == 1,
        "is_last": position == len(active),
        "honeypot": HONEYPOT_FIELD,
        "privacy_text": survey.privacy_text or default_privacy_text(survey),
        "min_count": MIN_COUNT,
    }


# Every respondent opens the same first page: only the signed state and the
# CSRF token differ. It is drawn once per survey version, language and path,
# with two marks in place of those values, and kept per process; each request
# then costs two string replacements instead of drawing some hundred template
# nodes. The key holds everything the page shows (the survey's change time
# covers its texts and status, the structure version its questions), so a
# changed survey is drawn afresh and nothing needs invalidating.
_FIRST_PAGES: LruCache[str] = LruCache(256)
_STATE_MARK = f"state{secrets.token_hex(12)}"
_CSRF_MARK = f"csrf{secrets.token_hex(12)}"


def _first_page(request: HttpRequest, flow: _Flow, state: dict[str, Any]) -> HttpResponse:
    """The first part for a new respondent (``state`` has no answers yet)."""
    survey = flow.survey
    if request.GET:
        # The language form sends the full path back; keep odd paths out of the cache.
        return _render_step(request, flow, state)
    key = (
        survey.pk,
        survey.created_at.timestamp(),
        survey.updated_at.timestamp(),
        survey.structure_version,
        survey.organisation.name,
        get_language(),
        request.path,
        state["s"],
    )

    def draw() -> str:
        context = _step_context(flow, state)
        context.update(state=_STATE_MARK, csrf_token=_CSRF_MARK)
        return render_to_string("surveys/respond.html", context, request)

    page = _FIRST_PAGES.get_or_build(key, draw)
    return HttpResponse(
        page.replace(_STATE_MARK, _sign(survey, state)).replace(_CSRF_MARK, get_token(request))
    )


def _add_conditions(flow: _Flow, items: list[dict[str, Any]], *, preview: bool = False) -> None:
    """Name the skip condition of each question that has one.

    A condition on a question in the same part is applied in the browser
    (``inline``). The preview also names conditions on earlier parts, which a
    respondent never sees because the server already applied them.
    """
    for item in items:
        question = item["question"]
        controller = flow.by_id.get(question.show_if_question_id or 0)
        if controller is None:
            continue
        inline = controller.section_id == question.section_id
        if inline or preview:
            labels = dict(controller.answer_options())
            item["condition"] = {
                "inline": inline,
                "field": field_name(controller),
                "values": " ".join(question.show_if_values),
                "question": controller.text,
                "answers": ", ".join(labels.get(k, k) for k in question.show_if_values),
            }


def _question_item(question: Question, keys: list[str], error: str | None) -> dict[str, Any]:
    """What the respondent template needs to draw one question, without form widgets.

    Drawing the inputs in one template loop instead of through Django's widget
    templates (a template per option) makes the page several times cheaper;
    it is the page every respondent opens. The answer keys and field names are
    the ones ``posted_answers`` reads back.
    """
    name = field_name(question)
    if question.type == Question.Type.MULTIPLE_CHOICE:
        kind = "checkbox"
    elif question.is_closed:
        kind = "radio"
    elif question.type == Question.Type.NUMBER:
        kind = "number"
    elif question.type == Question.Type.LONG_TEXT:
        kind = "textarea"
    else:
        kind = "text"
    chosen = set(keys)
    return {
        "question": question,
        "name": name,
        "id": f"id_{name}",
        "kind": kind,
        "options": [
            {"key": key, "label": label, "checked": key in chosen, "id": f"id_{name}_{index}"}
            for index, (key, label) in enumerate(question.answer_options())
        ],
        "value": keys[0] if keys and kind not in ("radio", "checkbox") else "",
        "error": error,
        "condition": None,
    }


@never_cache
@session_csrf_cookie
def thanks(request: HttpRequest, public_token: str) -> HttpResponse:
    survey = get_open_survey_for_page(public_token)
    return render(request, "surveys/respond_thanks.html", {"survey": survey})


@login_required
def preview(request: HttpRequest, organisation_slug: str, survey_id: int) -> HttpResponse:
    """The survey exactly as a respondent sees it (same template), without sending.

    Members see it in any status, also before it is opened. The buttons only
    page through the parts (``?deel=<n>``); nothing is validated or stored.
    """
    survey = get_survey_for_user(request.user, organisation_slug, survey_id)
    flow = _Flow(survey)
    steps = [i for i, section in enumerate(flow.sections) if flow.by_section[section.pk]]
    if not steps:
        return render(
            request,
            "surveys/respond_closed.html",
            {"survey": survey, "reason": "empty", "preview": True},
        )
    wanted = int_param(request, "deel", 1)
    position = wanted if wanted is not None and wanted <= len(steps) else 1
    section = flow.sections[steps[position - 1]]
    items = [_question_item(question, [], None) for question in flow.by_section[section.pk]]
    _add_conditions(flow, items, preview=True)
    return render(
        request,
        "surveys/respond.html",
        {
            "survey": survey,
            "section": section,
            "items": items,
            "preview": True,
            "position": position,
            "total": len(steps),
            "is_first": position == 1,
            "is_last": position == len(steps),
            "next_step": position + 1,
            "previous_step": position - 1,
            "privacy_text": survey.privacy_text or default_privacy_text(survey),
            "min_count": MIN_COUNT,
        },
    )

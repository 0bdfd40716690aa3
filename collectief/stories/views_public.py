"""Public pages: the stories an organisation may publish, and the public story link.

Everything here reads stories through ``services.public_stories``: a story
whose consent is withdrawn, internal or not recorded is a 404. An anonymous
story is shown without name and without photo (a face is a name).

The story link works like a survey's public link and uses the same pieces:
no account, no IP address stored (the rate limit counts a salted hash of
it, ``ratelimits``), a hidden honeypot field for robots, a CSRF cookie that
lives for the browser session only, and never cached.
"""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from collectief.accounts.access import get_public_organisation
from collectief.lib.errors import ServiceError
from collectief.lib.params import get_page
from collectief.ratelimits.services import RateLimit, RateLimitExceededError
from collectief.stories import services
from collectief.stories.access import get_open_link, get_public_story
from collectief.stories.forms import PublicStoryForm, effect_label
from collectief.stories.models import ConsentLevel, StoryLink
from collectief.stories.views import _form_error, _photo_response
from collectief.surveys.forms import HONEYPOT_FIELD
from collectief.surveys.views.respond import session_csrf_cookie

PER_PAGE = 12


@require_GET
def public_list(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_public_organisation(slug)
    stories = (
        services.public_stories(organisation)
        .prefetch_related("effects")
        .order_by("-told_on", "-pk")
    )
    page = get_page(request, Paginator(stories, PER_PAGE))
    return render(
        request,
        "stories/public/list.html",
        {"organisation": organisation, "page": page, "anonymous": ConsentLevel.ANONYMOUS},
    )


@require_GET
def public_detail(request: HttpRequest, slug: str, story_id: int) -> HttpResponse:
    story = get_public_story(slug, story_id)
    return render(
        request,
        "stories/public/detail.html",
        {
            "organisation": story.organisation,
            "story": story,
            "is_anonymous": story.consent_level == ConsentLevel.ANONYMOUS,  # type: ignore[attr-defined]
            "effects": [effect_label(e) for e in story.effects.all()],
        },
    )


@require_GET
def public_photo(request: HttpRequest, slug: str, story_id: int) -> HttpResponseBase:
    story = get_public_story(slug, story_id)
    if story.consent_level == ConsentLevel.ANONYMOUS:  # type: ignore[attr-defined]
        return HttpResponse(status=404)
    return _photo_response(story)


def _rate_limit(request: HttpRequest, link: StoryLink) -> RateLimit:
    """Stories per client address and hour for this link (a hash, never the address)."""
    return RateLimit.for_request(
        request, f"story-link:{link.pk}", settings.STORIES_SUBMISSIONS_PER_HOUR
    )


@never_cache
@session_csrf_cookie
@require_http_methods(["GET", "POST"])
def tell(request: HttpRequest, token: str) -> HttpResponse:
    """The public story form: one page, stored once, then thanks."""
    link = get_open_link(token)
    if not link.is_open:
        return render(
            request, "stories/public/closed.html", {"link": link, "survey": link}, status=410
        )
    status = 200
    if request.method == "POST":
        if request.POST.get(HONEYPOT_FIELD):
            # A robot filled in the hidden field: pretend all went well, store nothing.
            return redirect("stories:thanks", link.token)
        form = PublicStoryForm(request.POST)
        if form.is_valid():
            try:
                services.submit_story(
                    link, **form.cleaned_data, rate_limit=_rate_limit(request, link)
                )
            except RateLimitExceededError:
                return render(
                    request, "stories/public/busy.html", {"link": link, "survey": link}, status=429
                )
            except ServiceError as exc:
                if exc.field == "__closed__":
                    return render(
                        request,
                        "stories/public/closed.html",
                        {"link": link, "survey": link},
                        status=410,
                    )
                _form_error(form, exc)
            else:
                return redirect("stories:thanks", link.token)
        status = 400
    else:
        form = PublicStoryForm()
    return render(
        request,
        "stories/public/tell.html",
        {
            "link": link,
            # The respondent frame names the organisation through ``survey``.
            "survey": link,
            "organisation": link.organisation,
            "form": form,
            "honeypot": HONEYPOT_FIELD,
        },
        status=status,
    )


@never_cache
@require_GET
def thanks(request: HttpRequest, token: str) -> HttpResponse:
    link = get_open_link(token)
    return render(request, "stories/public/thanks.html", {"link": link, "survey": link})

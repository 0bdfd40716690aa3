"""Stories pages for members: list, create/edit, detail, consent, quotes and links.

Access is decided in ``access.py``; writes go through ``services.py``.
Readers see the organisation's stories; medewerkers and beheerders change
them. The Most Significant Change rounds are in ``views_msc.py``, the public
pages and the story link in ``views_public.py``.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from collectief.accounts.access import can_edit, get_organisation_for_user
from collectief.accounts.models import Role
from collectief.lib.errors import ServiceError
from collectief.lib.params import get_page, int_param
from collectief.stories import services
from collectief.stories.access import (
    get_link_for_user,
    get_quote_for_user,
    get_story_for_user,
)
from collectief.stories.forms import (
    ConsentForm,
    LinkForm,
    QuoteForm,
    StoryEditForm,
    StoryForm,
    effect_label,
)
from collectief.stories.models import ConsentLevel, Quote, Story, StoryLink
from collectief.surveys.access import get_survey_responses_for_user
from collectief.surveys.models import Answer
from collectief.surveys.views_results import separate_responses

PER_PAGE = 25
SEARCH_MAX_LENGTH = 100
# The consent filter: a level, or withdrawn, or no consent recorded yet.
CONSENT_FILTERS = {*ConsentLevel.values, "ingetrokken", "geen"}


def _form_error(form: Any, exc: ServiceError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


def _replaced_notice(request: HttpRequest, typed: str, story: Story) -> None:
    if " ".join(typed.split()) != " ".join(story.text.split()):
        messages.info(
            request,
            _(
                "The story is anonymous: we replaced names, addresses and numbers in the text "
                "by a word in brackets, such as [NAAM]. Check the text below."
            ),
        )


@login_required
@require_GET
def story_list(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    organisation = get_organisation_for_user(request.user, organisation_slug)
    query = request.GET.get("q", "").strip()[:SEARCH_MAX_LENGTH]
    effects = list(services.effects_of(organisation))
    effect_id = int_param(request, "effect")
    effect = next((e for e in effects if e.pk == effect_id), None)
    consent = request.GET.get("toestemming", "")
    consent = consent if consent in CONSENT_FILTERS else ""
    stories = (
        Story.objects.for_organisation(organisation)
        .with_consent()
        .prefetch_related("effects")
        .order_by("-told_on", "-pk")
    )
    if query:
        stories = stories.filter(
            Q(title__icontains=query) | Q(text__icontains=query) | Q(author_name__icontains=query)
        )
    if effect is not None:
        stories = stories.filter(effects=effect)
    if consent == "ingetrokken":
        stories = stories.withdrawn()
    elif consent == "geen":
        stories = stories.without_consent()
    elif consent:
        stories = stories.consented((consent,))
    page = get_page(request, Paginator(stories, PER_PAGE))
    params = {
        k: v
        for k, v in {
            "q": query,
            "effect": effect.pk if effect else "",
            "toestemming": consent,
        }.items()
        if v
    }
    return render(
        request,
        "stories/list.html",
        {
            "organisation": organisation,
            "page": page,
            "q": query,
            "query": urlencode(params),
            "effects": [(e, effect_label(e)) for e in effects],
            "effect": effect,
            "consent": consent,
            "consent_levels": ConsentLevel.choices,
            "can_edit": can_edit(request.user, organisation),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def story_create(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    organisation = get_organisation_for_user(request.user, organisation_slug, min_role=Role.STAFF)
    if request.method == "POST":
        form = StoryForm(request.POST, request.FILES, organisation=organisation)
        if form.is_valid():
            data = form.cleaned_data
            try:
                story = services.create_story(
                    organisation,
                    by=request.user,
                    title=data["title"],
                    text=data["text"],
                    author_role=data["author_role"],
                    author_name=data["author_name"],
                    told_on=data["told_on"],
                    effects=data["effects"],
                    source=data["source"],
                    photo=data["photo"] or None,
                    photo_alt=data["photo_alt"],
                    consent_level=data["consent_level"],
                    consent_method=data["consent_method"],
                    consent_asked_by=data["consent_asked_by"],
                    consent_asked_on=data["consent_asked_on"],
                )
            except ServiceError as exc:
                _form_error(form, exc)
            else:
                messages.success(request, _("The story has been saved."))
                _replaced_notice(request, data["text"], story)
                return redirect("stories:detail", organisation.slug, story.pk)
    else:
        form = StoryForm(
            organisation=organisation,
            initial={"consent_asked_by": request.user.get_full_name() or ""},  # type: ignore[union-attr]
        )
    return render(
        request,
        "stories/form.html",
        {"organisation": organisation, "form": form, "story": None},
        status=400 if form.errors else 200,
    )


@login_required
@require_GET
def story_detail(request: HttpRequest, organisation_slug: str, story_id: int) -> HttpResponse:
    story = get_story_for_user(request.user, organisation_slug, story_id)
    consents = list(story.consents.all())
    current = consents[0] if consents else None
    quotes = story.quotes.select_related("effect")
    return render(
        request,
        "stories/detail.html",
        {
            "organisation": story.organisation,
            "story": story,
            "effects": [effect_label(e) for e in story.effects.all()],
            "consents": consents,
            "current": current,
            "is_public": services.public_stories(story.organisation).filter(pk=story.pk).exists(),
            "quotes": [(q, effect_label(q.effect) if q.effect else "") for q in quotes],
            "quote_form": QuoteForm(organisation=story.organisation),
            "can_edit": can_edit(request.user, story.organisation),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def story_edit(request: HttpRequest, organisation_slug: str, story_id: int) -> HttpResponse:
    story = get_story_for_user(request.user, organisation_slug, story_id, min_role=Role.STAFF)
    organisation = story.organisation
    if request.method == "POST":
        form = StoryEditForm(request.POST, request.FILES, organisation=organisation)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.update_story(
                    story,
                    by=request.user,
                    title=data["title"],
                    text=data["text"],
                    author_role=data["author_role"],
                    author_name=data["author_name"],
                    told_on=data["told_on"],
                    effects=data["effects"],
                    photo=data["photo"] or None,
                    photo_alt=data["photo_alt"],
                    remove_photo=data["remove_photo"],
                )
            except ServiceError as exc:
                _form_error(form, exc)
            else:
                messages.success(request, _("The story has been saved."))
                _replaced_notice(request, data["text"], story)
                return redirect("stories:detail", organisation.slug, story.pk)
    else:
        form = StoryEditForm(organisation=organisation, initial=StoryEditForm.initial_for(story))
    return render(
        request,
        "stories/form.html",
        {"organisation": organisation, "form": form, "story": story},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def story_delete(request: HttpRequest, organisation_slug: str, story_id: int) -> HttpResponse:
    story = get_story_for_user(request.user, organisation_slug, story_id, min_role=Role.STAFF)
    if request.method == "POST":
        services.delete_story(story, by=request.user)
        messages.success(request, _("The story has been deleted."))
        return redirect("stories:list", story.organisation.slug)
    return render(
        request, "stories/delete.html", {"organisation": story.organisation, "story": story}
    )


def _photo_response(story: Story) -> HttpResponseBase:
    if not story.photo:
        raise Http404
    try:
        handle = story.photo.open("rb")
    except OSError as exc:
        raise Http404 from exc
    content_type = "image/png" if (story.photo.name or "").endswith(".png") else "image/jpeg"
    response = FileResponse(handle, content_type=content_type)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def story_photo(request: HttpRequest, organisation_slug: str, story_id: int) -> HttpResponseBase:
    story = get_story_for_user(request.user, organisation_slug, story_id)
    return _photo_response(story)


@login_required
@require_http_methods(["GET", "POST"])
def consent_record(request: HttpRequest, organisation_slug: str, story_id: int) -> HttpResponse:
    story = get_story_for_user(request.user, organisation_slug, story_id, min_role=Role.STAFF)
    if request.method == "POST":
        form = ConsentForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.record_consent(story, by=request.user, **data)
            except ServiceError as exc:
                _form_error(form, exc)
            else:
                messages.success(request, _("The consent has been recorded."))
                return redirect("stories:detail", story.organisation.slug, story.pk)
    else:
        form = ConsentForm(initial={"asked_by": request.user.get_full_name() or ""})  # type: ignore[union-attr]
    return render(
        request,
        "stories/consent.html",
        {"organisation": story.organisation, "story": story, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def consent_withdraw(request: HttpRequest, organisation_slug: str, story_id: int) -> HttpResponse:
    story = get_story_for_user(request.user, organisation_slug, story_id, min_role=Role.STAFF)
    current = story.current_consent()
    if request.method == "POST":
        try:
            services.withdraw_consent(story, by=request.user)
        except ServiceError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                _(
                    "The consent has been withdrawn. The story is no longer shown anywhere outside."
                ),
            )
        return redirect("stories:detail", story.organisation.slug, story.pk)
    return render(
        request,
        "stories/withdraw.html",
        {"organisation": story.organisation, "story": story, "current": current},
    )


@login_required
@require_POST
def quote_create(request: HttpRequest, organisation_slug: str, story_id: int) -> HttpResponse:
    story = get_story_for_user(request.user, organisation_slug, story_id, min_role=Role.STAFF)
    form = QuoteForm(request.POST, organisation=story.organisation)
    if form.is_valid():
        try:
            services.create_quote(
                story,
                by=request.user,
                text=form.cleaned_data["text"],
                effect=form.cleaned_data["effect"],
            )
        except ServiceError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("The quote has been saved."))
            return redirect("stories:detail", story.organisation.slug, story.pk)
    return render(
        request,
        "stories/quote_form.html",
        {"organisation": story.organisation, "story": story, "form": form},
        status=400,
    )


@login_required
@require_GET
def quote_list(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    """Every quote of the organisation, by effect: from stories and from survey answers."""
    organisation = get_organisation_for_user(request.user, organisation_slug)
    groups = []
    for effect in services.effects_of(organisation):
        quotes = list(services.quotes_for_effect(effect, public_only=False))
        groups.append((effect_label(effect), [(q, services.consent_level_of(q)) for q in quotes]))
    loose = Quote.objects.filter(organisation=organisation, effect__isnull=True).select_related(
        "story", "answer__question"
    )
    groups.append(
        (_("Not linked to an effect yet"), [(q, services.consent_level_of(q)) for q in loose])
    )
    return render(
        request,
        "stories/quotes.html",
        {
            "organisation": organisation,
            "groups": [g for g in groups if g[1]],
            "levels": dict(ConsentLevel.choices),
            "can_edit": can_edit(request.user, organisation),
        },
    )


@login_required
@require_POST
def quote_delete(request: HttpRequest, organisation_slug: str, quote_id: int) -> HttpResponse:
    quote = get_quote_for_user(request.user, organisation_slug, quote_id, min_role=Role.STAFF)
    services.delete_quote(quote, by=request.user)
    messages.success(request, _("The quote has been deleted."))
    if quote.story_id:
        return redirect("stories:detail", organisation_slug, quote.story_id)
    return redirect("stories:quotes", organisation_slug)


@login_required
@require_POST
@separate_responses
def answer_quote(
    request: HttpRequest, organisation_slug: str, survey_id: int, answer_id: int
) -> HttpResponse:
    """Mark an open survey answer as a quote, or no longer (the survey's open answers page)."""
    survey = get_survey_responses_for_user(request.user, organisation_slug, survey_id)
    answer = (
        Answer.objects.select_related("question__survey")
        .filter(pk=answer_id, question__survey=survey)
        .first()
    )
    if answer is None:
        raise Http404
    try:
        if request.POST.get("quote") == "1":
            services.mark_answer_quote(answer, by=request.user)
            messages.success(request, _("The answer is marked as a quote."))
        else:
            services.unmark_answer_quote(answer, by=request.user)
            messages.success(request, _("The answer is no longer a quote."))
    except ServiceError as error:
        messages.error(request, error.message)
    back = request.POST.get("next", "")
    if not back.startswith("/o/"):
        back = ""
    return redirect(
        back or f"/o/{organisation_slug}/vragenlijsten/{survey.pk}/resultaten/open-antwoorden/"
    )


@login_required
@require_http_methods(["GET", "POST"])
def link_list(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    organisation = get_organisation_for_user(request.user, organisation_slug, min_role=Role.STAFF)
    if request.method == "POST":
        form = LinkForm(request.POST)
        if form.is_valid():
            try:
                services.create_link(organisation, by=request.user, **form.cleaned_data)
            except ServiceError as exc:
                _form_error(form, exc)
            else:
                messages.success(request, _("The story link has been made. Share the address."))
                return redirect("stories:links", organisation.slug)
    else:
        form = LinkForm()
    links = StoryLink.objects.filter(organisation=organisation)
    return render(
        request,
        "stories/links.html",
        {
            "organisation": organisation,
            "form": form,
            "links": [
                (link, request.build_absolute_uri(reverse("stories:tell", args=[link.token])))
                for link in links
            ],
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def link_toggle(request: HttpRequest, organisation_slug: str, link_id: int) -> HttpResponse:
    link = get_link_for_user(request.user, organisation_slug, link_id)
    is_open = request.POST.get("open") == "1"
    services.set_link_open(link, by=request.user, is_open=is_open)
    messages.success(
        request,
        _("The story link is open again.") if is_open else _("The story link is closed."),
    )
    return redirect("stories:links", organisation_slug)

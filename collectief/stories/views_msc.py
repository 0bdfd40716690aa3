"""Most Significant Change rounds: the question, the stories collected, the panel's choices.

Per direct effect the panel picks the story it finds most significant and
writes why; the round page shows every choice with its reason.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from collectief.accounts.access import can_edit, get_organisation_for_user
from collectief.accounts.models import Role
from collectief.lib.errors import ServiceError
from collectief.stories import services, services_msc
from collectief.stories.access import get_round_for_user
from collectief.stories.forms import ChoiceForm, RoundForm, RoundStoriesForm, effect_label
from collectief.stories.models import MscRound
from collectief.stories.views import _form_error


@login_required
@require_http_methods(["GET", "POST"])
def round_list(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    organisation = get_organisation_for_user(request.user, organisation_slug)
    editable = can_edit(request.user, organisation)
    form = RoundForm()
    if request.method == "POST":
        organisation = get_organisation_for_user(
            request.user, organisation_slug, min_role=Role.STAFF
        )
        form = RoundForm(request.POST)
        if form.is_valid():
            try:
                msc_round = services_msc.create_round(
                    organisation, by=request.user, **form.cleaned_data
                )
            except ServiceError as exc:
                _form_error(form, exc)
            else:
                messages.success(request, _("The round has been made. Now add its stories."))
                return redirect("stories:round", organisation.slug, msc_round.pk)
    return render(
        request,
        "stories/rounds.html",
        {
            "organisation": organisation,
            "rounds": MscRound.objects.filter(organisation=organisation),
            "form": form,
            "can_edit": editable,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET"])
def round_detail(request: HttpRequest, organisation_slug: str, round_id: int) -> HttpResponse:
    msc_round = get_round_for_user(request.user, organisation_slug, round_id)
    organisation = msc_round.organisation
    stories = list(msc_round.stories.with_consent().prefetch_related("effects"))
    choices = {c.effect_id: c for c in msc_round.choices.select_related("story")}
    rows = []
    for effect in services.effects_of(organisation):
        candidates = [s for s in stories if effect in s.effects.all()]
        rows.append(
            {
                "effect": effect,
                "label": effect_label(effect),
                "choice": choices.get(effect.pk),
                "candidates": candidates,
            }
        )
    return render(
        request,
        "stories/round.html",
        {
            "organisation": organisation,
            "msc_round": msc_round,
            "stories": stories,
            "rows": rows,
            "can_edit": can_edit(request.user, organisation),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def round_stories(request: HttpRequest, organisation_slug: str, round_id: int) -> HttpResponse:
    msc_round = get_round_for_user(request.user, organisation_slug, round_id, min_role=Role.STAFF)
    organisation = msc_round.organisation
    if request.method == "POST":
        form = RoundStoriesForm(request.POST, organisation=organisation)
        if form.is_valid():
            try:
                services_msc.set_round_stories(
                    msc_round, by=request.user, stories=form.cleaned_data["stories"]
                )
            except ServiceError as exc:
                _form_error(form, exc)
            else:
                messages.success(request, _("The stories of the round have been saved."))
                return redirect("stories:round", organisation.slug, msc_round.pk)
    else:
        form = RoundStoriesForm(
            organisation=organisation, initial={"stories": list(msc_round.stories.all())}
        )
    return render(
        request,
        "stories/round_stories.html",
        {"organisation": organisation, "msc_round": msc_round, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def round_choose(
    request: HttpRequest, organisation_slug: str, round_id: int, effect_id: int
) -> HttpResponse:
    msc_round = get_round_for_user(request.user, organisation_slug, round_id, min_role=Role.STAFF)
    organisation = msc_round.organisation
    effect = services.effects_of(organisation).filter(pk=effect_id).first()
    if effect is None:
        raise Http404
    candidates = msc_round.stories.filter(effects=effect)
    current = msc_round.choices.filter(effect=effect).first()
    if request.method == "POST":
        form = ChoiceForm(request.POST, stories=candidates)
        if form.is_valid():
            try:
                services_msc.choose_story(
                    msc_round,
                    by=request.user,
                    effect=effect,
                    story=form.cleaned_data["story"],
                    reason=form.cleaned_data["reason"],
                )
            except ServiceError as exc:
                _form_error(form, exc)
            else:
                messages.success(request, _("The panel's choice has been saved."))
                return redirect("stories:round", organisation.slug, msc_round.pk)
    else:
        initial = {"story": current.story_id, "reason": current.reason} if current else {}
        form = ChoiceForm(stories=candidates, initial=initial)
    return render(
        request,
        "stories/round_choose.html",
        {
            "organisation": organisation,
            "msc_round": msc_round,
            "effect_label": effect_label(effect),
            "form": form,
            "candidates": list(candidates),
        },
        status=400 if form.errors else 200,
    )

"""Pages of samen duiden and the gesprekstools.

Thin views: access through ``access.py``, writes through ``services.py``.
Every member reads; medewerkers and beheerders enter. A form that fails is
shown again on its own page with status 400 and the Dutch message next to
the field.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from collectief.accounts.access import can_edit, get_organisation_for_user
from collectief.accounts.models import Role, User
from collectief.duiding import pdf, services
from collectief.duiding.access import (
    get_arena_session_for_user,
    get_child,
    get_follow_up_for_user,
    get_interpretation_session_for_user,
    get_session_effect,
    get_triangle_session_for_user,
)
from collectief.duiding.forms import (
    ArenaActorForm,
    ArenaEffectForm,
    ConclusionsForm,
    FollowUpForm,
    InterpretationSessionForm,
    ParticipantForm,
    ReadingForm,
    ToolSessionForm,
    TriangleScoreForm,
)
from collectief.duiding.models import (
    ArenaActor,
    ArenaEffect,
    ArenaSession,
    Corner,
    InterpretationSession,
    Participant,
    ParticipantRole,
    TriangleScore,
    TriangleSession,
)
from collectief.duiding.report import render_report
from collectief.duiding.slides import build_slides, general_follow_ups, session_effects
from collectief.duiding.triangle import draw, summarise
from collectief.lib.errors import ServiceError


class AuthenticatedHttpRequest(HttpRequest):
    """A request behind ``@login_required``: its user is a real account."""

    user: User


def _form_error(form: Any, exc: ServiceError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


def _pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@login_required
@require_GET
def overview(request: AuthenticatedHttpRequest, organisation_slug: str) -> HttpResponse:
    organisation = get_organisation_for_user(request.user, organisation_slug)
    return render(
        request,
        "duiding/overview.html",
        {
            "organisation": organisation,
            "sessions": InterpretationSession.objects.for_organisation(organisation),
            "triangles": TriangleSession.objects.for_organisation(organisation),
            "arenas": ArenaSession.objects.for_organisation(organisation),
            "open_follow_ups": services.open_follow_ups(organisation),
            "can_edit": can_edit(request.user, organisation),
        },
    )


def _create_tool_session(
    request: AuthenticatedHttpRequest,
    organisation_slug: str,
    *,
    create: Callable[..., Any],
    detail: str,
    heading: str,
) -> HttpResponse:
    organisation = get_organisation_for_user(request.user, organisation_slug, min_role=Role.STAFF)
    form = ToolSessionForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            session = create(organisation, by=request.user, **form.cleaned_data)
        except ServiceError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("The session has been created."))
            return redirect(detail, organisation.slug, session.pk)
    return render(
        request,
        "duiding/tool_create.html",
        {"organisation": organisation, "form": form, "heading": heading},
        status=400 if request.method == "POST" else 200,
    )


# --------------------------------------------------------------------------- Waardendriehoek


@login_required
@require_http_methods(["GET", "POST"])
def triangle_create(request: AuthenticatedHttpRequest, organisation_slug: str) -> HttpResponse:
    return _create_tool_session(
        request,
        organisation_slug,
        create=services.create_triangle_session,
        detail="duiding:triangle",
        heading=_("New Waardendriehoek"),
    )


def _triangle_page(
    request: AuthenticatedHttpRequest,
    session: TriangleSession,
    form: Any = None,
    status: int = 200,
) -> HttpResponse:
    scores = list(session.scores.all())
    summaries = summarise(scores)
    return render(
        request,
        "duiding/triangle.html",
        {
            "organisation": session.organisation,
            "session": session,
            "effects": list(session.effects.all()),
            "scores": scores,
            "summaries": summaries,
            "drawing": draw(summaries),
            "corners": Corner.choices,
            "form": form or TriangleScoreForm(),
            "can_edit": can_edit(request.user, session.organisation),
        },
        status=status,
    )


@login_required
@require_GET
def triangle_detail(
    request: AuthenticatedHttpRequest, organisation_slug: str, session_id: int
) -> HttpResponse:
    return _triangle_page(
        request, get_triangle_session_for_user(request.user, organisation_slug, session_id)
    )


@login_required
@require_POST
def triangle_score(
    request: AuthenticatedHttpRequest, organisation_slug: str, session_id: int
) -> HttpResponse:
    session = get_triangle_session_for_user(
        request.user, organisation_slug, session_id, min_role=Role.STAFF
    )
    form = TriangleScoreForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.add_triangle_score(
                session,
                by=request.user,
                role=data["role"],
                name=data["name"],
                scores={corner: data[corner] for corner in Corner.values},
                arguments={corner: data[f"{corner}_why"] for corner in Corner.values},
            )
        except ServiceError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("The scores have been added."))
            return redirect("duiding:triangle", organisation_slug, session.pk)
    return _triangle_page(request, session, form, status=400)


@login_required
@require_POST
def triangle_score_remove(
    request: AuthenticatedHttpRequest, organisation_slug: str, session_id: int, score_id: int
) -> HttpResponse:
    session = get_triangle_session_for_user(
        request.user, organisation_slug, session_id, min_role=Role.STAFF
    )
    services.remove_triangle_score(
        get_child(TriangleScore.objects.all(), session, score_id), by=request.user
    )
    messages.success(request, _("The scores have been removed."))
    return redirect("duiding:triangle", organisation_slug, session.pk)


@login_required
@require_GET
def triangle_sheet(
    request: AuthenticatedHttpRequest, organisation_slug: str, session_id: int
) -> HttpResponse:
    session = get_triangle_session_for_user(request.user, organisation_slug, session_id)
    result = pdf.triangle_sheet(session)
    return _pdf_response(result.pdf, f"werkblad-waardendriehoek-{session.pk}.pdf")


# --------------------------------------------------------------------------- Effectenarena


@login_required
@require_http_methods(["GET", "POST"])
def arena_create(request: AuthenticatedHttpRequest, organisation_slug: str) -> HttpResponse:
    return _create_tool_session(
        request,
        organisation_slug,
        create=services.create_arena_session,
        detail="duiding:arena",
        heading=_("New Effectenarena"),
    )


def _arena_page(
    request: AuthenticatedHttpRequest,
    session: ArenaSession,
    *,
    actor_form: Any = None,
    effect_form: Any = None,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "duiding/arena.html",
        {
            "organisation": session.organisation,
            "session": session,
            "effects": list(session.effects.all()),
            "actors": list(session.actors.all()),
            "outcomes": list(
                session.outcomes.select_related("effect").prefetch_related("gainers")
            ),
            "actor_form": actor_form or ArenaActorForm(),
            "effect_form": effect_form or ArenaEffectForm(session=session),
            "can_edit": can_edit(request.user, session.organisation),
        },
        status=status,
    )


@login_required
@require_GET
def arena_detail(
    request: AuthenticatedHttpRequest, organisation_slug: str, session_id: int
) -> HttpResponse:
    return _arena_page(
        request, get_arena_session_for_user(request.user, organisation_slug, session_id)
    )


@login_required
@require_POST
def arena_actor(
    request: AuthenticatedHttpRequest, organisation_slug: str, session_id: int
) -> HttpResponse:
    session = get_arena_session_for_user(
        request.user, organisation_slug, session_id, min_role=Role.STAFF
    )
    form = ArenaActorForm(request.POST)
    if form.is_valid():
        try:
            services.add_arena_actor(session, by=request.user, **form.cleaned_data)
        except ServiceError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("The actor has been added."))
            return redirect("duiding:arena", organisation_slug, session.pk)
    return _arena_page(request, session, actor_form=form, status=400)


@login_required
@require_POST
def arena_effect(
    request: AuthenticatedHttpRequest, organisation_slug: str, session_id: int
) -> HttpResponse:
    session = get_arena_session_for_user(
        request.user, organisation_slug, session_id, min_role=Role.STAFF
    )
    form = ArenaEffectForm(request.POST, session=session)
    if form.is_valid():
        try:
            services.add_arena_effect(session, by=request.user, **form.cleaned_data)
        except ServiceError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("The effect has been added."))
            return redirect("duiding:arena", organisation_slug, session.pk)
    return _arena_page(request, session, effect_form=form, status=400)


@login_required
@require_POST
def arena_actor_remove(
    request: AuthenticatedHttpRequest, organisation_slug: str, session_id: int, actor_id: int
) -> HttpResponse:
    session = get_arena_session_for_user(
        request.user, organisation_slug, session_id, min_role=Role.STAFF
    )
    services.remove_arena_actor(
        get_child(ArenaActor.objects.all(), session, actor_id), by=request.user
    )
    messages.success(request, _("The actor has been removed."))
    return redirect("duiding:arena", organisation_slug, session.pk)


@login_required
@require_POST
def arena_effect_remove(
    request: AuthenticatedHttpRequest, organisation_slug: str, session_id: int, outcome_id: int
) -> HttpResponse:
    session = get_arena_session_for_user(
        request.user, organisation_slug, session_id, min_role=Role.STAFF
    )
    services.remove_arena_effect(
        get_child(ArenaEffect.objects.all(), session, outcome_id), by=request.user
    )
    messages.success(request, _("The effect has been removed."))
    return redirect("duiding:arena", organisation_slug, session.pk)


@login_required
@require_GET
def arena_sheet(
    request: AuthenticatedHttpRequest, organisation_slug: str, session_id: int
) -> HttpResponse:
    session = get_arena_session_for_user(request.user, organisation_slug, session_id)
    result = pdf.arena_sheet(session)
    return _pdf_response(result.pdf, f"werkblad-effectenarena-{session.pk}.pdf")


# --------------------------------------------------------------------------- samen duiden


@login_required
@require_http_methods(["GET", "POST"])
def session_create(request: AuthenticatedHttpRequest, organisation_slug: str) -> HttpResponse:
    organisation = get_organisation_for_user(request.user, organisation_slug, min_role=Role.STAFF)
    form = InterpretationSessionForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            session = services.create_interpretation_session(
                organisation, by=request.user, **form.cleaned_data
            )
        except ServiceError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("The session has been created. Add who takes part."))
            return redirect("duiding:session", organisation.slug, session.pk)
    return render(
        request,
        "duiding/session_create.html",
        {"organisation": organisation, "form": form},
        status=400 if request.method == "POST" else 200,
    )


def _session_page(
    request: AuthenticatedHttpRequest,
    session: InterpretationSession,
    *,
    participant_form: Any = None,
    conclusions_form: Any = None,
    follow_up_form: Any = None,
    status: int = 200,
) -> HttpResponse:
    organisation = session.organisation
    readings = {r.effect_id: r for r in session.readings.all()}
    effects = session_effects(session)
    return render(
        request,
        "duiding/session.html",
        {
            "organisation": organisation,
            "session": session,
            "participants": list(session.participants.all()),
            "effects": [(n, e, readings.get(e.pk)) for n, e in enumerate(effects, start=1)],
            "follow_ups": list(session.follow_ups.select_related("effect")),
            "participant_form": participant_form or ParticipantForm(),
            "conclusions_form": conclusions_form
            or ConclusionsForm(initial={"conclusions": session.conclusions}),
            "follow_up_form": follow_up_form or FollowUpForm(organisation=organisation),
            "roles": ParticipantRole,
            "can_edit": can_edit(request.user, organisation),
        },
        status=status,
    )


@login_required
@require_GET
def session_detail(
    request: AuthenticatedHttpRequest, organisation_slug: str, session_id: int
) -> HttpResponse:
    return _session_page(
        request, get_interpretation_session_for_user(request.user, organisation_slug, session_id)
    )


def _staff_session(
    request: AuthenticatedHttpRequest, organisation_slug: str, session_id: int
) -> Any:
    return get_interpretation_session_for_user(
        request.user, organisation_slug, session_id, min_role=Role.STAFF
    )


@login_required
@require_POST
def participant_add(
    request: AuthenticatedHttpRequest, organisation_slug: str, session_id: int
) -> HttpResponse:
    session = _staff_session(request, organisation_slug, session_id)
    form = ParticipantForm(request.POST)
    if form.is_valid():
        try:
            services.add_participant(session, by=request.user, **form.cleaned_data)
        except ServiceError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("The participant has been added."))
            return redirect("duiding:session", organisation_slug, session.pk)
    return _session_page(request, session, participant_form=form, status=400)


@login_required
@require_POST
def participant_remove(
    request: AuthenticatedHttpRequest, organisation_slug: str, session_id: int, participant_id: int
) -> HttpResponse:
    session = _staff_session(request, organisation_slug, session_id)
    services.remove_participant(
        get_child(Participant.objects.all(), session, participant_id), by=request.user
    )
    messages.success(request, _("The participant has been removed."))
    return redirect("duiding:session", organisation_slug, session.pk)


@login_required
@require_POST
def conclusions(
    request: AuthenticatedHttpRequest, organisation_slug: str, session_id: int
) -> HttpResponse:
    session = _staff_session(request, organisation_slug, session_id)
    form = ConclusionsForm(request.POST)
    if form.is_valid():
        try:
            services.set_conclusions(session, by=request.user, **form.cleaned_data)
        except ServiceError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("The conclusions have been saved."))
            return redirect("duiding:session", organisation_slug, session.pk)
    return _session_page(request, session, conclusions_form=form, status=400)


@login_required
@require_POST
def follow_up_add(
    request: AuthenticatedHttpRequest, organisation_slug: str, session_id: int
) -> HttpResponse:
    session = _staff_session(request, organisation_slug, session_id)
    form = FollowUpForm(request.POST, organisation=session.organisation)
    if form.is_valid():
        try:
            services.add_follow_up(session, by=request.user, **form.cleaned_data)
        except ServiceError as exc:
            _form_error(form, exc)
        else:
            messages.success(
                request, _("The action has been added; it is on the home page until it is done.")
            )
            return redirect("duiding:session", organisation_slug, session.pk)
    return _session_page(request, session, follow_up_form=form, status=400)


@login_required
@require_POST
def follow_up_done(
    request: AuthenticatedHttpRequest, organisation_slug: str, session_id: int, follow_up_id: int
) -> HttpResponse:
    follow_up = get_follow_up_for_user(request.user, organisation_slug, session_id, follow_up_id)
    try:
        services.mark_follow_up_done(follow_up, by=request.user)
    except ServiceError as exc:
        messages.info(request, exc.message)
    else:
        messages.success(request, _("The action is done."))
    return redirect("duiding:session", organisation_slug, session_id)


@login_required
@require_http_methods(["GET", "POST"])
def reading(
    request: AuthenticatedHttpRequest, organisation_slug: str, session_id: int, effect_id: int
) -> HttpResponse:
    """The four duidingsvragen for one effect: read (members) and record (staff)."""
    min_role = Role.STAFF if request.method == "POST" else Role.READER
    session = get_interpretation_session_for_user(
        request.user, organisation_slug, session_id, min_role=min_role
    )
    effect = get_session_effect(session, effect_id)
    existing = session.readings.filter(effect=effect).first()
    if request.method == "POST":
        form = ReadingForm(request.POST)
        if form.is_valid():
            try:
                services.record_reading(session, effect, by=request.user, **form.cleaned_data)
            except ServiceError as exc:
                _form_error(form, exc)
            else:
                messages.success(request, _("The answers have been saved."))
                return redirect("duiding:session", organisation_slug, session.pk)
    else:
        initial = {}
        if existing is not None:
            initial = {f: getattr(existing, f) for f in services.READING_FIELDS}
        form = ReadingForm(initial=initial)
    number = next(
        (n for n, e in enumerate(session_effects(session), start=1) if e.pk == effect.pk), 1
    )
    return render(
        request,
        "duiding/reading.html",
        {
            "organisation": session.organisation,
            "session": session,
            "effect": effect,
            "number": number,
            "form": form,
            "can_edit": can_edit(request.user, session.organisation),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_GET
def present(
    request: AuthenticatedHttpRequest, organisation_slug: str, session_id: int, number: int
) -> HttpResponse:
    """Presentation mode: one direct effect per page, large type, keyboard next/previous."""
    session = get_interpretation_session_for_user(request.user, organisation_slug, session_id)
    slides = build_slides(session)
    if not 1 <= number <= len(slides):
        raise Http404
    return render(
        request,
        "duiding/present.html",
        {
            "organisation": session.organisation,
            "session": session,
            "slide": slides[number - 1],
            "total": len(slides),
            "previous": number - 1 if number > 1 else None,
            "next": number + 1 if number < len(slides) else None,
            "general_follow_ups": general_follow_ups(session),
        },
    )


@login_required
@require_GET
def report_pdf(
    request: AuthenticatedHttpRequest, organisation_slug: str, session_id: int
) -> HttpResponse:
    session = get_interpretation_session_for_user(request.user, organisation_slug, session_id)
    return _pdf_response(render_report(session).pdf, f"samen-duiden-{session.pk}.pdf")

"""Writes of samen duiden and the gesprekstools: each in a transaction with an audit record.

Every rule about an input is checked here once (the forms only carry the
fields), so the pages, the command line and the tests refuse the same
things with the same Dutch message (``ServiceError`` with the field it
belongs to). The audit details name what changed, never the texts.
Who may call these is decided before, in ``access.py``.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any, TypeVar

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from collectief.accounts.models import Organisation, User
from collectief.audit.services import record_event
from collectief.changestories.models import Effect
from collectief.duiding.models import (
    NAME_MAX_LENGTH,
    SCORE_MAX,
    SCORE_MIN,
    SHORT_TEXT_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    ArenaActor,
    ArenaEffect,
    ArenaSession,
    Corner,
    EffectReading,
    FollowUp,
    InterpretationSession,
    Participant,
    ParticipantRole,
    TriangleScore,
    TriangleSession,
    Valuation,
)
from collectief.lib.errors import ServiceError
from collectief.surveys.models import Survey

# A session is about something that happened, or about to: not decades away.
MAX_YEARS_AWAY = 5


def _text(value: str | None, field: str, max_length: int, *, required: bool = False) -> str:
    value = (value or "").replace("\x00", "").strip()
    if required and not value:
        raise ServiceError(_("This field is required."), field=field)
    if len(value) > max_length:
        raise ServiceError(_("Use at most %(max)d characters.") % {"max": max_length}, field=field)
    return value


def _date(value: datetime.date | None, field: str) -> datetime.date:
    if value is None:
        raise ServiceError(_("Give a date."), field=field)
    today = timezone.localdate()
    if abs(value.year - today.year) > MAX_YEARS_AWAY:
        raise ServiceError(
            _("Give a date within %(years)d years of today.") % {"years": MAX_YEARS_AWAY},
            field=field,
        )
    return value


def _role(value: str) -> str:
    if value not in ParticipantRole.values:
        raise ServiceError(_("Choose a role from the list."), field="role")
    return value


def _own_effects(organisation: Organisation, effects: Iterable[Effect]) -> list[Effect]:
    effects = list(effects)
    ids = {e.pk for e in effects}
    own = set(
        Effect.objects.filter(pk__in=ids, story__organisation=organisation).values_list(
            "pk", flat=True
        )
    )
    if ids - own:
        raise ServiceError(_("Choose direct effects of your own change story."), field="effects")
    return effects


def score(value: Any, field: str) -> int:
    """A Waardendriehoek score: a whole number from 1 to 10."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = None
    if number is None or str(number) != str(value).strip() or not SCORE_MIN <= number <= SCORE_MAX:
        raise ServiceError(
            _("Give a whole number from %(min)d to %(max)d.")
            % {"min": SCORE_MIN, "max": SCORE_MAX},
            field=field,
        )
    return number


# --------------------------------------------------------------------------- Waardendriehoek


ToolSession = TypeVar("ToolSession", TriangleSession, ArenaSession)


def _create_tool_session(
    model: type[ToolSession],
    event: str,
    organisation: Organisation,
    *,
    by: User | None,
    title: str,
    held_on: datetime.date,
    effects: Iterable[Effect],
    note: str,
) -> ToolSession:
    """A Waardendriehoek or Effectenarena session: the same fields, another model."""
    session = model.objects.create(
        organisation=organisation,
        title=_text(title, "title", TITLE_MAX_LENGTH, required=True),
        held_on=_date(held_on, "held_on"),
        note=_text(note, "note", TEXT_MAX_LENGTH),
        created_by=by,
    )
    chosen = _own_effects(organisation, effects)
    session.effects.set(chosen)
    record_event(
        event,
        session,
        by=by,
        organisation_id=organisation.pk,
        details={"effects": [e.key for e in chosen]},
    )
    return session


@transaction.atomic
def create_triangle_session(
    organisation: Organisation,
    *,
    by: User | None,
    title: str,
    held_on: datetime.date,
    effects: Iterable[Effect] = (),
    note: str = "",
) -> TriangleSession:
    return _create_tool_session(
        TriangleSession,
        "duiding.triangle.create",
        organisation,
        by=by,
        title=title,
        held_on=held_on,
        effects=effects,
        note=note,
    )


@transaction.atomic
def add_triangle_score(
    session: TriangleSession,
    *,
    by: User | None,
    role: str,
    name: str = "",
    scores: dict[str, Any],
    arguments: dict[str, str] | None = None,
) -> TriangleScore:
    """One participant's three scores; every corner needs a score from 1 to 10."""
    arguments = arguments or {}
    values = {corner: score(scores.get(corner), corner) for corner in Corner.values}
    whys = {
        f"{corner}_why": _text(arguments.get(corner), f"{corner}_why", SHORT_TEXT_MAX_LENGTH)
        for corner in Corner.values
    }
    position = session.scores.count() + 1
    entry = TriangleScore.objects.create(
        session=session,
        role=_role(role),
        name=_text(name, "name", NAME_MAX_LENGTH),
        position=position,
        **values,
        **whys,
    )
    TriangleSession.objects.filter(pk=session.pk).update(updated_at=timezone.now())
    record_event(
        "duiding.triangle.score",
        session,
        by=by,
        organisation_id=session.organisation_id,
        details={"score": entry.pk, "role": entry.role, **values},
    )
    return entry


@transaction.atomic
def remove_triangle_score(entry: TriangleScore, *, by: User | None) -> None:
    session = entry.session
    record_event(
        "duiding.triangle.score_remove",
        session,
        by=by,
        organisation_id=session.organisation_id,
        details={"score": entry.pk},
    )
    entry.delete()


# --------------------------------------------------------------------------- Effectenarena


@transaction.atomic
def create_arena_session(
    organisation: Organisation,
    *,
    by: User | None,
    title: str,
    held_on: datetime.date,
    effects: Iterable[Effect] = (),
    note: str = "",
) -> ArenaSession:
    return _create_tool_session(
        ArenaSession,
        "duiding.arena.create",
        organisation,
        by=by,
        title=title,
        held_on=held_on,
        effects=effects,
        note=note,
    )


@transaction.atomic
def add_arena_actor(
    session: ArenaSession, *, by: User | None, name: str, investment: str = ""
) -> ArenaActor:
    name = _text(name, "name", NAME_MAX_LENGTH, required=True)
    if session.actors.filter(name__iexact=name).exists():
        raise ServiceError(_("%(name)s is on the list already.") % {"name": name}, field="name")
    actor = ArenaActor.objects.create(
        session=session,
        name=name,
        investment=_text(investment, "investment", SHORT_TEXT_MAX_LENGTH),
        position=session.actors.count() + 1,
    )
    ArenaSession.objects.filter(pk=session.pk).update(updated_at=timezone.now())
    record_event(
        "duiding.arena.actor",
        session,
        by=by,
        organisation_id=session.organisation_id,
        details={"actor": actor.pk},
    )
    return actor


@transaction.atomic
def add_arena_effect(
    session: ArenaSession,
    *,
    by: User | None,
    description: str,
    valuation: Any,
    gainers: Iterable[ArenaActor] = (),
    effect: Effect | None = None,
    valuation_why: str = "",
) -> ArenaEffect:
    description = _text(description, "description", SHORT_TEXT_MAX_LENGTH, required=True)
    try:
        value = int(valuation)
    except (TypeError, ValueError):
        value = 0
    if value not in Valuation.values:
        raise ServiceError(_("Choose a valuation from the list."), field="valuation")
    gainers = list(gainers)
    if any(actor.session_id != session.pk for actor in gainers):
        raise ServiceError(_("Choose who gains from the actors of this session."), field="gainers")
    if effect is not None:
        _own_effects(session.organisation, [effect])
    outcome = ArenaEffect.objects.create(
        session=session,
        description=description,
        effect=effect,
        valuation=value,
        valuation_why=_text(valuation_why, "valuation_why", SHORT_TEXT_MAX_LENGTH),
        position=session.outcomes.count() + 1,
    )
    outcome.gainers.set(gainers)
    ArenaSession.objects.filter(pk=session.pk).update(updated_at=timezone.now())
    record_event(
        "duiding.arena.effect",
        session,
        by=by,
        organisation_id=session.organisation_id,
        details={
            "effect": outcome.pk,
            "valuation": value,
            "gainers": [a.pk for a in gainers],
            "linked": effect.key if effect else None,
        },
    )
    return outcome


@transaction.atomic
def remove_arena_actor(actor: ArenaActor, *, by: User | None) -> None:
    session = actor.session
    record_event(
        "duiding.arena.actor_remove",
        session,
        by=by,
        organisation_id=session.organisation_id,
        details={"actor": actor.pk},
    )
    actor.delete()


@transaction.atomic
def remove_arena_effect(outcome: ArenaEffect, *, by: User | None) -> None:
    session = outcome.session
    record_event(
        "duiding.arena.effect_remove",
        session,
        by=by,
        organisation_id=session.organisation_id,
        details={"effect": outcome.pk},
    )
    outcome.delete()


# --------------------------------------------------------------------------- samen duiden


@transaction.atomic
def create_interpretation_session(
    organisation: Organisation,
    *,
    by: User | None,
    title: str,
    held_on: datetime.date,
    period_start: datetime.date,
    period_end: datetime.date,
    survey: Survey | None = None,
    note: str = "",
) -> InterpretationSession:
    period_start = _date(period_start, "period_start")
    period_end = _date(period_end, "period_end")
    if period_end < period_start:
        raise ServiceError(_("The period ends before it starts."), field="period_end")
    if survey is not None and survey.organisation_id != organisation.pk:
        raise ServiceError(_("Choose one of your own questionnaires."), field="survey")
    session = InterpretationSession.objects.create(
        organisation=organisation,
        title=_text(title, "title", TITLE_MAX_LENGTH, required=True),
        held_on=_date(held_on, "held_on"),
        period_start=period_start,
        period_end=period_end,
        survey=survey,
        note=_text(note, "note", TEXT_MAX_LENGTH),
        created_by=by,
    )
    record_event(
        "duiding.session.create",
        session,
        by=by,
        organisation_id=organisation.pk,
        details={
            "period": [str(period_start), str(period_end)],
            "survey": survey.pk if survey else None,
        },
    )
    return session


@transaction.atomic
def add_participant(
    session: InterpretationSession, *, by: User | None, role: str, name: str = ""
) -> Participant:
    participant = Participant.objects.create(
        session=session, role=_role(role), name=_text(name, "name", NAME_MAX_LENGTH)
    )
    record_event(
        "duiding.session.participant",
        session,
        by=by,
        organisation_id=session.organisation_id,
        details={"participant": participant.pk, "role": participant.role},
    )
    return participant


@transaction.atomic
def remove_participant(participant: Participant, *, by: User | None) -> None:
    session = participant.session
    record_event(
        "duiding.session.participant_remove",
        session,
        by=by,
        organisation_id=session.organisation_id,
        details={"participant": participant.pk},
    )
    participant.delete()


READING_FIELDS = ("recognise", "explain", "judge", "act")


@transaction.atomic
def record_reading(
    session: InterpretationSession,
    effect: Effect,
    *,
    by: User | None,
    recognise: str = "",
    explain: str = "",
    judge: str = "",
    act: str = "",
) -> EffectReading:
    """The group's answers to the four duidingsvragen for one effect (replaces earlier ones)."""
    _own_effects(session.organisation, [effect])
    answers = {
        "recognise": _text(recognise, "recognise", TEXT_MAX_LENGTH),
        "explain": _text(explain, "explain", TEXT_MAX_LENGTH),
        "judge": _text(judge, "judge", TEXT_MAX_LENGTH),
        "act": _text(act, "act", TEXT_MAX_LENGTH),
    }
    reading, _created = EffectReading.objects.update_or_create(
        session=session, effect=effect, defaults={**answers, "updated_by": by}
    )
    record_event(
        "duiding.session.reading",
        session,
        by=by,
        organisation_id=session.organisation_id,
        details={"effect": effect.key, "answered": [k for k, v in answers.items() if v]},
    )
    return reading


@transaction.atomic
def set_conclusions(
    session: InterpretationSession, *, by: User | None, conclusions: str
) -> InterpretationSession:
    session.conclusions = _text(conclusions, "conclusions", TEXT_MAX_LENGTH * 2)
    session.save(update_fields=["conclusions", "updated_at"])
    record_event(
        "duiding.session.conclusions",
        session,
        by=by,
        organisation_id=session.organisation_id,
        details={"length": len(session.conclusions)},
    )
    return session


@transaction.atomic
def add_follow_up(
    session: InterpretationSession,
    *,
    by: User | None,
    description: str,
    owner: str,
    due_on: datetime.date | None,
    effect: Effect | None = None,
) -> FollowUp:
    """An action with an owner and a due date; it waits on the home page until done."""
    description = _text(description, "description", SHORT_TEXT_MAX_LENGTH, required=True)
    owner_name = _text(owner, "owner", NAME_MAX_LENGTH)
    if not owner_name:
        raise ServiceError(_("Say who does it: every action has an owner."), field="owner")
    if due_on is None:
        raise ServiceError(_("Say by when it is done."), field="due_on")
    due_on = _date(due_on, "due_on")
    if effect is not None:
        _own_effects(session.organisation, [effect])
    try:
        with transaction.atomic():
            follow_up = FollowUp.objects.create(
                session=session,
                effect=effect,
                description=description,
                owner=owner_name,
                due_on=due_on,
            )
    except IntegrityError as error:  # pragma: no cover - the checks above come first
        raise ServiceError(_("This action could not be saved.")) from error
    record_event(
        "duiding.action.create",
        session,
        by=by,
        organisation_id=session.organisation_id,
        details={"action": follow_up.pk, "due_on": str(due_on)},
    )
    return follow_up


@transaction.atomic
def mark_follow_up_done(
    follow_up: FollowUp, *, by: User | None, done_on: datetime.date | None = None
) -> FollowUp:
    follow_up = FollowUp.objects.select_for_update().select_related("session").get(pk=follow_up.pk)
    if follow_up.done_on is not None:
        raise ServiceError(_("This action is done already."))
    follow_up.done_on = done_on or timezone.localdate()
    follow_up.save(update_fields=["done_on"])
    record_event(
        "duiding.action.done",
        follow_up.session,
        by=by,
        organisation_id=follow_up.session.organisation_id,
        details={"action": follow_up.pk, "done_on": str(follow_up.done_on)},
    )
    return follow_up


def open_follow_ups(organisation: Organisation) -> list[FollowUp]:
    """The organisation's actions from samen duiden that are not done, earliest due first."""
    return list(
        FollowUp.objects.open()
        .filter(session__organisation=organisation)
        .select_related("session", "effect")
        .order_by("due_on", "id")
    )


# --- reads for the report ---------------------------------------------------------


def sessions_for_period(
    organisation: Organisation, start: datetime.date | None, end: datetime.date | None
) -> list[InterpretationSession]:
    """The samen-duiden sessions that read (part of) the period ``start`` ≤ day < ``end``.

    A session belongs to a period when the period it read overlaps it, even
    when the group met later (the 2022 measurement, read in 2023). ``None``:
    no bound. Oldest first, with participants, readings and actions loaded.
    """
    sessions = InterpretationSession.objects.for_organisation(organisation)
    if start is not None:
        sessions = sessions.filter(period_end__gte=start)
    if end is not None:
        sessions = sessions.filter(period_start__lt=end)
    return list(
        sessions.prefetch_related(
            "participants", "readings__effect", "follow_ups__effect"
        ).order_by("held_on", "id")
    )


def tools_held(
    organisation: Organisation, start: datetime.date | None, end: datetime.date | None
) -> tuple[list[TriangleSession], list[ArenaEffect]]:
    """The Waardendriehoek sessions and the Effectenarena's effects held in
    ``start`` ≤ day < ``end`` (``None``: no bound), oldest first, with their
    scores, direct effects and gainers loaded."""
    triangles = TriangleSession.objects.for_organisation(organisation)
    arena = ArenaEffect.objects.filter(session__organisation=organisation)
    if start is not None:
        triangles = triangles.filter(held_on__gte=start)
        arena = arena.filter(session__held_on__gte=start)
    if end is not None:
        triangles = triangles.filter(held_on__lt=end)
        arena = arena.filter(session__held_on__lt=end)
    return (
        list(triangles.prefetch_related("effects", "scores").order_by("held_on", "id")),
        list(
            arena.select_related("session", "effect")
            .prefetch_related("gainers")
            .order_by("session__held_on", "session_id", "position")
        ),
    )

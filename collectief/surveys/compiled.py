"""A published survey's structure, read once per version and shared by every request.

The respondent page and ``submit_response`` both need the sections,
questions, choices, skip logic and waves of a survey. Reading them costs three or
four queries, on every page view and twice per submission. They change
only when an organiser edits the survey, so they are compiled once into a
``CompiledSurvey`` and kept per process, keyed by the survey's
``structure_version``. Every save or delete of a section, question or
choice raises that number (see ``structure_changed``), so the next request
compiles again; the survey row itself, which every request reads anyway,
carries the version, so processes never serve a stale structure.

The compiled objects are model instances with their choices prefetched.
They are shared between threads and must be treated as read-only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from types import MappingProxyType
from typing import Any

from django.db.models import F

from collectief.lib.lru import LruCache
from collectief.surveys.access import survey_changed
from collectief.surveys.models import Choice, Question, Section, Survey, Wave

CACHE_SIZE = 256


@dataclass(frozen=True)
class CompiledSurvey:
    survey_id: int
    version: int
    sections: tuple[Section, ...]
    # In the order answers are validated and stored: by section, then question order.
    questions: tuple[Question, ...]
    by_id: Mapping[int, Question]
    by_section: Mapping[int, tuple[Question, ...]]
    choices: Mapping[tuple[int, str], Choice]
    # (id, starts_at, ends_at) of the waves, newest start first.
    waves: tuple[tuple[int, datetime, datetime | None], ...] = ()

    def current_wave_id(self, now: datetime) -> int | None:
        """The wave new responses belong to (as ``Survey.current_wave``), without a query."""
        for wave_id, starts_at, ends_at in self.waves:
            if starts_at <= now and (ends_at is None or ends_at > now):
                return wave_id
        return None

    @property
    def question_types(self) -> dict[int, str]:
        return {q.pk: q.type for q in self.questions}

    def layout_choices(self) -> list[tuple[int, int]]:
        """(choice id, question id) of single-choice questions, for the answer vector."""
        return [
            (choice.pk, choice.question_id)
            for choice in self.choices.values()
            if self.by_id[choice.question_id].type == Question.Type.SINGLE_CHOICE
        ]


_cache: LruCache[CompiledSurvey] = LruCache(CACHE_SIZE)


def compile_structure(survey: Survey) -> CompiledSurvey:
    """Read the structure of ``survey`` now, without the cache."""
    sections = tuple(survey.sections.order_by("order", "id"))
    questions = tuple(
        survey.questions.select_related("section")
        .prefetch_related("choices")
        .order_by("section__order", "section_id", "order", "id")
    )
    return CompiledSurvey(
        survey_id=survey.pk,
        version=survey.structure_version,
        sections=sections,
        questions=questions,
        by_id=MappingProxyType({q.pk: q for q in questions}),
        by_section=MappingProxyType(
            {s.pk: tuple(q for q in questions if q.section_id == s.pk) for s in sections}
        ),
        choices=MappingProxyType(
            {(c.question_id, c.value): c for q in questions for c in q.choices.all()}
        ),
        waves=tuple(
            survey.waves.order_by("-starts_at", "-id").values_list("id", "starts_at", "ends_at")
        ),
    )


def compiled_survey(survey: Survey) -> CompiledSurvey:
    """The structure of ``survey`` at its current ``structure_version``."""
    # The creation time is part of the key because test databases roll back
    # and hand out the same primary key again; real databases never do.
    key = (survey.pk, survey.created_at.timestamp(), survey.structure_version)
    return _cache.get_or_build(key, lambda: compile_structure(survey))


def clear_cache() -> None:
    _cache.clear()


def structure_changed(survey_id: int) -> None:
    """Raise the survey's structure version, inside the caller's transaction."""
    Survey.objects.filter(pk=survey_id).update(structure_version=F("structure_version") + 1)
    survey_changed()


def _on_change(sender: Any, instance: Any, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return  # loading fixtures
    if isinstance(instance, Choice):
        survey_id = (
            Question.objects.filter(pk=instance.question_id)
            .values_list("survey_id", flat=True)
            .first()
        )
    else:
        survey_id = instance.survey_id
    if survey_id is not None:
        structure_changed(survey_id)


def connect_signals() -> None:
    """Called from SurveysConfig.ready: every structural save or delete raises the version.

    Waves count as structure too: which wave a new response belongs to is
    read from the compiled survey.
    """
    from django.db.models.signals import post_delete, post_save

    for model in (Section, Question, Choice, Wave):
        post_save.connect(_on_change, sender=model, dispatch_uid=f"compiled.{model.__name__}.save")
        post_delete.connect(
            _on_change, sender=model, dispatch_uid=f"compiled.{model.__name__}.delete"
        )
    # The respondent pages keep a survey for a moment (access.get_open_survey_for_page).
    post_save.connect(survey_changed, sender=Survey, dispatch_uid="compiled.Survey.save")
    post_delete.connect(survey_changed, sender=Survey, dispatch_uid="compiled.Survey.delete")

"""Sections, questions, answer options and instruments: building a survey."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from collectief.audit.services import record_event
from collectief.lib.errors import ServiceError
from collectief.surveys.instruments import get_instrument
from collectief.surveys.models import (
    Answer,
    Choice,
    Question,
    Section,
    Survey,
)
from collectief.surveys.services.codes import CODE_RE, slug_code, unique_code, validate_code

# --------------------------------------------------------------------------- sections


def _next_order(queryset: Any) -> int:
    return int(queryset.aggregate(m=Max("order"))["m"] or 0) + 1


@transaction.atomic
def add_section(survey: Survey, *, by: Any, title: str, intro: str = "") -> Section:
    section = Section.objects.create(
        survey=survey, title=title.strip(), intro=intro, order=_next_order(survey.sections)
    )
    record_event("survey.section.add", section, by=by, organisation_id=survey.organisation_id)
    return section


@transaction.atomic
def update_section(section: Section, *, by: Any, title: str, intro: str = "") -> Section:
    section.title = title.strip()
    section.intro = intro
    section.save()
    record_event(
        "survey.section.update", section, by=by, organisation_id=section.survey.organisation_id
    )
    return section


@transaction.atomic
def section_delete_blocker(section: Section) -> str | None:
    """Why ``section`` cannot be deleted, or None when it can."""
    if Answer.objects.filter(question__section=section).exists():
        return _("People have already answered questions in this part. It cannot be deleted.")
    outside = list(
        Question.objects.filter(show_if_question__section=section)
        .exclude(section=section)
        .values_list("text", flat=True)
    )
    if outside:
        # Deleting would silently drop their skip logic (the link is SET_NULL).
        return _(
            "Questions in other parts depend on a question in this part: %(texts)s. "
            "Change their skip logic first."
        ) % {"texts": ", ".join(f"“{text}”" for text in outside)}
    return None


def delete_section(section: Section, *, by: Any) -> None:
    survey = section.survey
    blocker = section_delete_blocker(section)
    if blocker:
        raise ServiceError(blocker)
    record_event(
        "survey.section.delete",
        section,
        by=by,
        organisation_id=survey.organisation_id,
        details={"title": section.title},
    )
    section.delete()


def _move(obj: Any, siblings: Any, direction: str) -> None:
    items = list(siblings)
    index = next(i for i, item in enumerate(items) if item.pk == obj.pk)
    target = index - 1 if direction == "up" else index + 1
    if 0 <= target < len(items):
        items[index], items[target] = items[target], items[index]
    for position, item in enumerate(items, start=1):
        if item.order != position:
            item.order = position
            item.save(update_fields=["order"])


@transaction.atomic
def move_section(section: Section, direction: str, *, by: Any) -> None:
    _move(section, section.survey.sections.select_for_update(), direction)
    _check_all_skip_logic(section.survey)
    record_event(
        "survey.section.move",
        section,
        by=by,
        organisation_id=section.survey.organisation_id,
        details={"direction": direction},
    )


# --------------------------------------------------------------------------- questions

QUESTION_FIELDS = (
    "type",
    "text",
    "help_text",
    "required",
    "allow_dont_know",
    "min_value",
    "max_value",
    "effect",
    "indicator",
    "instrument",
    "instrument_item",
)


@dataclass
class ChoiceSpec:
    label: str
    value: str = ""
    score: int | None = None


def parse_choice_lines(text: str) -> list[ChoiceSpec]:
    """Answer options from a text, one per line: ``label`` or ``code | label [| score]``."""
    specs: list[ChoiceSpec] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        parts = [p.strip() for p in line.split("|")]
        if len(parts) == 1:
            specs.append(ChoiceSpec(label=parts[0]))
            continue
        if len(parts) > 3 or not parts[1]:
            raise ServiceError(
                _("Line %(n)s: write 'label' or 'code | label' or 'code | label | score'.")
                % {"n": number},
                field="choices",
            )
        score = None
        if len(parts) == 3 and parts[2]:
            try:
                score = int(parts[2])
            except ValueError as exc:
                raise ServiceError(
                    _("Line %(n)s: the score must be a whole number.") % {"n": number},
                    field="choices",
                ) from exc
        specs.append(ChoiceSpec(label=parts[1], value=parts[0], score=score))
    return specs


def _save_choices(question: Question, specs: list[ChoiceSpec]) -> None:
    if question.type not in Question.CHOICE_TYPES:
        if question.choices.exists():
            if Answer.objects.filter(choice__question=question).exists():
                raise ServiceError(
                    _("This question has answers; its type cannot change any more."),
                    field="type",
                )
            question.choices.all().delete()
        return
    if len(specs) < 2:
        raise ServiceError(_("Give at least two answer options."), field="choices")
    existing = {c.value: c for c in question.choices.all()}
    taken: set[str] = set()
    keep: set[int] = set()
    for position, spec in enumerate(specs, start=1):
        value = spec.value or unique_code(slug_code(spec.label, max_words=3), taken)
        if not CODE_RE.match(value):
            raise ServiceError(
                _("Answer option code %(code)s: use letters, digits and underscores.")
                % {"code": value},
                field="choices",
            )
        if value.lower() in {t.lower() for t in taken}:
            raise ServiceError(
                _("Two answer options have the code %(code)s.") % {"code": value},
                field="choices",
            )
        taken.add(value)
        choice = existing.get(value)
        if choice is None:
            choice = Choice(question=question, value=value)
        choice.label = spec.label[:300]
        choice.order = position
        choice.score = spec.score
        choice.save()
        keep.add(choice.pk)
    removed = question.choices.exclude(pk__in=keep)
    if Answer.objects.filter(choice__in=removed).exists():
        raise ServiceError(
            _(
                "An answer option you removed has already been chosen. Keep it, or change its label."
            ),
            field="choices",
        )
    removed.delete()


def answer_keys_for(question: Question, texts: Iterable[str]) -> list[str]:
    """Map answers written as keys or labels ("Ja", "4", "helemaal mee eens") to keys."""
    options = question.answer_options()
    by_key = {k.lower(): k for k, _ in options}
    by_label = {_normalise(label): k for k, label in options}
    keys: list[str] = []
    for text in texts:
        text = text.strip()
        if not text:
            continue
        key = by_key.get(text.lower()) or by_label.get(_normalise(text))
        if key is None:
            raise ServiceError(
                _("%(answer)s is not an answer of question %(code)s.")
                % {"answer": text, "code": question.code},
                field="show_if_values",
            )
        if key not in keys:
            keys.append(key)
    return keys


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


def _check_skip_logic(question: Question) -> None:
    controller = question.show_if_question
    if controller is None:
        question.show_if_values = []
        return
    if controller.survey_id != question.survey_id or controller.pk == question.pk:
        raise ServiceError(_("Choose a question of this survey."), field="show_if_question")
    if not controller.is_closed:
        raise ServiceError(
            _("Skip logic can only depend on a question with answer options."),
            field="show_if_question",
        )
    if position_key(controller) >= position_key(question):
        raise ServiceError(
            _("A question can only depend on an earlier question."), field="show_if_question"
        )
    if not question.show_if_values:
        raise ServiceError(_("Say which answer shows this question."), field="show_if_values")
    valid = {k for k, _ in controller.answer_options()}
    unknown = [v for v in question.show_if_values if v not in valid]
    if unknown:
        raise ServiceError(
            _("%(answer)s is not an answer of question %(code)s.")
            % {"answer": ", ".join(unknown), "code": controller.code},
            field="show_if_values",
        )


def position_key(question: Question) -> tuple[int, int, int, int]:
    section = question.section
    return (section.order, section.pk, question.order, question.pk or 10**9)


@transaction.atomic
def add_question(
    section: Section,
    *,
    by: Any,
    text: str,
    type: str,
    code: str = "",
    choices: list[ChoiceSpec] | None = None,
    show_if_question: Question | None = None,
    show_if_values: list[str] | None = None,
    audit: bool = True,
    **fields: Any,
) -> Question:
    survey = section.survey
    taken = survey.questions.values_list("code", flat=True)
    code = validate_code(survey, code) if code else unique_code(slug_code(text), taken)
    data = {k: v for k, v in fields.items() if k in QUESTION_FIELDS}
    question = Question(
        survey=survey,
        section=section,
        code=code,
        type=Question.Type(type),
        text=text.strip(),
        order=_next_order(section.questions),
        **data,
    )
    _check_number_range(question)
    question.save()
    _save_choices(question, choices or [])
    question.show_if_question = show_if_question
    question.show_if_values = list(show_if_values or [])
    _check_skip_logic(question)
    question.save(update_fields=["show_if_question", "show_if_values"])
    if audit:
        record_event(
            "survey.question.add",
            question,
            by=by,
            organisation_id=survey.organisation_id,
            details={"code": code},
        )
    return question


def _check_number_range(question: Question) -> None:
    if question.type != Question.Type.NUMBER:
        question.min_value = question.max_value = None
    elif (
        question.min_value is not None
        and question.max_value is not None
        and question.max_value < question.min_value
    ):
        raise ServiceError(
            _("The highest number must not be lower than the lowest number."), field="max_value"
        )


@transaction.atomic
def update_question(
    question: Question,
    *,
    by: Any,
    choices: list[ChoiceSpec] | None = None,
    section: Section | None = None,
    **fields: Any,
) -> Question:
    survey = question.survey
    if "code" in fields:
        question.code = validate_code(survey, fields.pop("code"), exclude_pk=question.pk)
    if "type" in fields and fields["type"] != question.type and question.answers.exists():
        raise ServiceError(
            _("This question has answers; its type cannot change any more."), field="type"
        )
    for name in (*QUESTION_FIELDS, "show_if_question", "show_if_values"):
        if name in fields:
            setattr(question, name, fields[name])
    if section is not None and section.pk != question.section_id:
        if section.survey_id != survey.pk:
            raise ServiceError(_("Choose a part of this survey."), field="section")
        question.section = section
        question.order = _next_order(section.questions)
    _check_number_range(question)
    question.save()
    if choices is not None:
        _save_choices(question, choices)
    _check_skip_logic(question)
    question.save(update_fields=["show_if_question", "show_if_values"])
    record_event(
        "survey.question.update",
        question,
        by=by,
        organisation_id=survey.organisation_id,
        details={"code": question.code},
    )
    return question


def question_delete_blocker(question: Question) -> str | None:
    """Why ``question`` cannot be deleted, or None when it can."""
    if question.answers.exists():
        return _("People have already answered this question. It cannot be deleted.")
    dependants = list(question.dependent_questions.values_list("text", flat=True))
    if dependants:
        return _(
            "Other questions depend on this question: %(texts)s. Change their skip logic first."
        ) % {"texts": ", ".join(f"“{text}”" for text in dependants)}
    return None


@transaction.atomic
def delete_question(question: Question, *, by: Any) -> None:
    survey = question.survey
    blocker = question_delete_blocker(question)
    if blocker:
        raise ServiceError(blocker)
    record_event(
        "survey.question.delete",
        question,
        by=by,
        organisation_id=survey.organisation_id,
        details={"code": question.code},
    )
    question.delete()


def _check_all_skip_logic(survey: Survey) -> None:
    """After a move, every skip rule must still point to an earlier question."""
    dependants = survey.questions.filter(show_if_question__isnull=False).select_related(
        "section", "show_if_question__section"
    )
    for question in dependants:
        try:
            _check_skip_logic(question)
        except ServiceError as error:
            raise ServiceError(
                _("This move would put question %(code)s before the question it depends on.")
                % {"code": question.code}
            ) from error


@transaction.atomic
def move_question(question: Question, direction: str, *, by: Any) -> None:
    _move(question, question.section.questions.select_for_update(), direction)
    _check_all_skip_logic(question.survey)
    record_event(
        "survey.question.move",
        question,
        by=by,
        organisation_id=question.survey.organisation_id,
        details={"direction": direction},
    )


# --------------------------------------------------------------------------- instruments


@transaction.atomic
def add_instrument(
    survey: Survey, key: str, *, by: Any, permission_confirmed: bool = False
) -> Section:
    """Copy an instrument's items into a new section, with codes PREFIX_1..n."""
    instrument = get_instrument(key)
    if instrument is None:
        raise ServiceError(_("This instrument does not exist."), field="instrument")
    if instrument.permission_required and not permission_confirmed:
        raise ServiceError(
            _("Confirm that you use this instrument for research or have permission."),
            field="permission_confirmed",
        )
    if survey.questions.filter(instrument=key).exists():
        raise ServiceError(_("This instrument is already in the survey."), field="instrument")
    codes = [instrument.item_code(item["number"]) for item in instrument.items]
    clash = list(survey.questions.filter(code__in=codes).values_list("code", flat=True))
    if clash:
        raise ServiceError(
            _("The survey already has questions with the codes %(codes)s.")
            % {"codes": ", ".join(clash)},
            field="instrument",
        )
    section = Section.objects.create(
        survey=survey,
        title=instrument.data.get("short_name", instrument.name),
        intro=instrument.data.get("instruction", ""),
        order=_next_order(survey.sections),
    )
    for order, item in enumerate(instrument.items, start=1):
        question = Question.objects.create(
            survey=survey,
            section=section,
            code=instrument.item_code(item["number"]),
            type=Question.Type.SINGLE_CHOICE,
            text=item["text"],
            required=False,
            allow_dont_know=False,
            order=order,
            instrument=key,
            instrument_item=item["number"],
        )
        Choice.objects.bulk_create(
            Choice(
                question=question,
                value=option["value"],
                label=option["label"],
                order=position,
                score=instrument.option_score(item, option["value"]),
            )
            for position, option in enumerate(instrument.options, start=1)
        )
    record_event(
        "survey.instrument.add",
        survey,
        by=by,
        organisation_id=survey.organisation_id,
        details={"instrument": key, "permission_confirmed": permission_confirmed},
    )
    return section

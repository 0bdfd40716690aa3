"""Writes of the surveys app: build a survey, publish it, store responses.

Every function that changes data takes ``by=`` (the acting user, or None for
anonymous respondents and system actions), runs in a transaction and writes
an audit event for the organisation's work (not for each anonymous response:
the audit log is about what staff do).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from collectief.audit.services import record_event
from collectief.lib.errors import ServiceError
from collectief.surveys.instruments import get_instrument
from collectief.surveys.models import (
    DONT_KNOW_KEY,
    Answer,
    Choice,
    Question,
    Response,
    Section,
    Survey,
    Wave,
)

CODE_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,39}$")
CODE_MAX = 40
STOPWORDS = frozenset(
    [
        "de",
        "het",
        "een",
        "en",
        "of",
        "in",
        "op",
        "aan",
        "van",
        "voor",
        "met",
        "door",
        "bij",
        "uit",
        "over",
        "naar",
        "als",
        "dan",
        "dat",
        "die",
        "dit",
        "ik",
        "je",
        "jij",
        "u",
        "mij",
        "me",
        "mijn",
        "wij",
        "we",
        "ons",
        "onze",
        "zij",
        "ze",
        "hun",
        "is",
        "ben",
        "bent",
        "zijn",
        "was",
        "waren",
        "word",
        "wordt",
        "heb",
        "hebt",
        "heeft",
        "hebben",
        "er",
        "niet",
        "wel",
        "ook",
        "nog",
        "meer",
        "vaker",
        "al",
        "om",
        "te",
        "tot",
        "the",
        "a",
        "an",
        "of",
        "to",
    ]
)
TEXT_MAX: dict[str, int] = {Question.Type.SHORT_TEXT: 300, Question.Type.LONG_TEXT: 5000}


# --------------------------------------------------------------------------- codes


def slug_code(text: str, *, max_words: int = 4) -> str:
    """A readable code from a question text: significant words joined by ``_``."""
    normalised = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", normalised.lower())
    significant = [w for w in words if w not in STOPWORDS] or words or ["vraag"]
    code = significant[0][:30]
    for word in significant[1:max_words]:
        if len(code) + 1 + len(word) > 30:
            break
        code = f"{code}_{word}"
    if not code or not code[0].isalpha():
        code = f"v_{code}" if code else "vraag"
    return code


def unique_code(base: str, taken: Iterable[str]) -> str:
    """``base``, or ``base_2``, ``base_3`` … when it is taken (case-insensitive)."""
    taken_lower = {t.lower() for t in taken}
    base = base[: CODE_MAX - 4]
    if base.lower() not in taken_lower:
        return base
    n = 2
    while f"{base}_{n}".lower() in taken_lower:
        n += 1
    return f"{base}_{n}"


def validate_code(survey: Survey, code: str, *, exclude_pk: int | None = None) -> str:
    code = code.strip()
    if not CODE_RE.match(code):
        raise ServiceError(
            _(
                "A code starts with a letter and has only letters, digits and underscores "
                "(at most 40)."
            ),
            field="code",
        )
    clash = survey.questions.filter(code__iexact=code)
    if exclude_pk:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        raise ServiceError(
            _("Another question in this survey already has the code %(code)s.") % {"code": code},
            field="code",
        )
    return code


# --------------------------------------------------------------------------- surveys

SURVEY_FIELDS = ("title", "intro", "closes_at", "max_responses", "privacy_text", "thank_you_text")


@transaction.atomic
def create_survey(organisation: Any, *, by: Any, title: str, **fields: Any) -> Survey:
    data = {k: v for k, v in fields.items() if k in SURVEY_FIELDS}
    survey = Survey.objects.create(
        organisation=organisation,
        title=title.strip(),
        created_by=by if getattr(by, "is_authenticated", False) else None,
        **data,
    )
    record_event("survey.create", survey, by=by, organisation_id=organisation.pk)
    return survey


@transaction.atomic
def update_survey(survey: Survey, *, by: Any, **fields: Any) -> Survey:
    changed = []
    for name, value in fields.items():
        if name not in SURVEY_FIELDS:
            raise ValueError(f"Unknown survey field {name}")
        if getattr(survey, name) != value:
            setattr(survey, name, value)
            changed.append(name)
    survey.save()
    record_event(
        "survey.update",
        survey,
        by=by,
        organisation_id=survey.organisation_id,
        details={"fields": changed},
    )
    return survey


@transaction.atomic
def delete_survey(survey: Survey, *, by: Any) -> None:
    record_event(
        "survey.delete",
        survey,
        by=by,
        organisation_id=survey.organisation_id,
        details={"title": survey.title, "responses": survey.responses.count()},
    )
    survey.delete()


@transaction.atomic
def set_survey_status(survey: Survey, status: str, *, by: Any) -> Survey:
    status = Survey.Status(status)
    if status == Survey.Status.OPEN:
        if not survey.questions.exists():
            raise ServiceError(_("Add at least one question before you open the survey."))
        if survey.closes_at and survey.closes_at <= timezone.now():
            raise ServiceError(
                _("The closing date has passed. Change it before you open the survey."),
                field="closes_at",
            )
        if survey.opened_at is None:
            survey.opened_at = timezone.now()
    survey.status = status
    survey.save(update_fields=["status", "opened_at", "updated_at"])
    record_event(
        "survey.status",
        survey,
        by=by,
        organisation_id=survey.organisation_id,
        details={"status": status.value},
    )
    return survey


def closed_reason(survey: Survey, *, now: Any = None) -> str | None:
    """Why respondents cannot answer now ("draft", "closed", "date", "full"), or None."""
    now = now or timezone.now()
    if survey.status == Survey.Status.DRAFT:
        return "draft"
    if survey.status == Survey.Status.CLOSED:
        return "closed"
    if survey.closes_at and survey.closes_at <= now:
        return "date"
    if survey.max_responses and survey.responses.count() >= survey.max_responses:
        return "full"
    return None


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
def delete_section(section: Section, *, by: Any) -> None:
    survey = section.survey
    if Answer.objects.filter(question__section=section).exists():
        raise ServiceError(
            _("People have already answered questions in this part. It cannot be deleted.")
        )
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


@transaction.atomic
def delete_question(question: Question, *, by: Any) -> None:
    survey = question.survey
    if question.answers.exists():
        raise ServiceError(_("People have already answered this question. It cannot be deleted."))
    dependants = list(question.dependent_questions.values_list("code", flat=True))
    if dependants:
        raise ServiceError(
            _("Questions %(codes)s depend on this question. Change their skip logic first.")
            % {"codes": ", ".join(dependants)}
        )
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


# --------------------------------------------------------------------------- waves


@transaction.atomic
def add_wave(
    survey: Survey, *, by: Any, name: str, kind: str, starts_at: Any, ends_at: Any = None
) -> Wave:
    if ends_at is not None and ends_at <= starts_at:
        raise ServiceError(_("The end must be after the start."), field="ends_at")
    wave = Wave.objects.create(
        survey=survey, name=name.strip(), kind=kind, starts_at=starts_at, ends_at=ends_at
    )
    record_event("survey.wave.add", wave, by=by, organisation_id=survey.organisation_id)
    return wave


@transaction.atomic
def delete_wave(wave: Wave, *, by: Any) -> None:
    if wave.responses.exists():
        raise ServiceError(_("This measurement has responses. It cannot be deleted."))
    record_event(
        "survey.wave.delete",
        wave,
        by=by,
        organisation_id=wave.survey.organisation_id,
        details={"name": wave.name},
    )
    wave.delete()


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


# --------------------------------------------------------------------------- change story


@dataclass
class Suggestion:
    text: str
    effect: Any
    indicator: Any = None
    code: str = ""
    notes: list[str] = field(default_factory=list)


def suggest_statements(organisation: Any, place: str = "") -> list[Suggestion]:
    """Likert statements per direct effect, worded like the Badhuis survey.

    One statement per indicator of the kind "questionnaire statement"; an
    effect without such indicators gets one statement from its description.
    Example: "Door de activiteiten in het Badhuis ken ik andere buurtbewoners".
    """
    from collectief.changestories.models import ChangeStory, IndicatorKind

    story = ChangeStory.objects.filter(organisation=organisation).first()
    if story is None:
        return []
    place = place.strip() or organisation.name
    suggestions: list[Suggestion] = []
    for effect in story.effects.prefetch_related("indicators").order_by("position", "pk"):
        indicators = [i for i in effect.indicators.all() if i.kind == IndicatorKind.STATEMENT]
        if indicators:
            suggestions.extend(
                Suggestion(
                    text=statement(place, indicator.text), effect=effect, indicator=indicator
                )
                for indicator in indicators
            )
        else:
            suggestions.append(
                Suggestion(text=statement(place, effect.description), effect=effect)
            )
    taken: list[str] = []
    for suggestion in suggestions:
        suggestion.code = unique_code(slug_code(_strip_lead(suggestion.text, place)), taken)
        taken.append(suggestion.code)
    return suggestions


_LEADS = re.compile(r"^(door de activiteiten (in|van|bij) .+? |door .+? )", re.IGNORECASE)


def _strip_lead(text: str, place: str) -> str:
    lead = f"Door de activiteiten in {place} "
    return text[len(lead) :] if text.startswith(lead) else text


def statement(place: str, text: str) -> str:
    """'Door de activiteiten in <place> <text>', with the text in first person where easy.

    ``text`` is an indicator or effect such as "Bewoners kennen andere buurtbewoners"
    or "ken ik andere buurtbewoners"; the result reads as a statement a
    resident can agree with.
    """
    body = text.strip().rstrip(".")
    if _LEADS.match(body):
        return body[0].upper() + body[1:]
    body = _first_person(body)
    return f"Door de activiteiten in {place} {body}"


_SUBJECTS = re.compile(
    r"^(buurtbewoners|bewoners|deelnemers|bezoekers|mensen|zij|ze|jongeren|ouderen|"
    r"vrijwilligers)\s+(\w+)\s*(.*)$",
    re.IGNORECASE,
)
_VERBS = {
    "kennen": "ken",
    "maken": "maak",
    "doen": "doe",
    "voelen": "voel",
    "helpen": "help",
    "vragen": "vraag",
    "weten": "weet",
    "hebben": "heb",
    "leren": "leer",
    "worden": "word",
    "ervaren": "ervaar",
    "zijn": "ben",
    "gaan": "ga",
    "nemen": "neem",
    "zetten": "zet",
    "organiseren": "organiseer",
    "durven": "durf",
    "vinden": "vind",
    "komen": "kom",
    "zien": "zie",
    "spreken": "spreek",
    "ontmoeten": "ontmoet",
}
_PRONOUNS = {"zich": "me", "hun": "mijn", "elkaar": "andere buurtbewoners"}


def _first_person(body: str) -> str:
    match = _SUBJECTS.match(body)
    if not match:
        return body[0].lower() + body[1:] if body[:2] != body[:2].upper() else body
    verb, rest = match.group(2).lower(), match.group(3)
    verb = _VERBS.get(verb, verb)
    rest = " ".join(_PRONOUNS.get(word.lower(), word) for word in rest.split())
    return f"{verb} ik {rest}".strip()


@transaction.atomic
def add_suggested_questions(
    survey: Survey, suggestions: list[Suggestion], *, by: Any, section: Section | None = None
) -> list[Question]:
    """Add reviewed statements as Likert questions linked to effect and indicator."""
    if not suggestions:
        raise ServiceError(_("Choose at least one statement."))
    if section is None:
        section = add_section(survey, by=by, title=_("What has changed for you?"))
    questions = []
    for suggestion in suggestions:
        effect = suggestion.effect
        if effect is not None and effect.story.organisation_id != survey.organisation_id:
            raise ServiceError(_("This effect belongs to another organisation."))
        questions.append(
            add_question(
                section,
                by=by,
                text=suggestion.text,
                type=Question.Type.LIKERT5,
                code=suggestion.code,
                effect=effect,
                indicator=suggestion.indicator,
                allow_dont_know=True,
                audit=False,
            )
        )
    record_event(
        "survey.question.from_change_story",
        survey,
        by=by,
        organisation_id=survey.organisation_id,
        details={"codes": [q.code for q in questions]},
    )
    return questions


# --------------------------------------------------------------------------- answers


def is_visible(
    question: Question, state: Mapping[int, list[str]], by_id: Mapping[int, Question]
) -> bool:
    """Whether skip logic shows ``question`` given the answers so far (keys per question id)."""
    seen: set[int] = set()
    current = question
    while current.show_if_question_id:
        if current.pk in seen:  # a cycle cannot be built, but never loop
            return False
        seen.add(current.pk)
        answers = state.get(current.show_if_question_id, [])
        if not set(answers) & set(current.show_if_values):
            return False
        controller = by_id.get(current.show_if_question_id)
        if controller is None:
            return False
        current = controller
    return True


def clean_answer(question: Question, raw: list[str]) -> list[str]:
    """Validate the raw answer keys of one question; return the keys to keep.

    Raises ServiceError (field = "q<id>") with a Dutch message.
    """
    field_name = f"q{question.pk}"
    values = [v.strip() for v in raw if v is not None and str(v).strip() != ""]
    if not values:
        if question.required:
            raise ServiceError(_("Please answer this question."), field=field_name)
        return []
    if question.type != Question.Type.MULTIPLE_CHOICE and len(values) > 1:
        raise ServiceError(_("Give one answer."), field=field_name)
    if question.is_closed:
        valid = {k for k, _ in question.answer_options()}
        if any(v not in valid for v in values):
            raise ServiceError(_("Choose one of the answers."), field=field_name)
        return list(dict.fromkeys(values))
    if question.type == Question.Type.NUMBER:
        try:
            number = int(values[0])
        except ValueError as exc:
            raise ServiceError(_("Fill in a whole number."), field=field_name) from exc
        if question.min_value is not None and number < question.min_value:
            raise ServiceError(
                _("Fill in a number of at least %(min)s.") % {"min": question.min_value},
                field=field_name,
            )
        if question.max_value is not None and number > question.max_value:
            raise ServiceError(
                _("Fill in a number of at most %(max)s.") % {"max": question.max_value},
                field=field_name,
            )
        if abs(number) > 2_000_000_000:
            raise ServiceError(_("This number is too large."), field=field_name)
        return [str(number)]
    limit = TEXT_MAX.get(question.type, 300)
    if len(values[0]) > limit:
        raise ServiceError(_("Use at most %(n)s characters.") % {"n": limit}, field=field_name)
    return [values[0]]


def _answer_rows(
    question: Question, keys: list[str], choices: Mapping[tuple[int, str], Choice]
) -> list[Answer]:
    if not keys:
        return []
    if question.type == Question.Type.LIKERT5:
        if keys[0] == DONT_KNOW_KEY:
            return [Answer(question=question, dont_know=True)]
        return [Answer(question=question, value=int(keys[0]))]
    if question.type in (Question.Type.YES_NO, Question.Type.NUMBER):
        return [Answer(question=question, value=int(keys[0]))]
    if question.is_choice:
        return [Answer(question=question, choice=choices[(question.pk, key)]) for key in keys]
    return [Answer(question=question, text=keys[0])]


class SubmissionError(ServiceError):
    """Answers did not validate; ``errors`` maps field names to messages."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(_("Some answers need fixing."))
        self.errors = errors


def submit_response(
    survey: Survey,
    answers: Mapping[int, list[str]],
    *,
    idempotency_key: str,
    source: str = Response.Source.WEB,
    by: Any = None,
    wave: Wave | None = None,
    submitted_at: Any = None,
    check_open: bool = True,
) -> tuple[Response, bool]:
    """Store one complete response exactly once; return (response, created).

    ``answers`` maps question id to answer keys (see the models docstring).
    Answers to unknown question ids are refused; answers to questions that
    skip logic hides are dropped; every question is validated. A second call
    with the same ``idempotency_key`` returns the stored response and stores
    nothing. The response is committed when this function returns.
    """
    key = (idempotency_key or "").strip()
    if not key or len(key) > 64:
        raise ServiceError(_("This form has no valid submission code. Start again."))
    existing = Response.objects.filter(survey=survey, idempotency_key=key).first()
    if existing is not None:
        return existing, False
    questions = list(
        survey.questions.select_related("section").order_by(
            "section__order", "section_id", "order", "id"
        )
    )
    by_id = {q.pk: q for q in questions}
    unknown = [qid for qid in answers if qid not in by_id]
    if unknown:
        raise ServiceError(_("These answers do not belong to this survey. Nothing was saved."))
    choices = {(c.question_id, c.value): c for c in Choice.objects.filter(question__survey=survey)}
    cleaned: dict[int, list[str]] = {}
    errors: dict[str, str] = {}
    for question in questions:
        if not is_visible(question, cleaned, by_id):
            continue
        try:
            cleaned[question.pk] = clean_answer(question, list(answers.get(question.pk, [])))
        except ServiceError as error:
            errors[error.field or f"q{question.pk}"] = error.message
    if errors:
        raise SubmissionError(errors)
    rows = [
        row
        for question in questions
        if question.pk in cleaned
        for row in _answer_rows(question, cleaned[question.pk], choices)
    ]
    try:
        with transaction.atomic():
            if check_open:
                if survey.max_responses:
                    # Serialise submissions to a survey with a maximum (PostgreSQL).
                    Survey.objects.select_for_update().filter(pk=survey.pk).first()
                reason = closed_reason(survey)
                if reason:
                    raise ServiceError(_("This survey is closed."), field="__closed__")
            response = Response.objects.create(
                survey=survey,
                wave=wave if wave is not None else survey.current_wave(),
                source=source,
                idempotency_key=key,
                submitted_at=submitted_at or timezone.now(),
            )
            for row in rows:
                row.response = response
            Answer.objects.bulk_create(rows)
            if source != Response.Source.WEB:
                record_event(
                    f"survey.response.{source}",
                    response,
                    by=by,
                    organisation_id=survey.organisation_id,
                )
    except IntegrityError:
        # The same submission arrived twice at the same moment: the other one won.
        existing = Response.objects.filter(survey=survey, idempotency_key=key).first()
        if existing is None:
            raise
        return existing, False
    return response, True

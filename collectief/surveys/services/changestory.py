"""Statements from the change story (veranderverhaal), worded like the Badhuis survey."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from collectief.audit.services import record_event
from collectief.lib.errors import ServiceError
from collectief.surveys.models import (
    Question,
    Section,
    Survey,
)
from collectief.surveys.services.codes import slug_code, unique_code
from collectief.surveys.services.questions import add_question, add_section

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

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
    lead = f"Door de activiteiten in {_place(place)} "
    return text[len(lead) :] if text.startswith(lead) else text


def _place(place: str) -> str:
    """'Het Badhuis' reads 'in het Badhuis' inside a sentence, as in the magazine."""
    place = place.strip()
    return "het " + place[4:] if place.startswith("Het ") else place


def statement(place: str, text: str) -> str:
    """'Door de activiteiten in <place> …', good Dutch, in first person where it fits.

    ``text`` is an indicator or effect: "Bewoners kennen andere buurtbewoners",
    "Ik ervaar meer ruimte", "Het contact tussen buren is verbeterd" or a noun
    phrase such as "Meer sociale cohesie in de wijk". The sentence starts with
    an adverbial ("Door de activiteiten …"), so Dutch puts the finite verb
    right after it and the subject after the verb (inversion): "Door de
    activiteiten in het Badhuis ervaar ik …", never "… ik ervaar …".
    """
    body = " ".join(text.strip().rstrip(".").split())
    if not body:
        return f"Door de activiteiten in {_place(place)}"
    if _LEADS.match(body):
        return body[0].upper() + body[1:]
    return f"Door de activiteiten in {_place(place)} {_inverted(body)}"


# Subjects that mean "the residents": the statement is asked in first person.
_RESIDENTS = {
    "bewoners",
    "buurtbewoners",
    "wijkbewoners",
    "deelnemers",
    "bezoekers",
    "mensen",
    "buren",
    "vrijwilligers",
    "ouderen",
    "jongeren",
    "zij",
    "ze",
}
# Infinitive -> first person singular, for the verbs the rules below get wrong
# or that are common in change stories.
_IK_FORMS = {
    "zijn": "ben",
    "hebben": "heb",
    "kunnen": "kan",
    "willen": "wil",
    "zullen": "zal",
    "mogen": "mag",
    "moeten": "moet",
    "gaan": "ga",
    "staan": "sta",
    "doen": "doe",
    "zien": "zie",
    "komen": "kom",
    "kennen": "ken",
    "maken": "maak",
    "voelen": "voel",
    "helpen": "help",
    "vragen": "vraag",
    "weten": "weet",
    "leren": "leer",
    "worden": "word",
    "ervaren": "ervaar",
    "nemen": "neem",
    "zetten": "zet",
    "durven": "durf",
    "vinden": "vind",
    "spreken": "spreek",
    "ontmoeten": "ontmoet",
    "krijgen": "krijg",
    "ontwikkelen": "ontwikkel",
    "geven": "geef",
    "blijven": "blijf",
    "wonen": "woon",
    "delen": "deel",
    "zoeken": "zoek",
    "praten": "praat",
    "werken": "werk",
    "denken": "denk",
    "lopen": "loop",
    "drinken": "drink",
    "eten": "eet",
    "zorgen": "zorg",
    "ontstaan": "ontsta",
    "groeien": "groei",
    "herkennen": "herken",
    "bereiken": "bereik",
    "gebruiken": "gebruik",
    "besteden": "besteed",
    "bezoeken": "bezoek",
    "beleven": "beleef",
}
# Finite forms of other subjects that are not a verb's stem + t.
_IRREGULAR_FINITE = {"is", "heeft", "kan", "wil", "zal", "mag", "gaat", "staat", "doet", "ziet"}
_PRONOUNS = {"zich": "me", "hun": "mijn", "elkaar": "andere buurtbewoners", "ze": "ik"}
_STARTERS = {"er", "ik", "we", "wij", "je", "jij", "hij", "zij", "ze", "men"}
# Noun phrases without a verb: "heb ik" for things you have, "ervaar ik" otherwise.
_HAVE = re.compile(
    r"\b(contact\w*|praatje\w*|vrienden|kennissen|vaardigheden|netwerk|plek|plaats|"
    r"zelfvertrouwen|interactie|mogelijkheden|ruimte|steun|hulp|kennis)\b",
    re.IGNORECASE,
)


def _ik_form(infinitive: str) -> str | None:
    """'maken' -> 'maak', 'organiseren' -> 'organiseer'; None if it is no infinitive."""
    prefix, core = "", infinitive.lower()
    if core.startswith("(") and ")" in core:  # "(her)kennen"
        prefix, core = core[: core.index(")") + 1], core[core.index(")") + 1 :]
    if core in _IK_FORMS:
        return prefix + _IK_FORMS[core]
    if core.endswith("eren") and len(core) > 6:
        return prefix + core[:-4] + "eer"  # organiseren, participeren
    return None


def _finite_forms() -> set[str]:
    forms = set(_IRREGULAR_FINITE)
    for infinitive, ik in _IK_FORMS.items():
        forms.add(infinitive)
        forms.add(ik if ik.endswith("t") else ik + "t")  # "wordt", "vindt", "ontmoet"
    return forms


_FINITE = _finite_forms()


def _is_finite(word: str) -> bool:
    core = re.sub(r"^\(\w+\)", "", word.lower())
    return core in _FINITE or (core.endswith("eren") and len(core) > 6)


def _lower_first(words: list[str]) -> list[str]:
    first = words[0]
    if first[1:] == first[1:].lower() and not first.isupper():
        return [first[0].lower() + first[1:], *words[1:]]
    return words


def _inverted(body: str) -> str:
    """The body as it follows a leading adverbial: finite verb first, then the subject."""
    words = body.split()
    head = words[0].lower()
    if head == "ik" and len(words) > 1:
        return " ".join([words[1], "ik", *words[2:]])
    if head in _RESIDENTS and len(words) > 1 and _ik_form(words[1]):
        return _first_person(words[1], words[2:])
    if head in _STARTERS and len(words) > 1:
        return " ".join([words[1], head, *words[2:]])
    verbs = [
        index
        for index, word in enumerate(words[1:10], start=1)
        if _is_finite(word) and words[index - 1].lower() not in {"het", "de", "een"}
    ]
    if len(words) > 1 and words[1].lower() == "die":
        # "Bewoners die samen iets hebben opgezet helpen elkaar": the first verb
        # ends the relative clause, the next one is the main verb.
        verbs = verbs[1:]
    if verbs:
        index = verbs[0]
        subject = _lower_first(words[:index])
        return " ".join([words[index], *subject, *words[index + 1 :]])
    # A noun phrase without a verb: "Meer sociale cohesie in de wijk".
    verb = "heb" if _HAVE.search(body) else "ervaar"
    return " ".join([verb, "ik", *_lower_first(words)])


def _first_person(verb: str, rest: list[str]) -> str:
    """'kennen', ['elkaar'] -> 'ken ik andere buurtbewoners'; also '... en zetten ...'."""
    out = [_ik_form(verb) or verb, "ik"]
    for index, word in enumerate(rest):
        previous = rest[index - 1].lower() if index else ""
        if previous == "en" and _ik_form(word) and word.lower() not in {"ze", "zij"}:
            out.extend([_ik_form(word) or word, "ik"])  # "en zet ik deze in"
        else:
            out.append(_PRONOUNS.get(word.lower(), word))
    return " ".join(out)


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

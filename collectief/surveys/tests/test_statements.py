"""Statements from the change story are good Dutch: inversion after the adverbial.

"Door de activiteiten in het Badhuis" is an adverbial at the start of the
sentence, so the finite verb comes next and the subject after it:
"Door de activiteiten in het Badhuis ervaar ik …", never "… ik ervaar …".
"""

import io
import re

import pytest

from collectief.surveys.services.changestory import (
    _FINITE,
    _IK_FORMS,
    _place,
    statement,
    suggest_statements,
)

LEAD = "Door de activiteiten in het Badhuis "

# (indicator or effect as people write it, the statement we expect)
PHRASINGS = [
    (
        "Ik ervaar de ruimte om nieuwe dingen uit te proberen",
        "ervaar ik de ruimte om nieuwe dingen uit te proberen",
    ),
    ("Ik voel me meer welkom in de buurt.", "voel ik me meer welkom in de buurt"),
    ("ik heb nieuwe vaardigheden geleerd", "heb ik nieuwe vaardigheden geleerd"),
    ("Ik ken meer mensen in de buurt", "ken ik meer mensen in de buurt"),
    ("Bewoners kennen andere buurtbewoners", "ken ik andere buurtbewoners"),
    (
        "Bewoners voelen zich meer verbonden met elkaar",
        "voel ik me meer verbonden met andere buurtbewoners",
    ),
    ("Wijkbewoners ervaren meer zelfvertrouwen", "ervaar ik meer zelfvertrouwen"),
    (
        "Buurtbewoners hebben meer interactie met elkaar",
        "heb ik meer interactie met andere buurtbewoners",
    ),
    ("Buurtbewoners (her)kennen elkaar", "(her)ken ik andere buurtbewoners"),
    ("Bewoners zijn meer betrokken bij de buurt", "ben ik meer betrokken bij de buurt"),
    (
        "Deelnemers worden uitgedaagd hun talenten in te zetten",
        "word ik uitgedaagd mijn talenten in te zetten",
    ),
    ("Mensen kunnen makkelijker hulp vragen", "kan ik makkelijker hulp vragen"),
    ("Ouderen voelen zich minder eenzaam", "voel ik me minder eenzaam"),
    ("Bezoekers nemen vaker deel aan activiteiten", "neem ik vaker deel aan activiteiten"),
    ("Bewoners durven meer", "durf ik meer"),
    ("Vrijwilligers organiseren zelf activiteiten", "organiseer ik zelf activiteiten"),
    (
        "Bewoners ontwikkelen hun talenten en zetten deze (samen) in",
        "ontwikkel ik mijn talenten en zet ik deze (samen) in",
    ),
    (
        "Bewoners helpen elkaar en voelen zich verbonden",
        "help ik andere buurtbewoners en voel ik me verbonden",
    ),
    ("Het contact tussen buren is verbeterd", "is het contact tussen buren verbeterd"),
    ("Circulariteit in de wijk wordt versterkt", "wordt circulariteit in de wijk versterkt"),
    ("Er ontstaat een inclusieve wijk", "ontstaat er een inclusieve wijk"),
    ("De buurt is veiliger geworden", "is de buurt veiliger geworden"),
    (
        "Kinderen leren respect te hebben voor de natuur",
        "leren kinderen respect te hebben voor de natuur",
    ),
    ("Wij helpen elkaar", "helpen wij elkaar"),
    (
        "Verschillende groepen bewoners (jong-oud) ontmoeten elkaar",
        "ontmoeten verschillende groepen bewoners (jong-oud) elkaar",
    ),
    (
        "Wijkbewoners die samen een activiteit hebben opgezet helpen elkaar",
        "helpen wijkbewoners die samen een activiteit hebben opgezet elkaar",
    ),
    ("Meer sociale cohesie in de wijk", "ervaar ik meer sociale cohesie in de wijk"),
    ("Minder eenzaamheid", "ervaar ik minder eenzaamheid"),
    ("Vaker contact met buren", "heb ik vaker contact met buren"),
]


@pytest.mark.parametrize(("text", "expected"), PHRASINGS)
def test_statement_puts_the_verb_right_after_the_adverbial(text: str, expected: str) -> None:
    assert statement("Het Badhuis", text) == LEAD + expected


def test_at_least_twenty_phrasings_are_checked() -> None:
    assert len(PHRASINGS) >= 20


def test_statement_that_starts_with_door_is_kept() -> None:
    text = "Door het Badhuis word ik uitgedaagd om mijn talenten in te zetten"
    assert statement("Het Badhuis", text) == text


def test_place_keeps_a_proper_name() -> None:
    assert statement("De Sleutel", "Ik voel me thuis") == (
        "Door de activiteiten in De Sleutel voel ik me thuis"
    )


VERBS = _FINITE | set(_IK_FORMS.values())


def _verb_follows_the_adverbial(place: str, text: str) -> bool:
    """The first word after "Door de activiteiten in <place>" is a finite verb."""
    lead = f"Door de activiteiten in {_place(place)} "
    if not text.startswith(lead):
        return text.startswith("Door ")  # the indicator was already a whole statement
    word = re.sub(r"^\(\w+\)", "", text[len(lead) :].split()[0].lower())
    return word in VERBS or word.endswith("eer")


@pytest.mark.django_db
def test_every_statement_from_the_demo_change_stories_is_inverted() -> None:
    """Every statement indicator and every effect the suggestions read, in every demo story."""
    from collectief.accounts import demo as accounts_demo
    from collectief.areas import demo as areas_demo
    from collectief.changestories import demo as changestories_demo
    from collectief.changestories.models import ChangeStory, IndicatorKind

    out = io.StringIO()
    areas_demo.load_demo(out)
    accounts_demo.load_demo(out)
    changestories_demo.load_demo(out)
    stories = list(ChangeStory.objects.select_related("organisation"))
    assert len(stories) >= 3
    checked = 0
    for story in stories:
        place = story.organisation.name
        for effect in story.effects.prefetch_related("indicators"):
            texts = [i.text for i in effect.indicators.all() if i.kind == IndicatorKind.STATEMENT]
            for text in [*texts, effect.description]:
                if not text:
                    continue
                result = statement(place, text)
                assert not re.search(r"^Door de activiteiten in .+ (ik|we|wij) \w+", result) or (
                    _verb_follows_the_adverbial(place, result)
                ), result
                assert _verb_follows_the_adverbial(place, result), (text, result)
                checked += 1
        suggestions = suggest_statements(story.organisation)
        for suggestion in suggestions:
            assert _verb_follows_the_adverbial(place, suggestion.text), suggestion.text
    assert checked >= 15

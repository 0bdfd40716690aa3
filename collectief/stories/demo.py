"""Demo stories (issue 14 point 7): the portraits of the magazine, quotes and one MSC round.

Jan Willem (Het Badhuis, p. 34-35), Najat (De Sleutel, p. 46-47) and Arend
Wesdijk (Buurttuin Kempenaar, p. 42-43) tell in the words the magazine
printed; their names are published there, so their consent is "with name",
recorded in writing by the interviewer. A Badhuis resident sent a story in
through the public story link, anonymously. The five printed answers of the
Badhuis survey become quotes, each linked to the effect it speaks to, and
one Most Significant Change round of the Badhuis has the panel's choices.

Safe to run again: stories, quotes, the link and the round are found by
their titles or texts, and nothing is added twice.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils.translation import gettext

from collectief.accounts.models import Organisation
from collectief.changestories.models import Effect
from collectief.lib.errors import ServiceError
from collectief.stories import services, services_msc
from collectief.stories.models import (
    AuthorRole,
    ConsentLevel,
    ConsentMethod,
    MscRound,
    Quote,
    Source,
    Story,
    StoryLink,
)
from collectief.surveys.demo import QUOTES, TITLE
from collectief.surveys.models import Answer

JAN_WILLEM = (
    "Ik kwam voor het eerst in het Badhuis voor inspraakavonden. Er zat toen nog een "
    "bouwbedrijf in het Badhuis. Het zag er destijds nog heel anders uit: donkerbruine "
    "vloertegels, en de keuken en de bar waren heel anders. Daar heb ik later bij de verbouwing "
    "nog veel invloed op gehad. Een deel van de bar is nu laag voor mensen in een rolstoel.\n\n"
    "Toen ik hier kwam vond ik dat de verwarmingen erg vies waren, die ben ik in mijn eentje "
    "allemaal gaan schoonmaken. Zo ben ik vrijwilligerswerk gaan doen voor het Badhuis. Nu maak "
    "ik de keukenvloer, hal en wc's een tot drie keer per week schoon. Het is nu echt een "
    "centrum voor de buurt geworden met allerlei activiteiten.\n\n"
    "Als het Badhuis er niet zou zijn dan had ik denk ik wat minder sociale contacten en minder "
    "leuk werk als vrijwilliger. Het is zo fijn, want niemand is hier echt de baas. Alles kan. "
    "Er zijn veel mogelijkheden om dingen zelf te organiseren.\n\n"
    "Het Badhuis heeft een hele belangrijke functie voor de buurt. De sociale cohesie is "
    "toegenomen, doordat mensen elkaar kennen en makkelijk hulp aan elkaar vragen. Als iemand "
    "iets nodig heeft dan kan je altijd om hulp vragen. Ik heb bijvoorbeeld een keer aan mijn "
    "goede vriend Luuk, die ik hier in het Badhuis heb leren kennen, gevraagd of hij me kon "
    "helpen met internetbankieren. Dat bespaarde mij veel gedoe en sindsdien kan ik het zelf.\n\n"
    "Ik ben heel blij dat hier geen baas of een beroepskracht is. Daardoor voel ik me ook thuis. "
    "Ik kan zo'n activiteit als vanmiddag op mijn manier doen."
)
NAJAT = (
    "Ik had niet zo veel familie. Nu heb ik bij De Sleutel familie gevonden. Ik vind alle "
    "activiteiten leuk. Ik ben bezig met kleding, uitzoeken, koffie schenken. Overal bij "
    "betrokken, met een focus op de kleding en de winkel.\n\n"
    "Ik ben zelf een persoon die niet veel praat. Sinds ik hier ben vind ik het makkelijker om "
    "een praatje te maken. Dat heb ik hier geleerd. Ik ben een bekend gezicht geworden van de "
    "wijk, ik praat met iedereen. Mensen kunnen altijd langskomen en een praatje maken. Zo'n "
    "praatje is heel open, het maakt niet uit wie je bent. Daardoor voelt het veilig.\n\n"
    "Als ik nu buiten in de wijk loop, dan merk ik dat ik graag verhalen hoor van mensen. Ik "
    "maak nu graag een praatje met ze. Ik wil niet alleen 'hallo' zeggen, ik wil mijn "
    "buurtgenoten graag leren kennen."
)
AREND = (
    "We hadden helemaal geen plannen om een buurttuin op te zetten. We hadden niet de intentie "
    "om de Buurttuin te starten, maar wel de behoefte dat mensen elkaar weer op een positieve "
    "manier zouden tegenkomen. Een paar kippen boden die mogelijkheid.\n\n"
    "Ik zie mooie dingen in de Buurttuin ontstaan. Ik denk aan een jongen met een lichte "
    "verstandelijke beperking. Zijn moeder vertelde dat hij sinds hij bij ons actief is, nog "
    "nooit zoveel heeft gepraat. Hier is iedereen gelijkwaardig. Wij zeggen: je bent welkom, "
    "doe mee.\n\n"
    "Mensen ontmoeten elkaar hier. Ik zag laatst een oudere bewoner met een jonge moeder praten. "
    "Daarna lieten ze elkaars huis zien. Het is fijn dat je weet wie je buren zijn, daar draagt "
    "de Buurttuin aan bij. Het hoeft niet meteen tot hechte vriendschappen te leiden, maar het "
    "bevordert wel de sociale cohesie."
)
RESIDENT = (
    "Door het Badhuis heb ik contact met buren, die ik inmiddels ook buiten het Badhuis veel "
    "zie. Maar bij het Badhuis was het eerste contact gelegd toen ik hier kwam wonen. Ik kende "
    "hier niemand. Nu groet ik op straat de helft van de mensen en weet ik bij wie ik kan "
    "aankloppen als ik iets nodig heb."
)

# (organisation, title, text, role, name, told on, asked by, effect names or descriptions,
#  quotes as (words, effect)).
STORIES: list[dict[str, Any]] = [
    {
        "organisation": "het-badhuis",
        "title": "Het Badhuis heeft een hele belangrijke functie voor de buurt",
        "text": JAN_WILLEM,
        "role": AuthorRole.VOLUNTEER,
        "name": "Jan Willem",
        "told_on": datetime.date(2022, 6, 8),
        "asked_by": "Silke van Arum",
        "level": ConsentLevel.NAMED,
        "source": Source.INTERVIEW,
        "effects": ["VERBONDENHEID", "STEUNEND NETWERK", "EMPOWERMENT"],
        "quotes": [
            (
                "Als het Badhuis er niet zou zijn dan had ik denk ik wat minder sociale contacten "
                "en minder leuk werk als vrijwilliger.",
                "VERBONDENHEID",
            ),
            (
                "De sociale cohesie is toegenomen, doordat mensen elkaar kennen en makkelijk hulp "
                "aan elkaar vragen.",
                "STEUNEND NETWERK",
            ),
        ],
    },
    {
        "organisation": "het-badhuis",
        "title": "Het eerste contact met mijn buren",
        "text": RESIDENT,
        "role": AuthorRole.RESIDENT,
        "name": "",
        "told_on": datetime.date(2022, 10, 3),
        "asked_by": "",
        "level": ConsentLevel.ANONYMOUS,
        "source": Source.LINK,
        "effects": ["VERBONDENHEID", "STEUNEND NETWERK"],
        "quotes": [],
    },
    {
        "organisation": "de-sleutel",
        "title": "Ik vind het nu makkelijker om een praatje te maken",
        "text": NAJAT,
        "role": AuthorRole.VOLUNTEER,
        "name": "Najat",
        "told_on": datetime.date(2022, 9, 13),
        "asked_by": "Jolinde Dermaux",
        "level": ConsentLevel.NAMED,
        "source": Source.INTERVIEW,
        "effects": [
            "Bewoners krijgen meer zelfvertrouwen",
            "Verschillende groepen bewoners (jong-oud-rijk-arm) ontmoeten elkaar",
            "Bewoners helpen elkaar en voelen zich verbonden",
        ],
        "quotes": [
            (
                "Sinds ik hier ben vind ik het makkelijker om een praatje te maken. Dat heb ik "
                "hier geleerd.",
                "Bewoners krijgen meer zelfvertrouwen",
            ),
            (
                "Ik had niet zo veel familie. Nu heb ik bij De Sleutel familie gevonden.",
                "Bewoners helpen elkaar en voelen zich verbonden",
            ),
        ],
    },
    {
        "organisation": "buurttuin-kempenaar",
        "title": "Mensen ontmoeten elkaar hier",
        "text": AREND,
        "role": AuthorRole.VOLUNTEER,
        "name": "Arend Wesdijk",
        "told_on": datetime.date(2022, 5, 20),
        "asked_by": "Redactie Collectief (Movisie)",
        "level": ConsentLevel.NAMED,
        "source": Source.INTERVIEW,
        "effects": ["INTERACTIE", "(HER)KENNEN", "VERBINDINGEN"],
        "quotes": [
            (
                "Het is fijn dat je weet wie je buren zijn, daar draagt de Buurttuin aan bij.",
                "(HER)KENNEN",
            ),
        ],
    },
]

# Which printed survey answer speaks to which Badhuis effect.
SURVEY_QUOTE_EFFECTS = [
    "VERBONDENHEID",
    "STEUNEND NETWERK",
    "STEUNEND NETWERK",
    "EMPOWERMENT",
    "VERBONDENHEID",
]

ROUND_TITLE = "Najaar 2022: wat veranderde er door het Badhuis?"
ROUND_CHOICES = {
    "VERBONDENHEID": (
        "Het eerste contact met mijn buren",
        "Het panel herkende hierin wat veel nieuwe bewoners vertellen: het Badhuis is de plek "
        "waar het eerste contact gelegd wordt, en dat contact gaat daarna buiten het Badhuis "
        "door.",
    ),
    "STEUNEND NETWERK": (
        "Het Badhuis heeft een hele belangrijke functie voor de buurt",
        "Jan Willem laat zien hoe hulp vragen makkelijker wordt als je elkaar kent: Luuk, die "
        "hij in het Badhuis leerde kennen, hielp hem met internetbankieren. En Jan Willem helpt "
        "anderen weer met budgetbeheer.",
    ),
}


def _effect(organisation: Organisation, key: str) -> Effect | None:
    effects = services.effects_of(organisation)
    return effects.filter(name=key).first() or effects.filter(description=key).first()


def _story(organisation: Organisation, spec: dict[str, Any]) -> Story | None:
    story = Story.objects.filter(organisation=organisation, title=spec["title"]).first()
    if story is not None:
        return story
    effects = [e for key in spec["effects"] if (e := _effect(organisation, key)) is not None]
    try:
        return services.create_story(
            organisation,
            by=None,
            title=spec["title"],
            text=spec["text"],
            author_role=spec["role"],
            author_name=spec["name"],
            told_on=spec["told_on"],
            effects=effects,
            source=spec["source"],
            consent_level=spec["level"],
            consent_method=(
                ConsentMethod.FORM if spec["source"] == Source.LINK else ConsentMethod.WRITTEN
            ),
            consent_asked_by=spec["asked_by"],
            consent_asked_on=spec["told_on"],
        )
    except ServiceError as error:
        # An anonymous story needs the de-identification (``collectief signals warmup``).
        if error.field != "text":
            raise
        return None


def _survey_quotes(organisation: Organisation) -> int:
    answers = Answer.objects.filter(
        question__survey__organisation=organisation,
        question__survey__title=TITLE,
        question__code="betekenis",
    ).select_related("question__survey")
    marked = 0
    for text, effect_key in zip(QUOTES, SURVEY_QUOTE_EFFECTS, strict=True):
        answer = answers.filter(text=text).first()
        if answer is None:
            continue
        quote = services.mark_answer_quote(answer, by=None)
        if quote.effect_id is None:
            services.set_quote_effect(quote, by=None, effect=_effect(organisation, effect_key))
        marked += 1
    return marked


def _round(organisation: Organisation, stories: dict[str, Story]) -> MscRound | None:
    msc_round = MscRound.objects.filter(organisation=organisation, title=ROUND_TITLE).first()
    if msc_round is None:
        msc_round = services_msc.create_round(
            organisation,
            by=None,
            title=ROUND_TITLE,
            question="Wat is voor jou de belangrijkste verandering door het Badhuis?",
            panel="Drie vrijwilligers van de bar, twee bewoners van de Leidsebuurt en de "
            "penningmeester van de stichting",
            held_on=datetime.date(2022, 11, 16),
        )
    in_round = [s for s in stories.values() if s.organisation_id == organisation.pk]
    services_msc.set_round_stories(msc_round, by=None, stories=in_round)
    for effect_key, (title, reason) in ROUND_CHOICES.items():
        effect = _effect(organisation, effect_key)
        story = stories.get(title)
        if effect is None or story is None or msc_round.choices.filter(effect=effect).exists():
            continue
        story.refresh_from_db()
        services_msc.choose_story(msc_round, by=None, effect=effect, story=story, reason=reason)
    return msc_round


def load_demo(stdout: Any) -> None:
    stories: dict[str, Story] = {}
    for spec in STORIES:
        organisation = Organisation.objects.filter(slug=spec["organisation"]).first()
        if organisation is None:
            continue
        story = _story(organisation, spec)
        if story is None:
            stdout.write(
                "  "
                + gettext("stories: %(title)s skipped (de-identification is not ready)")
                % {"title": spec["title"]}
                + "\n"
            )
            continue
        stories[story.title] = story
        for words, effect_key in spec["quotes"]:
            if not Quote.objects.filter(story=story, text=words).exists():
                services.create_quote(
                    story, by=None, text=words, effect=_effect(organisation, effect_key)
                )
    badhuis = Organisation.objects.filter(slug="het-badhuis").first()
    if badhuis is None:
        return
    marked = _survey_quotes(badhuis)
    if not StoryLink.objects.filter(organisation=badhuis).exists():
        services.create_link(
            badhuis,
            by=None,
            title="Vertel ons je verhaal",
            prompt="Wat is voor jou de belangrijkste verandering door het Badhuis?",
        )
    _round(badhuis, stories)
    stdout.write(
        "  "
        + gettext("stories: %(stories)d stories, %(quotes)d survey quotes, one MSC round")
        % {"stories": len(stories), "quotes": marked}
        + "\n"
    )

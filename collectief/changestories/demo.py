"""The three veranderverhalen from the magazine (p. 32-33, 40-41, 44-45).

Every item of the four blocks is copied as printed. Short names of effects
are the words the magazine prints in capitals or bold; De Sleutel's poster
has no short names, so those stay empty. Levels and links are our reading
of the text; indicators come from the magazine's own measurement (the
Badhuis survey statements, the Buurttuin observations and stories, the
stories and facts of De Sleutel). Running this again changes nothing when
the story is already as printed.
"""

from __future__ import annotations

from typing import Any, TextIO

from django.utils.translation import gettext

from collectief.accounts.models import Organisation
from collectief.changestories import services
from collectief.changestories.models import ChangeStory, IndicatorKind, Level

S, V, F = IndicatorKind.STATEMENT, IndicatorKind.STORY, IndicatorKind.FINANCIAL


def _story(
    tagline: str,
    target_groups: list[str],
    approaches: list[str],
    effects: list[tuple[str, str, str, list[tuple[str, str]], list[int], list[int]]],
    contributions: list[str],
) -> dict[str, Any]:
    """Build a document; effects are (name, description, level, indicators,
    approach numbers, contribution numbers), numbers counting from 1."""
    content: dict[str, Any] = {
        "tagline": tagline,
        "target_groups": [{"id": f"t{n}", "text": t} for n, t in enumerate(target_groups, 1)],
        "approaches": [{"id": f"a{n}", "text": t} for n, t in enumerate(approaches, 1)],
        "contributions": [{"id": f"c{n}", "text": t} for n, t in enumerate(contributions, 1)],
        "effects": [],
        "links": [],
    }
    indicator_number = 0
    for n, (name, description, level, indicators, via, feeds) in enumerate(effects, 1):
        items = []
        for text, kind in indicators:
            indicator_number += 1
            items.append({"id": f"i{indicator_number}", "text": text, "kind": kind})
        content["effects"].append(
            {
                "id": f"e{n}",
                "name": name,
                "description": description,
                "level": level,
                "indicators": items,
            }
        )
        content["links"] += [{"from": f"a{a}", "to": f"e{n}"} for a in via]
        content["links"] += [{"from": f"e{n}", "to": f"c{c}"} for c in feeds]
    return content


STORIES: dict[str, dict[str, Any]] = {
    "het-badhuis": _story(
        "voor en door buurtbewoners",
        ["Bewoners van de Leidsebuurt Haarlem"],
        [
            "Het stimuleren van het gezamenlijk organiseren en uitvoeren van activiteiten",
            "Het Badhuis is van iedereen en alle bewoners kunnen en mogen (meestal gratis) "
            "meedoen",
            "Locatie en functie van gebouw optimaal benutten als ontmoetingsplek in de buurt",
            "Talenten en interesses van bewoners benutten als uitgangspunt",
            "Diversiteit in aanbod creëren",
        ],
        [
            (
                "STEUNEND NETWERK",
                "Wijkbewoners die samen een activiteit hebben opgezet helpen elkaar",
                Level.GROUP,
                [
                    (
                        "Door de activiteiten in het Badhuis help ik vaker anderen in de buurt, "
                        "bijvoorbeeld met klusjes",
                        S,
                    ),
                    (
                        "Door de activiteiten in het Badhuis weet ik buurtbewoners beter te vinden "
                        "als ik een vraag heb of iets nodig heb",
                        S,
                    ),
                    (
                        "Door de activiteiten in het Badhuis vraag ik vaker hulp en advies aan "
                        "mensen uit de buurt",
                        S,
                    ),
                ],
                [1, 4],
                [4, 5],
            ),
            (
                "EMPOWERMENT",
                "Wijkbewoners ervaren meer zelfvertrouwen",
                Level.INDIVIDUAL,
                [
                    ("Door de activiteiten in het Badhuis heb ik nieuwe vaardigheden geleerd", S),
                    (
                        "Door het Badhuis word ik uitgedaagd om mijn talenten in te zetten voor de "
                        "buurt",
                        S,
                    ),
                    (
                        "Ik ervaar de ruimte om nieuwe dingen uit te proberen en zelf activiteiten "
                        "op te zetten",
                        S,
                    ),
                    (
                        "Door het organiseren van activiteiten ben ik (nog) zelfverzekerder "
                        "geworden over mijn kwaliteiten",
                        S,
                    ),
                ],
                [1, 4, 5],
                [5, 2],
            ),
            (
                "VERBONDENHEID",
                "Wijkbewoners voelen zich verbonden met elkaar",
                Level.NEIGHBOURHOOD,
                [
                    ("Door de activiteiten in het Badhuis ken ik andere buurtbewoners", S),
                    (
                        "Door de activiteiten in het Badhuis maak ik vaker een praatje met mensen "
                        "uit de buurt",
                        S,
                    ),
                    (
                        "Door de activiteiten in het Badhuis doe ik vaker iets leuks met mensen uit "
                        "de buurt",
                        S,
                    ),
                    (
                        "Door de activiteiten van het Badhuis voelen buurtbewoners zich meer "
                        "verbonden met elkaar",
                        S,
                    ),
                    ("Door de activiteiten in het Badhuis voel ik me meer welkom in de buurt", S),
                ],
                [2, 3, 5],
                [1, 2, 3, 4, 6],
            ),
        ],
        [
            "Sociale veiligheid van de wijk is gegroeid",
            "Er ontstaat een inclusieve wijk",
            "Eenzaamheid onder wijkbewoners is verminderd",
            "Meer sociale cohesie in de wijk",
            "Zelfredzaamheid van wijkbewoners is vergroot",
            "De leefbaarheid van de wijk is vergroot",
        ],
    ),
    "buurttuin-kempenaar": _story(
        "een groene oase voor lichte ontmoetingen",
        ["Bewoners van Buitenoord in Barendrecht"],
        [
            "Creëren van randvoorwaarden voor informele ontmoetingen",
            "ABCD: iedereen is welkom en kan bijdragen naar eigen vermogen",
            "Het inrichten en onderhouden van de tuin",
            "Weinig formalisering",
            "Aanwezigheid en verzorging van de dieren: konijn, kippen, vissen en een schildpad",
        ],
        [
            (
                "INTERACTIE",
                "Buurtbewoners hebben meer interactie met elkaar",
                Level.NEIGHBOURHOOD,
                [
                    (
                        "Bewoners vertellen over meer dagelijkse contactmomenten en zijn "
                        "spraakzamer",
                        V,
                    ),
                    ("Wat we zien: bewoners lopen even langs, zwaaien en drinken samen koffie", V),
                ],
                [1, 4],
                [1, 3],
            ),
            (
                "(HER)KENNEN",
                "Buurtbewoners (her)kennen elkaar",
                Level.NEIGHBOURHOOD,
                [
                    (
                        "Bewoners weten wie hun buren zijn, bijvoorbeeld via de tuin contact met de "
                        "onderbuurman",
                        V,
                    ),
                ],
                [1, 3],
                [3, 4],
            ),
            (
                "VERBINDINGEN",
                "Nieuwe verbindingen tussen diverse bewoners",
                Level.GROUP,
                [
                    (
                        "Wat we zien: bewoners die elkaar anders niet spreken, praten met elkaar "
                        "(een oudere bewoner en een jonge moeder)",
                        V,
                    ),
                ],
                [1, 2],
                [2, 3],
            ),
            (
                "RESPECT",
                "Kinderen leren respect te hebben voor de natuur en voor elkaar",
                Level.INDIVIDUAL,
                [
                    (
                        "Wat we zien: kinderen storen de broedende kip niet, doen het hekje dicht "
                        "en laten eieren over voor anderen",
                        V,
                    ),
                ],
                [5],
                [1],
            ),
            (
                "CIRCULARITEIT",
                "Circulariteit in de wijk wordt versterkt",
                Level.NEIGHBOURHOOD,
                [
                    (
                        "Bewoners en andere partijen doneren tuinmateriaal (gereedschap, grond, "
                        "houtsnippers)",
                        V,
                    ),
                ],
                [2, 3],
                [1, 2],
            ),
        ],
        [
            "Leefbaarheid van de wijk wordt verbeterd",
            "Samenredzaamheid in de buurt wordt vergroot",
            "Sociale cohesie wordt bevorderd",
            "Sociale veiligheid wordt vergroot",
        ],
    ),
    "de-sleutel": _story(
        "je mag hier zijn wie je bent",
        ["Bewoners van de wijk Haagse Beemden, Breda"],
        [
            "De kringloop en de locatie faciliteren ontmoeting",
            "Dagbesteding/activiteiten organiseren en deelnemen voor en door bewoners",
            "Verbinden van mensen en verbinden van hulpvragen, iedereen is welkom, je mag zijn "
            "wie je bent, we zeggen nooit nee, we zorgen voor elkaar",
            "Ruimte voor en samenwerking met initiatieven en organisaties van buiten",
        ],
        [
            (
                "",
                "Verschillende groepen bewoners (jong-oud-rijk-arm) ontmoeten elkaar",
                Level.NEIGHBOURHOOD,
                [
                    (
                        "Wat we zien: na de koffie-inloop gaan deelnemers samen een rondje door de "
                        "winkel, zo ontmoeten mensen elkaar die elkaar anders niet snel zien",
                        V,
                    ),
                ],
                [1, 4],
                [1, 4],
            ),
            (
                "",
                "Bewoners ontwikkelen hun talenten en zetten deze (samen) in",
                Level.INDIVIDUAL,
                [
                    (
                        "Verhalen van vrijwilligers, zoals: na een jaar in de kringloop kan ik een "
                        "nieuwe baan krijgen",
                        V,
                    ),
                ],
                [2],
                [2, 3],
            ),
            (
                "",
                "Bewoners krijgen meer zelfvertrouwen",
                Level.INDIVIDUAL,
                [
                    ("Verhalen van bewoners en vrijwilligers over wat ze nu durven", V),
                ],
                [2, 3],
                [2, 3],
            ),
            (
                "",
                "Bewoners helpen elkaar en voelen zich verbonden",
                Level.GROUP,
                [
                    ("Wat we zien: hulpvragen worden door bewoners samen opgepakt", V),
                    (
                        "Besparing op zorgkosten door preventie en voorkomen van terugval "
                        "(vervangingswaarde)",
                        F,
                    ),
                ],
                [3],
                [1, 3],
            ),
        ],
        [
            "Leefbaarheid. Bewoners ervaren saamhorigheid, dorpsgevoel, veiligheid",
            "Zingeving. Bewoners ervaren dat ze er mogen zijn, ontwikkelen zich en zetten zich in",
            "Besparing zorgkosten. Door preventie en voorkomen van terugval",
            "Wegnemen van stigma. Cultuur, ggz, gevangenis, geaardheid: iedereen is welkom",
        ],
    ),
}


def _normal(content: dict[str, Any]) -> dict[str, Any]:
    links = sorted((link["from"], link["to"]) for link in content["links"])
    return {**content, "links": links}


def load_demo(stdout: TextIO) -> None:
    for slug, document in STORIES.items():
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None:
            stdout.write(
                "  "
                + gettext("change story: %(slug)s does not exist, skipped") % {"slug": slug}
                + "\n"
            )
            continue
        content = {k: v for k, v in document.items() if k != "tagline"}
        story = ChangeStory.objects.filter(organisation=organisation).first()
        if story is None or _normal(services.story_content(story)) != _normal(content):
            services.save_change_story(organisation, content, by=None, note="Demo")
        services.update_poster_settings(
            organisation, tagline=document["tagline"], is_public=True, by=None
        )
        stdout.write("  " + gettext("change story: %(name)s") % {"name": organisation.name} + "\n")

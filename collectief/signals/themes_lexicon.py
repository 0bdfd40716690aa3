"""Theme suggestions from a note: a lexicon of Dutch words per theme, matched on stems.

``suggest_themes(text)`` gives the themes with a score and the words that
caused them ("voorgesteld door: huur, aanmaning"), best first, so the user
sees why a theme is suggested and can ignore it. The words are stemmed with
the Snowball Dutch stemmer (the same the sociale kaart's search uses), so
"aanmaningen" and "aanmaning" count alike. A compound such as
"huurachterstand" is found through its parts ("huur", "achterstand").

The theme codes are those of the sociale kaart's theme list
(``directory.taxonomy_data.THEMES``); a test keeps the two in step.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

import snowballstemmer

_STEMMER: Any = snowballstemmer.stemmer(
    "dutch_porter" if "dutch_porter" in snowballstemmer.algorithms() else "dutch"
)

# Per theme: words (as people write them) with a weight. 2 = hardly ever
# about anything else; 1 = points that way, together with other words.
LEXICON: dict[str, dict[str, int]] = {
    "geldzorgen-en-schulden": {
        "schuld": 2,
        "schulden": 2,
        "aanmaning": 2,
        "incasso": 2,
        "incassobureau": 2,
        "deurwaarder": 2,
        "beslag": 2,
        "beslaglegging": 2,
        "dwangbevel": 2,
        "betalingsachterstand": 2,
        "achterstand": 1,
        "betalingsregeling": 2,
        "bewindvoerder": 2,
        "bewind": 1,
        "schuldhulp": 2,
        "schuldhulpverlening": 2,
        "budget": 1,
        "rondkomen": 2,
        "geld": 1,
        "rekening": 1,
        "rekeningen": 1,
        "energierekening": 2,
        "toeslag": 1,
        "toeslagen": 1,
        "kwijtschelding": 2,
        "bijstand": 1,
        "voedselbank": 2,
        "leefgeld": 2,
        "cjib": 2,
        "boete": 1,
        "terugbetalen": 1,
        "armoede": 2,
        "rood": 1,
        "afgesloten": 1,
        "afsluiting": 1,
        "uitkering": 1,
        "financiën": 1,
        "geldzorgen": 2,
        "kledingbank": 1,
    },
    "wonen": {
        "huur": 2,
        "huurachterstand": 2,
        "huurwoning": 2,
        "huurtoeslag": 1,
        "woning": 2,
        "woningzoekend": 2,
        "woonruimte": 2,
        "huis": 1,
        "kamer": 1,
        "dakloos": 2,
        "daklozen": 2,
        "uithuiszetting": 2,
        "ontruiming": 2,
        "corporatie": 2,
        "woningcorporatie": 2,
        "verhuurder": 2,
        "huisbaas": 2,
        "schimmel": 2,
        "vocht": 2,
        "tocht": 1,
        "lekkage": 2,
        "onderhoud": 1,
        "verhuizen": 1,
        "overbewoning": 2,
        "portiek": 1,
        "flat": 1,
        "lift": 1,
        "postadres": 1,
        "hoarding": 1,
        "vervuiling": 1,
    },
    "eenzaamheid": {
        "eenzaam": 2,
        "eenzaamheid": 2,
        "alleen": 1,
        "isolement": 2,
        "geïsoleerd": 2,
        "vereenzaming": 2,
        "niemand": 1,
        "netwerk": 1,
        "contact": 1,
        "praatje": 1,
        "alleenstaand": 1,
        "weduwe": 1,
        "weduwnaar": 1,
        "buiten": 1,
    },
    "taal-en-digitale-vaardigheden": {
        "taal": 2,
        "taalles": 2,
        "taalcafé": 2,
        "taalmaatje": 2,
        "taalmaatjes": 2,
        "nederlands": 1,
        "laaggeletterd": 2,
        "lezen": 1,
        "schrijven": 1,
        "brief": 1,
        "brieven": 1,
        "post": 1,
        "digitaal": 2,
        "digid": 2,
        "computer": 2,
        "internet": 1,
        "formulier": 1,
        "inburgering": 2,
        "begrijpt": 1,
        "snapt": 1,
        "vertalen": 1,
        "tolk": 2,
    },
    "opvoeden-en-opgroeien": {
        "opvoeding": 2,
        "opvoedondersteuning": 2,
        "opvoeden": 2,
        "kinderen": 1,
        "kind": 1,
        "ouders": 1,
        "ouder": 1,
        "school": 1,
        "spijbelt": 2,
        "verzuim": 2,
        "leerplicht": 2,
        "schermtijd": 2,
        "gamen": 1,
        "pesten": 1,
        "gepest": 1,
        "puber": 2,
        "jeugdzorg": 2,
        "consultatiebureau": 2,
        "huiswerk": 1,
        "ontbijt": 1,
        "zoon": 1,
        "dochter": 1,
    },
    "vechtscheiding": {
        "scheiding": 2,
        "vechtscheiding": 2,
        "gescheiden": 2,
        "echtscheiding": 2,
        "echtscheidingen": 2,
        "omgangsregeling": 2,
        "ex": 1,
        "expartner": 2,
        "partner": 1,
        "vertrokken": 1,
        "ruzie": 1,
        "co-ouderschap": 2,
    },
    "psychische-gezondheid": {
        "psychisch": 2,
        "psychische": 2,
        "ggz": 2,
        "somber": 2,
        "somberheid": 2,
        "depressie": 2,
        "depressief": 2,
        "angst": 2,
        "stress": 1,
        "stressklachten": 2,
        "verward": 2,
        "burn-out": 2,
        "overspannen": 2,
        "suïcidaal": 2,
        "zelfmoord": 2,
        "psychose": 2,
        "verslaving": 1,
        "trauma": 2,
        "dementie": 1,
    },
    "werk-en-dagbesteding": {
        "werk": 2,
        "baan": 2,
        "werkloos": 2,
        "ontslag": 2,
        "sollicitatie": 2,
        "solliciteren": 2,
        "uwv": 2,
        "dagbesteding": 2,
        "vrijwilligerswerk": 2,
        "stage": 1,
        "startkwalificatie": 2,
        "re-integratie": 2,
        "werkende": 1,
    },
    "mantelzorg": {
        "mantelzorg": 2,
        "mantelzorger": 2,
        "mantelzorgers": 2,
        "overbelast": 2,
        "zorgt": 1,
        "verzorgen": 1,
        "respijtzorg": 2,
        "dementie": 1,
        "zorg": 1,
        "mantelzorgwaardering": 2,
    },
    "ontmoeting": {
        "ontmoeting": 2,
        "buurthuis": 2,
        "wijkcentrum": 2,
        "koffie": 1,
        "samen": 1,
        "soepavond": 2,
        "activiteit": 1,
        "activiteiten": 1,
        "straatfeest": 2,
        "inloop": 1,
        "vrouwengroep": 2,
        "buurtkamer": 2,
        "eten": 1,
        "maaltijd": 1,
        "clubhuis": 2,
    },
    "gezondheid-en-bewegen": {
        "gezondheid": 2,
        "huisarts": 1,
        "bewegen": 2,
        "sport": 2,
        "overgewicht": 2,
        "valt": 1,
        "vallen": 1,
        "val": 1,
        "ziek": 1,
        "ziekte": 1,
        "astma": 2,
        "zorgverzekering": 1,
        "zorgverzekeraar": 1,
        "thuiszorg": 1,
        "wijkverpleging": 1,
        "medicijnen": 1,
        "scootmobiel": 1,
        "ongezond": 2,
    },
    "veiligheid": {
        "veiligheid": 2,
        "veilig": 2,
        "onveilig": 2,
        "overlast": 2,
        "drugs": 2,
        "drugsdeals": 2,
        "politie": 2,
        "wijkagent": 1,
        "geweld": 2,
        "huiselijk": 1,
        "bedreigt": 2,
        "bedreiging": 2,
        "inbraak": 2,
        "diefstal": 2,
        "vandalisme": 2,
        "uitbuiting": 2,
        "uitgebuit": 2,
        "loverboys": 2,
        "geldezels": 2,
        "lachgas": 2,
        "criminaliteit": 2,
        "oplichting": 2,
        "fraudeur": 2,
        "hangjongeren": 2,
        "bang": 1,
    },
    "leefbaarheid-en-groen": {
        "leefbaarheid": 2,
        "groen": 2,
        "zwerfafval": 2,
        "afval": 2,
        "dumpingen": 2,
        "speeltuin": 2,
        "speelveld": 2,
        "park": 1,
        "moestuin": 2,
        "verkeersveiligheid": 2,
        "geluidsoverlast": 2,
        "stank": 1,
        "vuil": 1,
        "containers": 1,
        "parkeren": 1,
        "straat": 1,
        "luchtkwaliteit": 2,
        "bomen": 2,
    },
}

# Parts of compounds worth looking for inside longer words, with their theme.
COMPOUND_PARTS: dict[str, tuple[str, ...]] = {
    "huur": ("wonen",),
    "schuld": ("geldzorgen-en-schulden",),
    "achterstand": ("geldzorgen-en-schulden",),
    "incasso": ("geldzorgen-en-schulden",),
    "toeslag": ("geldzorgen-en-schulden",),
    "mantelzorg": ("mantelzorg",),
    "eenzaam": ("eenzaamheid",),
    "taal": ("taal-en-digitale-vaardigheden",),
    "overlast": ("veiligheid",),
    "woning": ("wonen",),
    "scheiding": ("vechtscheiding",),
}

_WORD = re.compile(r"[^\W\d_][\w'-]*")
_PLACEHOLDER = re.compile(r"\[[A-Z]+\]")


@dataclass(frozen=True)
class Suggestion:
    theme: str
    score: float
    because: tuple[str, ...]


def stem(word: str) -> str:
    return str(_STEMMER.stemWord(word.lower()))


@cache
def _stem_index() -> dict[str, list[tuple[str, int]]]:
    index: dict[str, list[tuple[str, int]]] = {}
    for theme, words in LEXICON.items():
        for word, weight in words.items():
            index.setdefault(stem(word), []).append((theme, weight))
    return index


def suggest_themes(text: str, *, limit: int = 3) -> list[Suggestion]:
    """Themes for the note, best first, each with the words that point to it."""
    index = _stem_index()
    scores: dict[str, float] = {}
    because: dict[str, list[str]] = {}

    def add(theme: str, weight: float, word: str) -> None:
        if word in because.setdefault(theme, []):
            return
        scores[theme] = scores.get(theme, 0) + weight
        because[theme].append(word)

    for match in _WORD.finditer(_PLACEHOLDER.sub(" ", text)):
        word = match.group().lower()
        hits = index.get(stem(word))
        if hits:
            for theme, weight in hits:
                add(theme, weight, word)
            continue
        for part, themes in COMPOUND_PARTS.items():
            if len(word) > len(part) + 2 and part in word:
                for theme in themes:
                    add(theme, 1, word)
    # One weak word is not enough to suggest a theme.
    ranked = [
        Suggestion(theme, round(score / 4, 2) if score < 4 else 1.0, tuple(because[theme]))
        for theme, score in scores.items()
        if score >= 2
    ]
    ranked.sort(key=lambda s: (-s.score, -len(s.because), s.theme))
    return ranked[:limit]

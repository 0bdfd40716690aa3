"""The Collectief theme list and target groups (HSDS taxonomies).

Used by the data migration that creates them, and by tests. Administrators
may change names and add terms afterwards in the admin; codes stay stable
because they appear in web addresses and filters.
"""

from __future__ import annotations

THEMES_TAXONOMY = {
    "name": "Collectief thema's",
    "description": "Thema's van de sociale basis: waar een activiteit of voorziening bij helpt.",
    "version": "1",
}

TARGET_GROUPS_TAXONOMY = {
    "name": "Collectief doelgroepen",
    "description": "Voor wie een activiteit of voorziening vooral bedoeld is.",
    "version": "1",
}

# (code, name) in display order.
THEMES: tuple[tuple[str, str], ...] = (
    ("eenzaamheid", "Eenzaamheid"),
    ("geldzorgen-en-schulden", "Geldzorgen en schulden"),
    ("opvoeden-en-opgroeien", "Opvoeden en opgroeien"),
    ("vechtscheiding", "(Vecht)scheiding"),
    ("psychische-gezondheid", "Psychische gezondheid"),
    ("wonen", "Wonen"),
    ("taal-en-digitale-vaardigheden", "Taal en digitale vaardigheden"),
    ("werk-en-dagbesteding", "Werk en dagbesteding"),
    ("mantelzorg", "Mantelzorg"),
    ("ontmoeting", "Ontmoeting"),
    ("gezondheid-en-bewegen", "Gezondheid en bewegen"),
    ("veiligheid", "Veiligheid"),
    ("leefbaarheid-en-groen", "Leefbaarheid en groen"),
)

TARGET_GROUPS: tuple[tuple[str, str], ...] = (
    ("iedereen", "Iedereen"),
    ("ouderen", "Ouderen"),
    ("jeugd", "Kinderen en jongeren"),
    ("ouders", "Ouders"),
    ("mantelzorgers", "Mantelzorgers"),
    ("nieuwkomers", "Nieuwkomers"),
    ("mensen-met-een-beperking", "Mensen met een beperking"),
    ("mensen-met-psychische-kwetsbaarheid", "Mensen met psychische kwetsbaarheid"),
    ("mensen-met-weinig-geld", "Mensen met weinig geld"),
    ("vrijwilligers", "Vrijwilligers"),
)

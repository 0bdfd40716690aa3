"""The Collectief theme list and target groups (HSDS taxonomies).

Used by the data migration that creates them, and by tests. Administrators
may change names and add terms afterwards in the admin; codes stay stable
because they appear in web addresses and filters.
"""

from __future__ import annotations

from typing import Any

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


def install_taxonomies(taxonomy_model: Any, term_model: Any) -> None:
    """Create or update the two Collectief taxonomies (used by the data migration)."""
    import uuid

    from collectief.directory.models import TARGET_GROUPS_TAXONOMY_ID, THEMES_TAXONOMY_ID

    for taxonomy_id, meta, terms in (
        (THEMES_TAXONOMY_ID, THEMES_TAXONOMY, THEMES),
        (TARGET_GROUPS_TAXONOMY_ID, TARGET_GROUPS_TAXONOMY, TARGET_GROUPS),
    ):
        taxonomy, _created = taxonomy_model.objects.update_or_create(id=taxonomy_id, defaults=meta)
        for order, (code, name) in enumerate(terms):
            term_model.objects.get_or_create(
                id=uuid.uuid5(taxonomy_id, code),
                defaults={
                    "taxonomy_detail": taxonomy,
                    "code": code,
                    "name": name,
                    "description": name,
                    "taxonomy": meta["name"],
                    "language": "nl",
                    "order": order,
                },
            )


def ensure_taxonomies() -> None:
    """Make sure the Collectief themes and target groups exist (tests, demo)."""
    from collectief.directory.models import Taxonomy, TaxonomyTerm

    install_taxonomies(Taxonomy, TaxonomyTerm)

"""The installed section builders (see ``collectief.reports.sections`` for the protocol).

To add a section, append an instance here. A builder returns ``Omitted``
rather than an empty section when its data does not exist.
"""

from __future__ import annotations

from collectief.reports.builders.basics import Cover, Introduction, Lessons
from collectief.reports.builders.conversations import Conversations
from collectief.reports.builders.duiding import Duiding
from collectief.reports.builders.method import Method
from collectief.reports.builders.poster import Poster
from collectief.reports.builders.results import Results
from collectief.reports.builders.stories import Stories
from collectief.reports.builders.valuation import SocialValue
from collectief.reports.sections import SectionBuilder

BUILDERS: list[SectionBuilder] = [
    Cover(),
    Introduction(),
    Poster(),
    Results(),
    Stories(),
    Conversations(),
    SocialValue(),
    Duiding(),
    Lessons(),
    Method(),
]


def builders() -> list[SectionBuilder]:
    """Every installed section builder, in their default order."""
    return sorted(BUILDERS, key=lambda b: b.default_position)


def builder_for(key: str) -> SectionBuilder | None:
    return next((b for b in BUILDERS if b.key == key), None)

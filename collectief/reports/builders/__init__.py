"""The installed section builders (see ``collectief.reports.sections`` for the protocol).

To add a section, append an instance here. Planned, once their apps are
merged: ``stories`` (consented stories and portraits, per direct effect),
``conversations`` (Waardendriehoek / Effectenarena results) and ``duiding``
(the samen duiden conclusions and actions). ``valuation`` (the financial
barometer with its assumptions) is installed. Leave them out until their data exists:
a builder returns ``Omitted`` rather than an empty section.
"""

from __future__ import annotations

from collectief.reports.builders.basics import Cover, Introduction, Lessons
from collectief.reports.builders.method import Method
from collectief.reports.builders.poster import Poster
from collectief.reports.builders.results import Results
from collectief.reports.builders.valuation import SocialValue
from collectief.reports.sections import SectionBuilder

BUILDERS: list[SectionBuilder] = [
    Cover(),
    Introduction(),
    Poster(),
    Results(),
    SocialValue(),
    Lessons(),
    Method(),
]


def builders() -> list[SectionBuilder]:
    """Every installed section builder, in their default order."""
    return sorted(BUILDERS, key=lambda b: b.default_position)


def builder_for(key: str) -> SectionBuilder | None:
    return next((b for b in BUILDERS if b.key == key), None)

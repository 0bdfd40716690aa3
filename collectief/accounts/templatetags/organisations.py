"""Template helpers that show organisations on pages of other apps."""

from __future__ import annotations

from django import template

from collectief.accounts.models import Organisation, OrganisationQuerySet
from collectief.areas.models import Area

register = template.Library()


@register.simple_tag
def area_organisations(area: Area) -> OrganisationQuerySet:
    """Public organisations that work in the area or in a part of it."""
    return Organisation.objects.public().working_in(area).order_by("name")

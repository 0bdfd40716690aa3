"""Access checks for figures (see collectief/accounts/access.py for the rules)."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from collectief.accounts.access import get_organisation_object_for_user
from collectief.accounts.models import Role
from collectief.figures.models import Figure, FigureValue


def get_figure_for_user(
    user: Any, organisation_slug: str, figure_id: int, *, min_role: str = Role.READER
) -> Figure:
    """A figure of an organisation the user belongs to with at least ``min_role``."""
    return get_organisation_object_for_user(
        user,
        organisation_slug,
        Figure.objects.select_related("indicator"),
        min_role=min_role,
        pk=figure_id,
    )


def get_figure_value_for_user(
    user: Any, organisation_slug: str, figure_id: int, value_id: int
) -> FigureValue:
    """A measurement the user may change (staff or more)."""
    figure = get_figure_for_user(user, organisation_slug, figure_id, min_role=Role.STAFF)
    point = FigureValue.objects.filter(pk=value_id, figure=figure).first()
    if point is None:
        raise Http404
    point.figure = figure
    return point

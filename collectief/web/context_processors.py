from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from collectief.accounts.models import Membership, Role
from collectief.lib.navigation import organisation_links, public_links


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The menus, the organisation switcher and the organisation in view."""
    context: dict[str, Any] = {"public_links": public_links(request.path)}
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return context
    memberships = list(
        Membership.objects.filter(user=user)
        .select_related("organisation")
        .order_by("organisation__name")
    )
    match = getattr(request, "resolver_match", None)
    slug = match.kwargs.get("organisation_slug") if match else None
    current = next((m for m in memberships if m.organisation.slug == slug), None)
    context["my_memberships"] = memberships
    if current is not None:
        context["current_membership"] = current
        context["current_organisation"] = current.organisation
        rank = Role.rank(current.role)
        context["organisation_links"] = organisation_links(
            request.path,
            current.organisation.slug,
            allowed=lambda min_role: rank >= Role.rank(min_role),
            kind=current.organisation.kind,
        )
    return context

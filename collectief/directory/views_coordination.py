"""Who coordinates the sociale kaart where: granted by site staff, or by a gemeente.

The same pages serve site staff (``/sociale-kaart/beheer/coordinatie/``, every
area) and the beheerders of a gemeente (``/o/<slug>/sociale-kaart/coordinatie/``,
only inside the gemeente's own areas).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from collectief.accounts.access import get_organisation_for_user
from collectief.directory import access
from collectief.directory.forms_coordination import GrantCoordinationForm
from collectief.directory.services_coordination import grant_coordination, revoke_coordination
from collectief.lib.errors import ServiceError
from collectief.lib.params import get_page


def _index_url(organisation_slug: str | None) -> str:
    from django.urls import reverse

    if organisation_slug is None:
        return reverse("directory:coordination_site")
    return reverse("directory:coordination_gemeente", args=[organisation_slug])


def _coordination_index(request: HttpRequest, organisation_slug: str | None) -> HttpResponse:
    scope = access.get_grant_scope_for_user(request.user, organisation_slug)
    organisation = (
        get_organisation_for_user(request.user, organisation_slug) if organisation_slug else None
    )
    form = GrantCoordinationForm(request.POST or None, scope=scope)
    if request.method == "POST" and form.is_valid():
        try:
            coordination = grant_coordination(
                form.cleaned_data["organisation"],
                form.cleaned_data["area"],
                by=request.user,
                scope=scope,
            )
        except ServiceError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(
                request,
                _("%(organisation)s now coordinates %(area)s.")
                % {"organisation": coordination.organisation.name, "area": coordination.area},
            )
            return redirect(_index_url(organisation_slug))
    page = get_page(request, Paginator(access.coordinations_in_scope(scope), 50))
    return render(
        request,
        "directory/maintain/coordination.html",
        {
            "organisation": organisation,
            "page": page,
            "form": form,
            "index_url": _index_url(organisation_slug),
        },
        status=400 if form.is_bound else 200,
    )


def _coordination_revoke(
    request: HttpRequest, organisation_slug: str | None, coordination_id: int
) -> HttpResponse:
    coordination = access.get_coordination_for_user(
        request.user, organisation_slug, coordination_id
    )
    organisation = (
        get_organisation_for_user(request.user, organisation_slug) if organisation_slug else None
    )
    if request.method == "POST":
        revoke_coordination(coordination, by=request.user)
        messages.success(
            request,
            _("%(organisation)s no longer coordinates %(area)s.")
            % {"organisation": coordination.organisation.name, "area": coordination.area},
        )
        return redirect(_index_url(organisation_slug))
    return render(
        request,
        "directory/maintain/coordination_revoke.html",
        {
            "organisation": organisation,
            "coordination": coordination,
            "index_url": _index_url(organisation_slug),
        },
    )


@login_required
def coordination_site(request: HttpRequest) -> HttpResponse:
    return _coordination_index(request, None)


@login_required
def coordination_site_revoke(request: HttpRequest, coordination_id: int) -> HttpResponse:
    return _coordination_revoke(request, None, coordination_id)


@login_required
def coordination_gemeente(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    return _coordination_index(request, organisation_slug)


@login_required
def coordination_gemeente_revoke(
    request: HttpRequest, organisation_slug: str, coordination_id: int
) -> HttpResponse:
    return _coordination_revoke(request, organisation_slug, coordination_id)

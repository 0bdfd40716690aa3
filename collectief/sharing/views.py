"""Sharing pages: what we share and with whom; what others share with us.

Access is decided in ``access.py``; writes go through ``services.py``; what
a shared result looks like is its kind's ``render`` (``registry.py``).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from collectief.accounts.access import get_organisation_for_user
from collectief.accounts.models import Membership, Role
from collectief.lib.errors import ServiceError
from collectief.sharing import services
from collectief.sharing.access import (
    SHARE_ROLE,
    get_given_share_for_user,
    get_received_share_for_user,
    received_by,
)
from collectief.sharing.forms import ShareForm
from collectief.sharing.models import Share
from collectief.sharing.registry import get_kind


def _may_share(organisation: object) -> bool:
    membership: Membership | None = getattr(organisation, "_viewer_membership", None)
    return membership is not None and membership.has_role(SHARE_ROLE)


@login_required
@require_GET
def given(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    organisation = get_organisation_for_user(request.user, organisation_slug)
    shares = list(Share.objects.filter(owner=organisation).select_related("recipient"))
    for share in shares:
        kind = get_kind(share.kind)
        share.kind_label = kind.label if kind else share.kind  # type: ignore[attr-defined]
    return render(
        request,
        "sharing/given.html",
        {
            "organisation": organisation,
            "active": [s for s in shares if s.is_active],
            "revoked": [s for s in shares if not s.is_active],
            "may_share": _may_share(organisation),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def share_new(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    organisation = get_organisation_for_user(request.user, organisation_slug, min_role=Role.ADMIN)
    status = 200
    if request.method == "POST":
        form = ShareForm(request.POST, owner=organisation)
        if form.is_valid():
            kind, object_id = form.kind_and_object()
            recipient = form.cleaned_data["recipient"]
            try:
                services.share_result(
                    organisation,
                    by=request.user,
                    kind=kind,
                    object_id=object_id,
                    recipient=recipient,
                )
            except ServiceError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(
                    request,
                    _("Shared with %(name)s. You can stop sharing at any time.")
                    % {"name": recipient.name},
                )
                return redirect("sharing:given", organisation.slug)
        status = 400
    else:
        form = ShareForm(owner=organisation)
    return render(
        request, "sharing/new.html", {"organisation": organisation, "form": form}, status=status
    )


@login_required
@require_http_methods(["GET", "POST"])
def revoke(request: HttpRequest, organisation_slug: str, share_id: int) -> HttpResponse:
    share = get_given_share_for_user(request.user, organisation_slug, share_id)
    if request.method == "POST":
        try:
            services.revoke_share(share, by=request.user)
        except ServiceError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                _("%(name)s no longer sees this.") % {"name": share.recipient.name},
            )
        return redirect("sharing:given", organisation_slug)
    return render(request, "sharing/revoke.html", {"organisation": share.owner, "share": share})


@login_required
@require_GET
def received(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    organisation = get_organisation_for_user(request.user, organisation_slug)
    shares = list(received_by(organisation).order_by("owner__name", "-created_at"))
    for share in shares:
        kind = get_kind(share.kind)
        share.kind_label = kind.label if kind else share.kind
    return render(
        request, "sharing/received.html", {"organisation": organisation, "shares": shares}
    )


@login_required
@require_GET
def shared(request: HttpRequest, organisation_slug: str, share_id: int) -> HttpResponse:
    share = get_received_share_for_user(request.user, organisation_slug, share_id)
    organisation = share.recipient
    context = {"organisation": organisation, "share": share, "content": None}
    if not share.is_active:
        return render(request, "sharing/gone.html", {**context, "revoked": True}, status=410)
    kind = get_kind(share.kind)
    content = kind.render(share.owner, share.object_id) if kind else None
    if content is None:
        return render(request, "sharing/gone.html", {**context, "revoked": False}, status=410)
    # The kind's own names come first, so a kind cannot replace the page's.
    return render(
        request, "sharing/shared.html", {**content.context, **context, "content": content}
    )

from __future__ import annotations

from typing import cast

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from collectief.accounts.models import Membership, Organisation, User


def home(request: HttpRequest) -> HttpResponse:
    """The public front page: what Collectief is and who works with it."""
    public = Organisation.objects.public().prefetch_related("areas__parent__parent")
    initiatives = [o for o in public if o.kind == Organisation.Kind.INITIATIVE]
    others = [o for o in public if o.kind != Organisation.Kind.INITIATIVE]
    return render(request, "web/home.html", {"initiatives": initiatives, "others": others})


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """The organisations of the logged-in user; one organisation opens directly."""
    memberships = list(
        Membership.objects.filter(user=cast(User, request.user)).select_related("organisation")
    )
    if len(memberships) == 1:
        return redirect(_first_page(memberships[0].organisation))
    rows = [(membership, _first_page(membership.organisation)) for membership in memberships]
    return render(request, "web/dashboard.html", {"memberships": rows})


def _first_page(organisation: Organisation) -> str:
    if organisation.kind == Organisation.Kind.MUNICIPALITY:
        # A gemeente's first page answers "what happens in my wijken?" (issue 13).
        return reverse("insights:gemeente_home", args=[organisation.slug])
    return reverse("accounts:organisation_home", args=[organisation.slug])

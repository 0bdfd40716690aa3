"""Pages where organisations keep their sociale-kaart entries current,
and where coordinators approve claims, handle reports and place locations.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from collectief.accounts.access import can_edit, get_organisation_for_user
from collectief.accounts.models import Role
from collectief.directory import access, services
from collectief.directory.forms import (
    ClaimForm,
    DecideClaimForm,
    ErrorReportForm,
    HandleReportForm,
    PlaceLocationForm,
    ServiceForm,
)
from collectief.directory.models import Claim, DirectoryOrganization, Service
from collectief.lib.errors import ServiceError
from collectief.ratelimits.services import RateLimit, RateLimitExceededError, hit_or_refuse


@login_required
def maintain_index(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    """The organisation's entries, with what needs attention."""
    organisation = get_organisation_for_user(request.user, organisation_slug)
    own = (
        Service.objects.filter(organization__organisation=organisation)
        .select_related("organization", "checked_by")
        .order_by("name")
    )
    coordinating = access.is_coordinating(organisation)
    context = {
        "organisation": organisation,
        "services": own,
        "stale_count": own.stale().count(),
        "claims": Claim.objects.filter(organisation=organisation).select_related(
            "directory_organization"
        )[:20],
        "reports": access.reports_for_organisation(organisation)[:50],
        "coordinating": coordinating,
        "organizations": DirectoryOrganization.objects.owned_by(organisation).order_by("name"),
        "can_edit": can_edit(request.user, organisation),
    }
    if coordinating:
        # Only what belongs to the gemeenten and areas granted to this organisation.
        context["open_claims"] = access.open_claims_for(organisation)
        context["unplaced"] = len(access.unplaced_locations_for(organisation))
    context["can_grant"] = access.can_grant_coordination(request.user, organisation)
    return render(request, "directory/maintain/index.html", context)


@login_required
def maintain_claim(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    organisation = get_organisation_for_user(request.user, organisation_slug, min_role=Role.STAFF)
    form = ClaimForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.claim_directory_organization(
                form.cleaned_data["directory_organization"],
                organisation=organisation,
                by=request.user,
                motivation=form.cleaned_data["motivation"],
            )
        except ServiceError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("Your request was sent. A coordinator will decide."))
            return redirect("directory:maintain_index", organisation.slug)
    return render(
        request, "directory/maintain/claim.html", {"organisation": organisation, "form": form}
    )


@login_required
def maintain_edit(request: HttpRequest, organisation_slug: str, service_id: str) -> HttpResponse:
    service = access.get_owned_service_for_user(request.user, organisation_slug, service_id)
    organisation = get_organisation_for_user(request.user, organisation_slug)
    form = ServiceForm(request.POST or None, instance=Service.objects.get(pk=service.pk))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        themes = data.pop("themes")
        target_groups = data.pop("target_groups")
        try:
            services.update_service(
                service, by=request.user, themes=themes, target_groups=target_groups, **data
            )
        except ServiceError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("The entry was saved."))
            return redirect("directory:maintain_service", organisation.slug, service.pk)
    return render(
        request,
        "directory/maintain/edit.html",
        {"organisation": organisation, "service": service, "form": form},
    )


@login_required
@require_POST
def maintain_check(request: HttpRequest, organisation_slug: str, service_id: str) -> HttpResponse:
    service = access.get_owned_service_for_user(request.user, organisation_slug, service_id)
    services.check_service(service, by=request.user)
    messages.success(
        request, _("Thank you. “%(name)s” is marked as checked.") % {"name": service.name}
    )
    return redirect("directory:maintain_index", organisation_slug)


@login_required
def maintain_history(
    request: HttpRequest, organisation_slug: str, service_id: str
) -> HttpResponse:
    service = access.get_owned_service_for_user(
        request.user, organisation_slug, service_id, min_role=Role.READER
    )
    organisation = get_organisation_for_user(request.user, organisation_slug)
    return render(
        request,
        "directory/maintain/history.html",
        {
            "organisation": organisation,
            "service": service,
            "events": services.history(service)[:200],
        },
    )


@login_required
def maintain_decide_claim(
    request: HttpRequest, organisation_slug: str, claim_id: int
) -> HttpResponse:
    claim = access.get_claim_for_coordinator(request.user, organisation_slug, claim_id)
    organisation = get_organisation_for_user(request.user, organisation_slug)
    form = DecideClaimForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.decide_claim(
                claim, approve=form.cleaned_data["decision"] == "approve", by=request.user
            )
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The decision was saved."))
            return redirect("directory:maintain_index", organisation.slug)
    return render(
        request,
        "directory/maintain/decide_claim.html",
        {"organisation": organisation, "claim": claim, "form": form},
    )


@login_required
def maintain_report(request: HttpRequest, organisation_slug: str, report_id: int) -> HttpResponse:
    report = access.get_report_for_user(request.user, organisation_slug, report_id)
    organisation = get_organisation_for_user(request.user, organisation_slug)
    form = HandleReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.handle_report(report, by=request.user, **form.cleaned_data)
        messages.success(request, _("The report was handled."))
        return redirect("directory:maintain_index", organisation.slug)
    return render(
        request,
        "directory/maintain/report.html",
        {"organisation": organisation, "report": report, "form": form},
    )


@login_required
def maintain_placement(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    organisation = access.get_coordinator_organisation_for_user(request.user, organisation_slug)
    locations = access.unplaced_locations_for(organisation)[:200]
    return render(
        request,
        "directory/maintain/placement.html",
        {"organisation": organisation, "locations": locations},
    )


@login_required
def maintain_place(request: HttpRequest, organisation_slug: str, location_id: str) -> HttpResponse:
    location = access.get_location_to_place_for_user(request.user, organisation_slug, location_id)
    organisation = get_organisation_for_user(request.user, organisation_slug)
    form = PlaceLocationForm(
        request.POST or None, areas=access.placement_choices(organisation, location)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.place_location(location, area=form.cleaned_data["area"], by=request.user)
        except ServiceError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("The location was placed."))
            return redirect("directory:maintain_placement", organisation.slug)
    return render(
        request,
        "directory/maintain/place.html",
        {"organisation": organisation, "location": location, "form": form},
    )


def report_error(request: HttpRequest, service_id: str) -> HttpResponse:
    """Public "meld een fout" form; no account needed."""
    service = access.get_public_service(service_id)
    form = ErrorReportForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        limit = RateLimit.for_request(
            request, "directory.report", settings.DIRECTORY_REPORTS_PER_HOUR
        )
        try:
            if form.is_spam():
                # Store nothing, but count it: a robot should not get unlimited tries.
                hit_or_refuse(limit)
            else:
                services.report_error(
                    service,
                    message=form.cleaned_data["message"],
                    reply_email=form.cleaned_data["reply_email"],
                    rate_limit=limit,
                )
        except RateLimitExceededError as error:
            form.add_error(None, error.message)
            status = 429
        else:
            return render(request, "directory/maintain/report_thanks.html", {"service": service})
    return render(
        request,
        "directory/maintain/report_error.html",
        {"service": service, "form": form},
        status=status,
    )

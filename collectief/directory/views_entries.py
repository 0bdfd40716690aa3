"""Pages where an organisation adds its own activities and keeps their places
and times current, and where site staff keep the themes and target groups.

Every page starts with an access helper from ``access.py`` and writes only
through ``services.py`` / ``services_entries.py``.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from collectief.accounts.access import get_membership_for_user
from collectief.accounts.models import Role
from collectief.directory import access, services, services_entries
from collectief.directory.forms import ServiceForm
from collectief.directory.forms_entries import LocationForm, NewTermForm, ScheduleForm, TermForm
from collectief.directory.models import (
    TARGET_GROUPS_TAXONOMY_ID,
    THEMES_TAXONOMY_ID,
    Address,
    Location,
    Service,
    TaxonomyTerm,
)
from collectief.lib.errors import ServiceError


def _add_error(form: BaseForm, error: ServiceError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


def _overview(organisation_slug: str, service: Service) -> HttpResponse:
    return redirect("directory:maintain_service", organisation_slug, service.pk)


# --- activities -----------------------------------------------------------------------


@login_required
def maintain_create(
    request: HttpRequest, organisation_slug: str, organization_id: str
) -> HttpResponse:
    """A new activity of a directory organisation the user's organisation maintains."""
    organization = access.get_owned_directory_organization_for_user(
        request.user, organisation_slug, organization_id
    )
    organisation = organization.organisation
    form = ServiceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            service = services.create_service(organization, by=request.user, **form.cleaned_data)
        except ServiceError as error:
            _add_error(form, error)
        else:
            messages.success(
                request, _("The activity was added. Now add when and where it happens.")
            )
            return _overview(organisation_slug, service)
    return render(
        request,
        "directory/maintain/create.html",
        {"organisation": organisation, "organization": organization, "form": form},
    )


@login_required
def maintain_service(
    request: HttpRequest, organisation_slug: str, service_id: str
) -> HttpResponse:
    """One activity with its places and times, and what can be done with it."""
    service = access.get_owned_service_for_user(
        request.user, organisation_slug, service_id, min_role=Role.READER
    )
    membership = get_membership_for_user(request.user, organisation_slug)
    from collectief.directory.search import describe_schedule

    links = list(
        service.service_at_locations.filter(location__isnull=False)
        .select_related("location__area")
        .prefetch_related("location__addresses")
    )
    schedules = [
        (schedule, describe_schedule(schedule))
        for schedule in services_entries.schedules_of(service)
    ]
    return render(
        request,
        "directory/maintain/service.html",
        {
            "organisation": membership.organisation,
            "service": service,
            "links": links,
            "schedules": schedules,
            "can_edit": membership.can_edit,
            "cost_amount": services.service_cost_amount(service),
            "languages": services.service_languages(service),
            "phone": services.service_phone(service),
            "contact_person": services.service_contact_person(service),
        },
    )


@login_required
def maintain_status(request: HttpRequest, organisation_slug: str, service_id: str) -> HttpResponse:
    """Switch an activity off for a while, or on again, after a confirmation."""
    service = access.get_owned_service_for_user(request.user, organisation_slug, service_id)
    active = service.status == Service.Status.ACTIVE
    if request.method == "POST":
        new_status = Service.Status.INACTIVE if active else Service.Status.ACTIVE
        services.set_service_status(service, status=new_status, by=request.user)
        messages.success(
            request,
            (
                _("“%(name)s” is no longer shown in the sociale kaart.")
                if active
                else _("“%(name)s” is shown in the sociale kaart again.")
            )
            % {"name": service.name},
        )
        return _overview(organisation_slug, service)
    return render(
        request,
        "directory/maintain/status.html",
        {
            "service": service,
            "active": active,
        },
    )


@login_required
def maintain_delete(request: HttpRequest, organisation_slug: str, service_id: str) -> HttpResponse:
    """Delete an activity for good, only after a confirmation page."""
    service = access.get_owned_service_for_user(request.user, organisation_slug, service_id)
    if request.method == "POST":
        name = service.name
        services.delete_service(service, by=request.user)
        messages.success(request, _("“%(name)s” was deleted.") % {"name": name})
        return redirect("directory:maintain_index", organisation_slug)
    return render(
        request,
        "directory/maintain/delete.html",
        {
            "service": service,
        },
    )


# --- places ---------------------------------------------------------------------------


def _location_form(
    request: HttpRequest, organisation_slug: str, service: Service, **kwargs: Any
) -> LocationForm:
    organisation = get_membership_for_user(request.user, organisation_slug).organisation
    province = (
        Address.objects.filter(location__organization_id=service.organization_id)
        .exclude(state_province="")
        .values_list("state_province", flat=True)
        .first()
        if service.organization_id
        else None
    )
    return LocationForm(
        request.POST or None,
        buurten=access.buurt_choices(organisation, service),
        province=province or "",
        **kwargs,
    )


@login_required
def maintain_location_add(
    request: HttpRequest, organisation_slug: str, service_id: str
) -> HttpResponse:
    service = access.get_owned_service_for_user(request.user, organisation_slug, service_id)
    existing = (
        Location.objects.filter(organization_id=service.organization_id)
        .exclude(service_at_locations__service=service)
        .order_by("name")
        if service.organization_id
        else Location.objects.none()
    )
    form = _location_form(request, organisation_slug, service, existing=existing)
    if request.method == "POST" and form.is_valid():
        try:
            link = services_entries.add_location(
                service, by=request.user, **form.location_values()
            )
        except ServiceError as error:
            _add_error(form, error)
        else:
            assert link.location is not None
            if link.location.needs_placement:
                messages.info(
                    request,
                    _(
                        "The place was added. A coordinator will put it in the right neighbourhood."
                    ),
                )
            else:
                messages.success(request, _("The place was added."))
            return _overview(organisation_slug, service)
    return render(
        request,
        "directory/maintain/location_form.html",
        {
            "service": service,
            "form": form,
            "adding": True,
        },
    )


@login_required
def maintain_location_edit(
    request: HttpRequest, organisation_slug: str, service_id: str, link_id: str
) -> HttpResponse:
    link = access.get_service_location_for_user(
        request.user, organisation_slug, service_id, link_id
    )
    service: Service = link.service  # type: ignore[assignment]
    location: Location = link.location  # type: ignore[assignment]
    form = _location_form(request, organisation_slug, service, location=location)
    if request.method == "POST" and form.is_valid():
        try:
            services_entries.update_location(link, by=request.user, **form.location_values())
        except ServiceError as error:
            _add_error(form, error)
        else:
            messages.success(request, _("The place was saved."))
            return _overview(organisation_slug, service)
    return render(
        request,
        "directory/maintain/location_form.html",
        {
            "service": service,
            "location": location,
            "shared": location.service_at_locations.exclude(pk=link.pk).count(),
            "form": form,
            "adding": False,
        },
    )


@login_required
def maintain_location_remove(
    request: HttpRequest, organisation_slug: str, service_id: str, link_id: str
) -> HttpResponse:
    link = access.get_service_location_for_user(
        request.user, organisation_slug, service_id, link_id
    )
    service: Service = link.service  # type: ignore[assignment]
    if request.method == "POST":
        services_entries.remove_location(link, by=request.user)
        messages.success(request, _("The place was removed from this activity."))
        return _overview(organisation_slug, service)
    return render(
        request,
        "directory/maintain/location_remove.html",
        {
            "service": service,
            "location": link.location,
            "schedule_count": link.schedules.count(),
        },
    )


# --- times ----------------------------------------------------------------------------


def _links(service: Service) -> list[Any]:
    return list(
        service.service_at_locations.filter(location__isnull=False).select_related("location")
    )


def _save_schedule(
    request: HttpRequest, organisation_slug: str, service: Service, form: ScheduleForm, **kw: Any
) -> HttpResponse | None:
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        services_entries.save_schedule(
            service,
            by=request.user,
            service_at_location=form.service_at_location(),
            **form.schedule_values(),
            **kw,
        )
    except ServiceError as error:
        _add_error(form, error)
        return None
    messages.success(request, _("The time was saved."))
    return _overview(organisation_slug, service)


def _schedule_page(
    request: HttpRequest, organisation_slug: str, service: Any, schedule: Any = None
) -> HttpResponse:
    """Add a time (``schedule`` None) or change one; both use the same form."""
    form = ScheduleForm(request.POST or None, links=_links(service), schedule=schedule)
    done = _save_schedule(request, organisation_slug, service, form, schedule=schedule)
    if done is not None:
        return done
    return render(
        request,
        "directory/maintain/schedule_form.html",
        {
            "service": service,
            "form": form,
            "adding": schedule is None,
        },
    )


@login_required
def maintain_schedule_add(
    request: HttpRequest, organisation_slug: str, service_id: str
) -> HttpResponse:
    service = access.get_owned_service_for_user(request.user, organisation_slug, service_id)
    return _schedule_page(request, organisation_slug, service)


@login_required
def maintain_schedule_edit(
    request: HttpRequest, organisation_slug: str, service_id: str, schedule_id: str
) -> HttpResponse:
    service = access.get_owned_service_for_user(request.user, organisation_slug, service_id)
    schedule = access.get_schedule_of_service(service, schedule_id)
    return _schedule_page(request, organisation_slug, service, schedule)


@login_required
def maintain_schedule_delete(
    request: HttpRequest, organisation_slug: str, service_id: str, schedule_id: str
) -> HttpResponse:
    service = access.get_owned_service_for_user(request.user, organisation_slug, service_id)
    schedule = access.get_schedule_of_service(service, schedule_id)
    if request.method == "POST":
        services_entries.delete_schedule(service, schedule, by=request.user)
        messages.success(request, _("The time was deleted."))
        return _overview(organisation_slug, service)
    from collectief.directory.search import describe_schedule

    return render(
        request,
        "directory/maintain/schedule_delete.html",
        {
            "service": service,
            "description": describe_schedule(schedule),
        },
    )


# --- themes and target groups (site staff) -----------------------------------------------


def _terms(taxonomy_id: Any) -> list[tuple[TaxonomyTerm, bool]]:
    terms = TaxonomyTerm.objects.filter(
        taxonomy_detail_id__in=[taxonomy_id, services_entries.retired_taxonomy_id(taxonomy_id)]
    ).order_by("order", "name")
    return [(term, services_entries.term_is_active(term)) for term in terms]


@login_required
def taxonomy_index(request: HttpRequest) -> HttpResponse:
    """Themes and target groups: add one, or go to one to rename or switch it off."""
    access.require_taxonomy_editor(request.user)
    form = NewTermForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        taxonomy_id = (
            THEMES_TAXONOMY_ID
            if form.cleaned_data["kind"] == "theme"
            else TARGET_GROUPS_TAXONOMY_ID
        )
        try:
            term = services_entries.add_term(
                taxonomy_id,
                name=form.cleaned_data["name"],
                description=form.cleaned_data["description"],
                by=request.user,
            )
        except ServiceError as error:
            _add_error(form, error)
        else:
            messages.success(request, _("“%(name)s” was added.") % {"name": term.name})
            return redirect("directory:taxonomy_index")
    return render(
        request,
        "directory/maintain/taxonomy.html",
        {
            "form": form,
            "themes": _terms(THEMES_TAXONOMY_ID),
            "target_groups": _terms(TARGET_GROUPS_TAXONOMY_ID),
        },
    )


def _term_or_404(term_id: Any) -> TaxonomyTerm:
    from django.http import Http404

    term = TaxonomyTerm.objects.filter(pk=term_id).first()
    if term is None or services_entries.term_kind(term) is None:
        raise Http404
    return term


@login_required
def taxonomy_term(request: HttpRequest, term_id: str) -> HttpResponse:
    access.require_taxonomy_editor(request.user)
    term = _term_or_404(term_id)
    form = TermForm(request.POST or None, term=term)
    if request.method == "POST" and form.is_valid():
        try:
            services_entries.rename_term(
                term,
                name=form.cleaned_data["name"],
                description=form.cleaned_data["description"],
                by=request.user,
            )
        except ServiceError as error:
            _add_error(form, error)
        else:
            messages.success(request, _("The name was saved."))
            return redirect("directory:taxonomy_index")
    return render(
        request,
        "directory/maintain/term.html",
        {
            "term": term,
            "form": form,
            "active": services_entries.term_is_active(term),
            "used": Service.objects.filter(attributes__taxonomy_term=term).distinct().count(),
        },
    )


@login_required
@require_POST
def taxonomy_term_active(request: HttpRequest, term_id: str) -> HttpResponse:
    access.require_taxonomy_editor(request.user)
    term = _term_or_404(term_id)
    active = request.POST.get("active") == "1"
    services_entries.set_term_active(term, active=active, by=request.user)
    messages.success(
        request,
        (_("“%(name)s” can be chosen again.") if active else _("“%(name)s” is switched off."))
        % {"name": term.name},
    )
    return redirect("directory:taxonomy_index")

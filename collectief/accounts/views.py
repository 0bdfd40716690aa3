from __future__ import annotations

from allauth.account.internal.flows.login import record_authentication
from django.apps import apps
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from collectief.accounts import services
from collectief.accounts.access import (
    get_member_of_organisation_for_user,
    get_organisation_for_user,
    get_public_organisation,
)
from collectief.accounts.forms import (
    AcceptInvitationForm,
    InvitationForm,
    OrganisationProfileForm,
    RoleForm,
)
from collectief.accounts.models import Invitation, Role
from collectief.audit.models import AuditEvent
from collectief.lib.errors import ServiceError


def organisation_profile(request: HttpRequest, slug: str) -> HttpResponse:
    """The public profile of an organisation."""
    organisation = get_public_organisation(slug)
    areas = organisation.areas.select_related("parent__parent")
    # Later apps (directory, change stories) add their public parts here.
    sections = [
        template
        for config in apps.get_app_configs()
        for template in getattr(config, "public_profile_sections", [])
    ]
    return render(
        request,
        "accounts/organisation_profile.html",
        {"organisation": organisation, "areas": areas, "public_sections": sections},
    )


@login_required
def organisation_home(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    organisation = get_organisation_for_user(request.user, organisation_slug)
    # Apps above this one (samen duiden: open actions) add their panels here.
    sections = [
        template
        for config in apps.get_app_configs()
        for template in getattr(config, "organisation_home_sections", [])
    ]
    return render(
        request,
        "accounts/organisation_home.html",
        {"organisation": organisation, "home_sections": sections},
    )


@login_required
def edit_profile(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    organisation = get_organisation_for_user(request.user, organisation_slug, min_role=Role.ADMIN)
    form = OrganisationProfileForm(
        request.POST or None,
        instance=organisation,
        initial={"areas": list(organisation.areas.all())},
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        areas = data.pop("areas")
        # The form must not save the instance itself; the service does.
        organisation.refresh_from_db()
        services.update_organisation(organisation, by=request.user, areas=areas, **data)
        messages.success(request, _("The profile has been saved."))
        return redirect("accounts:organisation_home", organisation.slug)
    return render(
        request, "accounts/edit_profile.html", {"organisation": organisation, "form": form}
    )


@login_required
def members(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    organisation = get_organisation_for_user(request.user, organisation_slug)
    member_list = organisation.memberships.select_related("user").order_by("user__email")
    open_invitations = [
        i for i in organisation.invitations.filter(accepted_at=None, revoked_at=None) if i.is_open
    ]
    return render(
        request,
        "accounts/members.html",
        {
            "organisation": organisation,
            "members": member_list,
            "invitations": open_invitations,
        },
    )


@login_required
def invite(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    organisation = get_organisation_for_user(request.user, organisation_slug, min_role=Role.ADMIN)
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.invite_member(
                organisation,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                by=request.user,
            )
        except ServiceError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(
                request,
                _("An invitation has been sent to %(email)s.")
                % {"email": form.cleaned_data["email"]},
            )
            return redirect("accounts:members", organisation.slug)
    return render(request, "accounts/invite.html", {"organisation": organisation, "form": form})


@login_required
@require_POST
def revoke_invitation(
    request: HttpRequest, organisation_slug: str, invitation_id: int
) -> HttpResponse:
    organisation = get_organisation_for_user(request.user, organisation_slug, min_role=Role.ADMIN)
    invitation = Invitation.objects.filter(pk=invitation_id, organisation=organisation).first()
    if invitation is None:
        raise Http404
    services.revoke_invitation(invitation, by=request.user)
    messages.success(request, _("The invitation has been withdrawn."))
    return redirect("accounts:members", organisation.slug)


@login_required
def change_role(request: HttpRequest, organisation_slug: str, membership_id: int) -> HttpResponse:
    get_organisation_for_user(request.user, organisation_slug, min_role=Role.ADMIN)
    membership = get_member_of_organisation_for_user(
        request.user, organisation_slug, membership_id
    )
    form = RoleForm(request.POST or None, initial={"role": membership.role})
    if request.method == "POST" and form.is_valid():
        try:
            services.change_role(membership, role=form.cleaned_data["role"], by=request.user)
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The role has been changed."))
            return redirect("accounts:members", organisation_slug)
    return render(
        request,
        "accounts/change_role.html",
        {"organisation": membership.organisation, "membership": membership, "form": form},
    )


@login_required
def remove_member(
    request: HttpRequest, organisation_slug: str, membership_id: int
) -> HttpResponse:
    """Confirm, then remove a member; members can remove themselves (leave)."""
    membership = get_member_of_organisation_for_user(
        request.user, organisation_slug, membership_id
    )
    leaving = membership.user_id == request.user.pk
    error = None
    if request.method == "POST":
        try:
            services.remove_membership(membership, by=request.user)
        except ServiceError as exc:
            error = exc.message
        else:
            if leaving:
                messages.success(
                    request,
                    _("You have left %(organisation)s.")
                    % {"organisation": membership.organisation.name},
                )
                return redirect("web:dashboard")
            messages.success(request, _("The member has been removed."))
            return redirect("accounts:members", organisation_slug)
    return render(
        request,
        "accounts/remove_member.html",
        {
            "organisation": membership.organisation,
            "membership": membership,
            "leaving": leaving,
            "error": error,
        },
        status=400 if error else 200,
    )


@login_required
def audit_log(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    organisation = get_organisation_for_user(request.user, organisation_slug, min_role=Role.ADMIN)
    events = AuditEvent.objects.filter(organisation_id=organisation.pk).select_related("actor")
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(request, "accounts/audit_log.html", {"organisation": organisation, "page": page})


def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    """Join an organisation from an invitation link, with or without an account."""
    try:
        invitation = services.find_open_invitation(token)
    except ServiceError as error:
        return render(
            request, "accounts/invitation_invalid.html", {"error": error.message}, status=410
        )
    user = request.user if request.user.is_authenticated else None
    if user is not None:
        try:
            services.check_invitation_address(invitation, user)
        except ServiceError as error:
            # The invitation stays open for the right person.
            return render(
                request,
                "accounts/invitation_wrong_account.html",
                {"invitation": invitation, "error": error.message},
                status=403,
            )
    form = None if user else AcceptInvitationForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and (form is None or form.is_valid()):
        try:
            membership = services.accept_invitation(
                token,
                user=user,
                name=form.cleaned_data["name"] if form else "",
                password=form.cleaned_data["password1"] if form else "",
            )
        except ServiceError as error:
            return render(
                request, "accounts/invitation_invalid.html", {"error": error.message}, status=410
            )
        if user is None:
            login(request, membership.user, backend="django.contrib.auth.backends.ModelBackend")
            # The password was chosen a moment ago: record it as allauth does on
            # its login page, so the two-factor set-up that a wijkteam or gemeente
            # member meets next does not ask for that password again.
            record_authentication(
                request, membership.user, method="password", email=membership.user.email
            )
        messages.success(
            request,
            _("Welcome to %(organisation)s.") % {"organisation": membership.organisation.name},
        )
        return redirect("accounts:organisation_home", membership.organisation.slug)
    return render(
        request,
        "accounts/accept_invitation.html",
        {"invitation": invitation, "form": form},
        status=400 if form is not None and form.is_bound else 200,
    )

"""Scharrelruimte pages: the initiative's own requests, and the helpers' inbox.

Access is decided in ``access.py``; writes go through ``services.py``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from collectief.accounts.access import can_edit
from collectief.accounts.models import Role
from collectief.lib.errors import ServiceError
from collectief.support import services
from collectief.support.access import (
    RequestWithdrawn,
    get_asking_organisation_for_user,
    get_helping_organisation_for_user,
    get_own_request_for_user,
    get_request_to_help_for_user,
    requests_for_helper,
)
from collectief.support.forms import AskForm, PickUpForm, UpdateForm
from collectief.support.models import Status, SupportRequest

FILTERS = {"open": [Status.OPEN], "mijn": None, "alle": None}


def _withdrawn_page(exc: RequestWithdrawn, request: HttpRequest) -> HttpResponse:
    """The helper had a request open that the initiative withdrew: say so (410)."""
    return render(
        request,
        "support/withdrawn.html",
        {"organisation": exc.organisation, "item": exc.support_request},
        status=410,
    )


def _helper_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except RequestWithdrawn as exc:
            return _withdrawn_page(exc, request)

    return wrapped


def _form_error(form: Any, exc: ServiceError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


@login_required
@require_GET
def own_list(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    organisation = get_asking_organisation_for_user(request.user, organisation_slug)
    requests = SupportRequest.objects.filter(organisation=organisation).select_related(
        "handler", "handler_person", "gemeente"
    )
    return render(
        request,
        "support/own_list.html",
        {
            "organisation": organisation,
            "requests": list(requests),
            "can_edit": can_edit(request.user, organisation),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def ask(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    organisation = get_asking_organisation_for_user(
        request.user, organisation_slug, min_role=Role.STAFF
    )
    status = 200
    if request.method == "POST":
        form = AskForm(request.POST, organisation=organisation)
        if form.is_valid():
            data = form.cleaned_data
            try:
                created = services.ask_support(
                    organisation,
                    by=request.user,
                    gemeente=data["gemeente"],
                    kind=data["kind"],
                    question=data["question"],
                )
            except ServiceError as exc:
                _form_error(form, exc)
            else:
                messages.success(
                    request,
                    _("Your request has been sent. You see here who picks it up."),
                )
                return redirect("support:detail", organisation.slug, created.pk)
        status = 400
    else:
        form = AskForm(organisation=organisation)
    return render(
        request,
        "support/ask.html",
        {"organisation": organisation, "form": form},
        status=status,
    )


@login_required
@require_GET
def own_detail(request: HttpRequest, organisation_slug: str, request_id: int) -> HttpResponse:
    support_request = get_own_request_for_user(request.user, organisation_slug, request_id)
    organisation = support_request.organisation
    return render(
        request,
        "support/own_detail.html",
        {
            "organisation": organisation,
            "item": support_request,
            "can_withdraw": can_edit(request.user, organisation)
            and support_request.status in (Status.OPEN, Status.PICKED_UP),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def withdraw(request: HttpRequest, organisation_slug: str, request_id: int) -> HttpResponse:
    """Ask first (GET): a withdrawn request is gone from every helper's inbox."""
    support_request = get_own_request_for_user(
        request.user, organisation_slug, request_id, min_role=Role.STAFF
    )
    if request.method == "GET":
        return render(
            request,
            "support/withdraw.html",
            {"organisation": support_request.organisation, "item": support_request},
        )
    try:
        services.withdraw_request(support_request, by=request.user)
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Your request has been withdrawn."))
    return redirect("support:detail", organisation_slug, support_request.pk)


@login_required
@require_GET
def inbox(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    organisation = get_helping_organisation_for_user(request.user, organisation_slug)
    chosen = request.GET.get("toon", "open")
    if chosen not in FILTERS:
        chosen = "open"
    requests = requests_for_helper(organisation)
    if chosen == "open":
        requests = requests.filter(status=Status.OPEN)
    elif chosen == "mijn":
        requests = requests.filter(handler=organisation)
    return render(
        request,
        "support/inbox.html",
        {
            "organisation": organisation,
            "requests": list(requests[:200]),
            "chosen": chosen,
        },
    )


def _help_page(
    request: HttpRequest,
    organisation: Any,
    support_request: SupportRequest,
    *,
    pick_up_form: PickUpForm | None = None,
    update_form: UpdateForm | None = None,
    status: int = 200,
) -> HttpResponse:
    staff = can_edit(request.user, organisation)
    return render(
        request,
        "support/help_detail.html",
        {
            "organisation": organisation,
            "item": support_request,
            "can_pick_up": staff and support_request.status == Status.OPEN,
            "can_update": staff
            and support_request.handler_id == organisation.pk
            and support_request.status in (Status.PICKED_UP, Status.DONE),
            "pick_up_form": pick_up_form or PickUpForm(),
            "update_form": update_form
            or UpdateForm(
                initial={"status": support_request.status, "note": support_request.note}
            ),
        },
        status=status,
    )


@login_required
@require_GET
@_helper_page
def help_detail(request: HttpRequest, organisation_slug: str, request_id: int) -> HttpResponse:
    organisation, support_request = get_request_to_help_for_user(
        request.user, organisation_slug, request_id
    )
    return _help_page(request, organisation, support_request)


@login_required
@require_POST
@_helper_page
def pick_up(request: HttpRequest, organisation_slug: str, request_id: int) -> HttpResponse:
    organisation, support_request = get_request_to_help_for_user(
        request.user, organisation_slug, request_id, min_role=Role.STAFF
    )
    form = PickUpForm(request.POST)
    if form.is_valid():
        try:
            services.pick_up_request(
                support_request, organisation, by=request.user, note=form.cleaned_data["note"]
            )
        except ServiceError as exc:
            # Someone else was quicker, or the initiative withdrew: the page says so.
            messages.error(request, exc.message)
            return redirect("support:help_detail", organisation_slug, support_request.pk)
        else:
            messages.success(request, _("You have picked up the request. The initiative sees it."))
            return redirect("support:help_detail", organisation_slug, support_request.pk)
    support_request.refresh_from_db()
    return _help_page(request, organisation, support_request, pick_up_form=form, status=400)


@login_required
@require_POST
@_helper_page
def update(request: HttpRequest, organisation_slug: str, request_id: int) -> HttpResponse:
    organisation, support_request = get_request_to_help_for_user(
        request.user, organisation_slug, request_id, min_role=Role.STAFF
    )
    form = UpdateForm(request.POST)
    if form.is_valid():
        try:
            services.update_request(
                support_request,
                organisation,
                by=request.user,
                status=form.cleaned_data["status"],
                note=form.cleaned_data["note"],
            )
        except ServiceError as exc:
            messages.error(request, exc.message)
            return redirect("support:help_detail", organisation_slug, support_request.pk)
        else:
            messages.success(request, _("The request has been updated. The initiative sees it."))
            return redirect("support:help_detail", organisation_slug, support_request.pk)
    support_request.refresh_from_db()
    return _help_page(request, organisation, support_request, update_form=form, status=400)

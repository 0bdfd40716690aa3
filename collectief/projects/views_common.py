"""What the pages of steps 2 to 4 share: the viewer, a form on its own page, a page.

Everyone in the project (owner and current partners, every role) reads
these pages; medewerkers and beheerders of the owner and of the partners
write. Access is decided in ``access.py``; writes go through the services.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from collectief.accounts.access import can_edit
from collectief.accounts.models import Organisation, Role, User
from collectief.lib.errors import ServiceError
from collectief.projects.access import ProjectLeft, get_project_for_user
from collectief.projects.models import Project


class Request(HttpRequest):
    """A request of a logged-in person (every view here but the public lessons is one)."""

    user: User


def tells_left_partner(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Wrap a project page: a partner that left is told so (410), nothing more.

    The page names only what the partner knew already (the title and the
    owner), the date it left, and that what it contributed stays.
    """

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except ProjectLeft as exc:
            return render(
                request,
                "projects/left.html",
                {
                    "organisation": exc.organisation,
                    "current_organisation": exc.organisation,
                    "partnership": exc.partnership,
                    "project": exc.partnership.project,
                },
                status=410,
            )

    return wrapped


def viewer_of(project: Project) -> Organisation:
    return project.viewer_organisation  # type: ignore[attr-defined]


def staff(request: Request, slug: str, project_id: int) -> Project:
    return get_project_for_user(request.user, slug, project_id, min_role=Role.STAFF)


def form_error(form: Any, exc: ServiceError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


def form_page(
    request: Request,
    project: Project,
    form: Any,
    *,
    heading: str,
    back: str,
    intro: str = "",
    submit: str = "",
) -> HttpResponse:
    """One form on its own page; 400 when it came back with errors."""
    viewer = viewer_of(project)
    return render(
        request,
        "projects/form_page.html",
        {
            "organisation": viewer,
            "current_organisation": viewer,
            "project": project,
            "form": form,
            "heading": heading,
            "intro": intro,
            "submit": submit or _("Save"),
            "back": reverse(f"projects:{back}", args=[viewer.slug, project.pk]),
        },
        status=400 if form.is_bound else 200,
    )


def save_form(
    request: Request,
    project: Project,
    form: Any,
    save: Callable[[dict[str, Any]], Any],
    *,
    done: str,
    heading: str,
    back: str,
    intro: str = "",
    submit: str = "",
) -> HttpResponse:
    """A form that a service saves: on success say ``done`` and go back to the ``back`` page;
    otherwise show the form again with what was typed and the service's message at its field.

    ``save`` gets the cleaned data; the caller binds the item and who saves it.
    """
    if form.is_valid():
        try:
            save(form.cleaned_data)
        except ServiceError as exc:
            form_error(form, exc)
        else:
            messages.success(request, done)
            return redirect(f"projects:{back}", viewer_of(project).slug, project.pk)
    return form_page(
        request, project, form, heading=heading, back=back, intro=intro, submit=submit
    )


def page(request: Request, project: Project, template: str, **context: Any) -> HttpResponse:
    viewer = viewer_of(project)
    return render(
        request,
        template,
        {
            "organisation": viewer,
            "current_organisation": viewer,
            "project": project,
            "can_write": can_edit(request.user, viewer),
            "is_owner": project.viewer_is_owner,  # type: ignore[attr-defined]
            **context,
        },
    )

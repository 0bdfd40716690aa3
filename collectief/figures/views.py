"""Pages under /o/<organisation>/cijfers/: readers look, staff members change."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from collectief.accounts.access import can_edit, get_organisation_for_user
from collectief.accounts.models import Role
from collectief.figures import services, tabular_io
from collectief.figures.access import get_figure_for_user, get_figure_value_for_user
from collectief.figures.chart import build_chart
from collectief.figures.forms import FigureForm, FigureValueForm, ImportForm
from collectief.figures.models import Figure
from collectief.figures.tasks import start_figures_import
from collectief.jobs.services import BACKGROUND_ROWS
from collectief.lib.errors import ServiceError

UNDO_SESSION_KEY = "figures_undo"


def _role_context(request: HttpRequest, organisation: Any) -> dict[str, Any]:
    """Whether to show the buttons for changing; the views check again on use."""
    return {"can_edit": can_edit(request.user, organisation)}


def _posted(request: HttpRequest) -> Any:
    """The posted data, also when it is empty, so an empty form shows its errors."""
    return request.POST if request.method == "POST" else None


@login_required
def figure_list(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    organisation = get_organisation_for_user(request.user, organisation_slug)
    figures = list(services.figures_for(organisation))
    undo = request.session.get(UNDO_SESSION_KEY)
    if undo and undo.get("organisation") != organisation.pk:
        undo = None
    return render(
        request,
        "figures/list.html",
        {
            "organisation": organisation,
            "figures": figures,
            "undo": undo,
            **_role_context(request, organisation),
        },
    )


def _form_page(
    request: HttpRequest, organisation: Any, form: FigureForm, figure: Figure | None
) -> HttpResponse:
    return render(
        request,
        "figures/form.html",
        {"organisation": organisation, "form": form, "figure": figure},
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
def figure_create(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    organisation = get_organisation_for_user(request.user, organisation_slug, min_role=Role.STAFF)
    form = FigureForm(_posted(request), organisation=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            figure = services.create_figure(organisation, by=request.user, **form.cleaned_data)
        except ServiceError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("The figure has been added."))
            return redirect(figure.get_absolute_url())
    return _form_page(request, organisation, form, None)


@login_required
def figure_edit(request: HttpRequest, organisation_slug: str, figure_id: int) -> HttpResponse:
    figure = get_figure_for_user(request.user, organisation_slug, figure_id, min_role=Role.STAFF)
    organisation = figure.organisation
    form = FigureForm(
        _posted(request),
        organisation=organisation,
        instance=Figure.objects.get(pk=figure.pk),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_figure(figure, by=request.user, **form.cleaned_data)
        except ServiceError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("The figure has been saved."))
            return redirect(figure.get_absolute_url())
    return _form_page(request, organisation, form, figure)


def _detail_page(
    request: HttpRequest, figure: Figure, value_form: FigureValueForm | None = None
) -> HttpResponse:
    values = list(figure.values.all())
    context = _role_context(request, figure.organisation)
    if context["can_edit"] and value_form is None:
        value_form = FigureValueForm(figure=figure, prefix="meting")
    return render(
        request,
        "figures/detail.html",
        {
            "organisation": figure.organisation,
            "figure": figure,
            "values": values,
            "chart": build_chart(values),
            "value_form": value_form,
            **context,
        },
        status=400 if value_form is not None and value_form.errors else 200,
    )


@login_required
def figure_detail(request: HttpRequest, organisation_slug: str, figure_id: int) -> HttpResponse:
    figure = get_figure_for_user(request.user, organisation_slug, figure_id)
    return _detail_page(request, figure)


@login_required
@require_POST
def value_add(request: HttpRequest, organisation_slug: str, figure_id: int) -> HttpResponse:
    figure = get_figure_for_user(request.user, organisation_slug, figure_id, min_role=Role.STAFF)
    form = FigureValueForm(request.POST, figure=figure, prefix="meting")
    if form.is_valid():
        services.add_figure_value(
            figure,
            date=form.cleaned_data["date"],
            value=form.cleaned_data["value"],
            by=request.user,
        )
        messages.success(request, _("The measurement has been saved."))
        return redirect(figure.get_absolute_url() + "#verloop")
    return _detail_page(request, figure, form)


@login_required
@require_POST
def value_remove(
    request: HttpRequest, organisation_slug: str, figure_id: int, value_id: int
) -> HttpResponse:
    point = get_figure_value_for_user(request.user, organisation_slug, figure_id, value_id)
    try:
        services.remove_figure_value(point, by=request.user)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The measurement has been removed."))
    return redirect(point.figure.get_absolute_url() + "#verloop")


@login_required
def figure_delete(request: HttpRequest, organisation_slug: str, figure_id: int) -> HttpResponse:
    """Ask first; after deleting, the list offers to undo."""
    figure = get_figure_for_user(request.user, organisation_slug, figure_id, min_role=Role.STAFF)
    if request.method == "POST":
        organisation = figure.organisation
        assert organisation is not None
        data = services.delete_figure(figure, by=request.user)
        request.session[UNDO_SESSION_KEY] = {"organisation": organisation.pk, "figure": data}
        messages.success(
            request, _("The figure '%(label)s' has been deleted.") % {"label": data["label"]}
        )
        return redirect("figures:list", organisation.slug)
    return render(
        request,
        "figures/confirm_delete.html",
        {
            "organisation": figure.organisation,
            "figure": figure,
            "value_count": figure.values.count(),
        },
    )


@login_required
@require_POST
def figure_restore(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    organisation = get_organisation_for_user(request.user, organisation_slug, min_role=Role.STAFF)
    undo = request.session.get(UNDO_SESSION_KEY)
    if not undo or undo.get("organisation") != organisation.pk:
        raise Http404
    try:
        figure = services.restore_figure(organisation, undo["figure"], by=request.user)
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect("figures:list", organisation.slug)
    del request.session[UNDO_SESSION_KEY]
    messages.success(request, _("The figure is back."))
    return redirect(figure.get_absolute_url())


@login_required
@require_POST
def figure_move(request: HttpRequest, organisation_slug: str, figure_id: int) -> HttpResponse:
    figure = get_figure_for_user(request.user, organisation_slug, figure_id, min_role=Role.STAFF)
    direction = -1 if request.POST.get("direction") == "up" else 1
    services.move_figure(figure, direction=direction, by=request.user)
    assert figure.organisation is not None
    return redirect(
        reverse("figures:list", args=[figure.organisation.slug]) + f"#cijfer-{figure.pk}"
    )


@login_required
def figure_import(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    organisation = get_organisation_for_user(request.user, organisation_slug, min_role=Role.STAFF)
    form = ImportForm(request.POST, request.FILES) if request.method == "POST" else ImportForm()
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        try:
            if len(tabular_io.read_figures_file(data, upload.name).rows) > BACKGROUND_ROWS:
                # A large file is checked and stored by the worker; the person
                # follows it on the job page instead of waiting for this request.
                job = start_figures_import(organisation, data, upload.name, by=request.user)
                return redirect("jobs:status", job.pk)
            result = tabular_io.import_figures_file(
                organisation, data, upload.name, by=request.user
            )
        except services.FiguresImportError as error:
            problems = error.problems
        else:
            messages.success(
                request,
                _(
                    "The file has been read. Figures added: %(created)d; updated: "
                    "%(updated)d; measurements: %(measurements)d."
                )
                % {
                    "created": result.created,
                    "updated": result.updated,
                    "measurements": result.measurements,
                },
            )
            return redirect("figures:list", organisation.slug)
    return render(
        request,
        "figures/import.html",
        {
            "organisation": organisation,
            "form": form,
            "problems": problems,
            "headers": tabular_io.EXPORT_HEADERS,
        },
        status=400 if problems or form.errors else 200,
    )


@login_required
def figure_export(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    organisation = get_organisation_for_user(request.user, organisation_slug)
    fmt = request.GET.get("format", "csv")
    if fmt not in ("csv", "xlsx"):
        raise Http404
    content, content_type, filename = tabular_io.export_figures(organisation, fmt)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response

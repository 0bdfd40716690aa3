"""Report pages: list and create, the editor, preview, publish, versions, PDF, public link."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from collectief.accounts.access import can_edit, get_organisation_for_user
from collectief.accounts.models import Role
from collectief.lib.errors import ServiceError
from collectief.reports import rendering, services
from collectief.reports.access import (
    get_public_version,
    get_report_for_user,
    get_section_for_user,
    get_version_for_user,
    withdrawn_stories_in,
)
from collectief.reports.builders import builder_for
from collectief.reports.forms import ReportForm, ReportLookForm, SectionForm
from collectief.reports.models import Report, ReportVersion
from collectief.reports.tasks import start_report_pdf


@login_required
def report_list(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    organisation = get_organisation_for_user(request.user, organisation_slug)
    return render(
        request,
        "reports/list.html",
        {
            "organisation": organisation,
            "reports": Report.objects.for_organisation(organisation),
            "form": ReportForm(),
            "can_edit": can_edit(request.user, organisation),
        },
    )


@login_required
@require_POST
def report_create(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    organisation = get_organisation_for_user(request.user, organisation_slug, min_role=Role.STAFF)
    form = ReportForm(request.POST)
    if form.is_valid():
        report = services.create_report(organisation, by=request.user, **form.cleaned_data)
        messages.success(request, _("The report is made. Choose what goes in."))
        return redirect("reports:edit", organisation.slug, report.pk)
    return render(
        request,
        "reports/list.html",
        {
            "organisation": organisation,
            "reports": Report.objects.for_organisation(organisation),
            "form": form,
            "can_edit": True,
        },
        status=400,
    )


def _editor(request: HttpRequest, report: Report, **forms: object) -> dict[str, object]:
    rows = services.ensure_sections(report)
    try:
        document, _ctx = services.build_document(report)
        omitted = dict(document.omitted)
        problem = ""
    except ServiceError as error:
        omitted, problem = {}, error.message
    sections = [
        {
            "row": row,
            "title": getattr(builder_for(row.key), "title", row.key),
            "omitted": omitted.get(row.key, ""),
            "form": SectionForm(instance=row, prefix=row.key),
        }
        for row in rows
        if builder_for(row.key) is not None
    ]
    return {
        "organisation": report.organisation,
        "report": report,
        "sections": sections,
        "problem": problem,
        "settings_form": forms.get("settings_form") or ReportForm(instance=report),
        "look_form": forms.get("look_form") or ReportLookForm(instance=report),
        "versions": report.versions.all(),
        "can_edit": can_edit(request.user, report.organisation),
    }


@login_required
def report_edit(request: HttpRequest, organisation_slug: str, report_id: int) -> HttpResponse:
    report = get_report_for_user(request.user, organisation_slug, report_id)
    return render(request, "reports/edit.html", _editor(request, report))


@login_required
@require_POST
def report_settings(request: HttpRequest, organisation_slug: str, report_id: int) -> HttpResponse:
    report = get_report_for_user(request.user, organisation_slug, report_id, min_role=Role.STAFF)
    form = ReportForm(request.POST, instance=Report.objects.get(pk=report.pk))
    if not form.is_valid():
        return render(
            request, "reports/edit.html", _editor(request, report, settings_form=form), status=400
        )
    services.update_report(report, by=request.user, **form.cleaned_data)
    messages.success(request, _("The settings are saved."))
    return redirect("reports:edit", organisation_slug, report.pk)


@login_required
@require_POST
def report_look(request: HttpRequest, organisation_slug: str, report_id: int) -> HttpResponse:
    report = get_report_for_user(request.user, organisation_slug, report_id, min_role=Role.STAFF)
    form = ReportLookForm(request.POST, request.FILES, instance=Report.objects.get(pk=report.pk))
    if form.is_valid():
        try:
            image = form.cleaned_data.get("image")
            if image:
                services.set_report_image(
                    report, image, alt=form.cleaned_data["logo_alt"], by=request.user
                )
            elif form.cleaned_data.get("remove_image"):
                services.set_report_image(report, None, alt="", by=request.user)
            services.update_report(
                report,
                by=request.user,
                colour=form.cleaned_data["colour"],
                logo_alt=form.cleaned_data["logo_alt"] if report.logo else "",
            )
        except ServiceError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
    if form.errors:
        return render(
            request, "reports/edit.html", _editor(request, report, look_form=form), status=400
        )
    messages.success(request, _("The colour and logo are saved."))
    return redirect("reports:edit", organisation_slug, report.pk)


@login_required
@require_POST
def section_update(
    request: HttpRequest, organisation_slug: str, report_id: int, key: str
) -> HttpResponse:
    section = get_section_for_user(request.user, organisation_slug, report_id, key)
    form = SectionForm(request.POST, instance=section, prefix=key)
    if not form.is_valid():
        messages.error(request, " ".join(str(m) for e in form.errors.values() for m in e))
    else:
        services.update_section(
            section,
            by=request.user,
            included=form.cleaned_data["included"],
            intro=form.cleaned_data["intro"],
        )
        messages.success(request, _("The section is saved."))
    return redirect("reports:edit", organisation_slug, report_id)


@login_required
@require_POST
def section_move(
    request: HttpRequest, organisation_slug: str, report_id: int, key: str
) -> HttpResponse:
    section = get_section_for_user(request.user, organisation_slug, report_id, key)
    direction = -1 if request.POST.get("richting") == "omhoog" else 1
    services.move_section(section, direction=direction, by=request.user)
    return redirect("reports:edit", organisation_slug, report_id)


@login_required
@require_GET
def report_preview(request: HttpRequest, organisation_slug: str, report_id: int) -> HttpResponse:
    report = get_report_for_user(request.user, organisation_slug, report_id)
    try:
        document, _ctx = services.build_document(report)
    except ServiceError as error:
        return render(
            request,
            "reports/no_data.html",
            {"organisation": report.organisation, "report": report, "message": error.message},
            status=200,
        )
    body = rendering.render_body(document, report.template)
    return render(
        request,
        "reports/preview.html",
        {
            "organisation": report.organisation,
            "report": report,
            "body": mark_safe(body),
            "colour_url": "reports:colour_css",
            "can_edit": can_edit(request.user, report.organisation),
        },
    )


@login_required
@require_GET
def colour_css(request: HttpRequest, organisation_slug: str, report_id: int) -> HttpResponse:
    report = get_report_for_user(request.user, organisation_slug, report_id)
    return _css(rendering.colours(report))


def _css(values: dict[str, str]) -> HttpResponse:
    response = HttpResponse(rendering.colour_css(values), content_type="text/css")
    response["Cache-Control"] = "private, max-age=60"
    return response


@login_required
@require_POST
def report_publish(request: HttpRequest, organisation_slug: str, report_id: int) -> HttpResponse:
    report = get_report_for_user(request.user, organisation_slug, report_id, min_role=Role.STAFF)
    try:
        version = services.publish_report(report, by=request.user)
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect("reports:edit", organisation_slug, report.pk)
    messages.success(request, _("Version %(number)s is published.") % {"number": version.number})
    return redirect("reports:version", organisation_slug, report.pk, version.number)


@login_required
@require_GET
def version_view(
    request: HttpRequest, organisation_slug: str, report_id: int, number: int
) -> HttpResponse:
    version = get_version_for_user(request.user, organisation_slug, report_id, number)
    if withdrawn_stories_in(version):
        return _withdrawn(request, version)
    return render(
        request,
        "reports/version.html",
        {
            "organisation": version.report.organisation,
            "report": version.report,
            "version": version,
            "body": mark_safe(version.html),
            "can_edit": can_edit(request.user, version.report.organisation),
        },
    )


@login_required
@require_GET
def version_colour_css(
    request: HttpRequest, organisation_slug: str, report_id: int, number: int
) -> HttpResponse:
    version = get_version_for_user(request.user, organisation_slug, report_id, number)
    return _css(dict(version.colours))


@login_required
@require_POST
def report_pdf(request: HttpRequest, organisation_slug: str, report_id: int) -> HttpResponse:
    report = get_report_for_user(request.user, organisation_slug, report_id, min_role=Role.STAFF)
    try:
        services.build_document(report)  # a period without data: say so now, not in a job
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect("reports:edit", organisation_slug, report.pk)
    job = start_report_pdf(report, by=request.user)
    return redirect("jobs:status", job.pk)


@login_required
@require_POST
def version_pdf(
    request: HttpRequest, organisation_slug: str, report_id: int, number: int
) -> HttpResponse:
    version = get_version_for_user(request.user, organisation_slug, report_id, number)
    get_report_for_user(request.user, organisation_slug, report_id, min_role=Role.STAFF)
    if withdrawn_stories_in(version):
        return _withdrawn(request, version)
    job = start_report_pdf(version.report, by=request.user, version=version)
    return redirect("jobs:status", job.pk)


@login_required
@require_POST
def report_public(request: HttpRequest, organisation_slug: str, report_id: int) -> HttpResponse:
    report = get_report_for_user(request.user, organisation_slug, report_id, min_role=Role.STAFF)
    public = request.POST.get("openbaar") == "1"
    try:
        services.set_public_link(report, public=public, by=request.user)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("The public link is on.") if public else _("The public link is off."),
        )
    return redirect("reports:edit", organisation_slug, report.pk)


def _withdrawn(request: HttpRequest, version: ReportVersion) -> HttpResponse:
    """A published version with a story whose consent was withdrawn since: not shown any more."""
    return render(request, "reports/withdrawn.html", {"version": version}, status=410)


@require_GET
def public_view(request: HttpRequest, token: str) -> HttpResponse:
    version = get_public_version(token)
    if withdrawn_stories_in(version):
        return _withdrawn(request, version)
    return render(
        request,
        "reports/public.html",
        {"version": version, "report": version.report, "body": mark_safe(version.html)},
    )


@require_GET
def public_colour_css(request: HttpRequest, token: str) -> HttpResponse:
    return _css(dict(get_public_version(token).colours))

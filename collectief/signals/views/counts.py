"""Bulk import of counts per area × theme × month × source, and its template."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from collectief.accounts.models import Role
from collectief.jobs.services import BACKGROUND_ROWS
from collectief.lib import tabular
from collectief.signals import counts
from collectief.signals.access import get_signals_organisation_for_user
from collectief.signals.forms import CountsImportForm
from collectief.signals.tasks import start_counts_import
from collectief.signals.views.common import signals_page


@signals_page
def counts_import(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    organisation = get_signals_organisation_for_user(
        request.user, organisation_slug, min_role=Role.STAFF
    )
    form = (
        CountsImportForm(request.POST, request.FILES)
        if request.method == "POST"
        else CountsImportForm()
    )
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        if tabular.count_rows(data, upload.name) > BACKGROUND_ROWS:
            # A large file is checked and stored by the worker; the person
            # follows it on the job page instead of waiting for this request.
            job = start_counts_import(organisation, data, upload.name, by=request.user)
            return redirect("jobs:status", job.pk)
        try:
            result = counts.import_counts(organisation, data, upload.name, by=request.user)
        except counts.CountsImportError as error:
            problems = [str(problem) for problem in error.errors]
        else:
            messages.success(
                request,
                _("The file has been read. Added: %(created)d, replaced: %(updated)d.")
                % {"created": result.created, "updated": result.updated},
            )
            return redirect("signals:counts_import", organisation.slug)
    return render(
        request,
        "signals/counts_import.html",
        {
            "organisation": organisation,
            "form": form,
            "problems": problems,
            "headers": counts.HEADERS,
        },
        status=400 if problems or form.errors else 200,
    )


@signals_page
def counts_template(request: HttpRequest, organisation_slug: str, fmt: str) -> HttpResponse:
    get_signals_organisation_for_user(request.user, organisation_slug, min_role=Role.STAFF)
    if fmt == "xlsx":
        response = HttpResponse(
            counts.template_xlsx(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(counts.template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="signalen-aantallen.{fmt}"'
    return response

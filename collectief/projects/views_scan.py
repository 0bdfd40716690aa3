"""Randvoorwaarden scan pages of a project (issue 13 point 6).

Seen by everyone who sees the project (owner and current partners);
medewerkers of the owner and of each partner fill in their organisation's
scores; medewerkers of the owner start a new round.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from collectief.accounts.access import can_edit
from collectief.accounts.models import Role
from collectief.lib.errors import ServiceError
from collectief.lib.params import parse_int
from collectief.projects import scan
from collectief.projects.access import get_project_for_user
from collectief.projects.forms_scan import ScanForm
from collectief.projects.scan_chart import scan_chart


@login_required
@require_GET
def scan_page(request: HttpRequest, organisation_slug: str, project_id: int) -> HttpResponse:
    project = get_project_for_user(request.user, organisation_slug, project_id)
    viewer = project.viewer_organisation  # type: ignore[attr-defined]
    rounds = list(project.scan_rounds.order_by("number"))
    number = parse_int(request.GET.get("ronde"), "ronde")
    chosen = next((r for r in rounds if r.number == number), None)
    result = scan.scan_result(project, chosen)
    staff = can_edit(request.user, viewer)
    return render(
        request,
        "projects/scan.html",
        {
            "organisation": viewer,
            "current_organisation": viewer,
            "project": project,
            "rounds": rounds,
            "result": result,
            "chart": scan_chart(result),
            "is_latest": result.round is not None and result.round == rounds[-1],
            "can_score": staff,
            "can_start": staff and project.viewer_is_owner,  # type: ignore[attr-defined]
            "disagree_at": scan.DISAGREE_AT,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def scan_fill(request: HttpRequest, organisation_slug: str, project_id: int) -> HttpResponse:
    project = get_project_for_user(
        request.user, organisation_slug, project_id, min_role=Role.STAFF
    )
    viewer = project.viewer_organisation  # type: ignore[attr-defined]
    scan_round = scan.current_round(project)
    if scan_round is None:
        messages.error(
            request, _("The scan has not started yet. The owner starts the first round.")
        )
        return redirect("projects:scan", organisation_slug, project.pk)
    status = 200
    if request.method == "POST":
        form = ScanForm(request.POST)
        if form.is_valid():
            try:
                count = scan.save_scan_scores(scan_round, viewer, form.scores(), by=request.user)
            except ServiceError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(
                    request,
                    _("Your organisation's scores have been saved (%(count)d conditions).")
                    % {"count": count},
                )
                return redirect("projects:scan", organisation_slug, project.pk)
        status = 400
    else:
        initial: dict[str, object] = {}
        for code, score in scan.own_scores(scan_round, viewer).items():
            initial[code] = str(score.score)
            initial[f"{code}_comment"] = score.comment
        form = ScanForm(initial=initial)
    return render(
        request,
        "projects/scan_fill.html",
        {
            "organisation": viewer,
            "current_organisation": viewer,
            "project": project,
            "round": scan_round,
            "form": form,
        },
        status=status,
    )


@login_required
@require_POST
def scan_round_start(
    request: HttpRequest, organisation_slug: str, project_id: int
) -> HttpResponse:
    project = get_project_for_user(
        request.user, organisation_slug, project_id, min_role=Role.STAFF, owner_only=True
    )
    try:
        scan_round = scan.start_scan_round(project, by=request.user)
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("Round %(number)d has started. Every partner can fill in the scan now.")
            % {"number": scan_round.number},
        )
    return redirect("projects:scan", organisation_slug, project.pk)

"""Routekaart pages: the projects of an organisation and one project with its steps.

Access is decided in ``access.py``; writes go through ``services.py``. A
partner organisation sees the project through its own address; the
controls that change it are shown to medewerkers of the owner only.
"""

from __future__ import annotations

import uuid
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from collectief.accounts.access import can_edit, get_organisation_for_user
from collectief.accounts.models import Role
from collectief.directory.match import Match, find_services
from collectief.lib.errors import ServiceError
from collectief.projects import services
from collectief.projects.access import (
    get_handover_for_user,
    get_partnership_for_user,
    get_project_for_user,
    origin_action_of,
    projects_of,
)
from collectief.projects.forms import (
    HandoverAnswerForm,
    InvolvedForm,
    PartnerForm,
    ProjectForm,
    ReviewForm,
    StepForm,
    WhoActsForm,
    gap_initial,
)
from collectief.projects.models import (
    AgreementStatus,
    Handover,
    Origin,
    Partnership,
    Project,
    Step,
)
from collectief.signals.access import gemeenten_of

PER_PAGE = 25
SEARCH_MAX_LENGTH = 100
PROVISIONS_SHOWN = 8


def _form_error(form: Any, exc: ServiceError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


@login_required
@require_GET
def project_list(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    organisation = get_organisation_for_user(request.user, organisation_slug)
    query = request.GET.get("q", "").strip()[:SEARCH_MAX_LENGTH]
    projects = (
        projects_of(organisation)
        .select_related("owner", "wijk", "theme")
        .annotate(
            partner_count=Count(
                "partnerships", filter=Q(partnerships__left_on__isnull=True), distinct=True
            )
        )
        .order_by("-updated_at", "-id")
    )
    if query:
        projects = projects.filter(
            Q(title__icontains=query)
            | Q(question__icontains=query)
            | Q(wijk__name__icontains=query)
            | Q(theme__name__icontains=query)
        )
    page = Paginator(projects, PER_PAGE).get_page(request.GET.get("page"))
    handovers = Project.objects.filter(
        handed_to=organisation, handover_status=Handover.OPEN
    ).select_related("owner", "wijk")
    return render(
        request,
        "projects/list.html",
        {
            "organisation": organisation,
            "current_organisation": organisation,
            "page": page,
            "q": query,
            "query": urlencode({"q": query}) if query else "",
            "handovers": list(handovers),
            "can_edit": can_edit(request.user, organisation),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def project_create(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    organisation = get_organisation_for_user(request.user, organisation_slug, min_role=Role.STAFF)
    source = request.POST if request.method == "POST" else request.GET
    action = origin_action_of(organisation, source.get("actie") or source.get("action"))
    # "Start a project" from a gap in the wijkbeeld: ?herkomst=wijkbeeld&wijk=WK…&thema=…
    from_gap = action is None and source.get("herkomst") == Origin.GAP
    if request.method == "POST":
        form = ProjectForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                project = services.create_project(
                    organisation,
                    by=request.user,
                    title=data["title"],
                    question=data["question"],
                    wijk=data["wijk"],
                    theme=data["theme"],
                    residents_involved=data["residents_involved"],
                    experts_involved=data["experts_involved"],
                    origin_action=action,
                    origin=Origin.GAP if from_gap else Origin.NONE,
                )
            except ServiceError as exc:
                _form_error(form, exc)
            else:
                messages.success(request, _("The project has been created: step 1, explore."))
                return redirect("projects:detail", organisation.slug, project.pk)
    else:
        initial: dict[str, Any] = {}
        if action is not None:
            initial = {
                "title": action.description[:150],
                "wijk": action.discussion.area.code,
                "theme": action.theme_id,
                "action": action.pk,
            }
        elif from_gap:
            initial = gap_initial(request.GET)
        form = ProjectForm(initial=initial)
    return render(
        request,
        "projects/create.html",
        {
            "organisation": organisation,
            "current_organisation": organisation,
            "form": form,
            "action": action,
            "from_gap": from_gap,
        },
        status=400 if request.method == "POST" else 200,
    )


def _provisions(project: Project) -> list[dict[str, Any]]:
    """Step 1: the sociale kaart's provisions for the theme in and around the wijk."""
    matches: list[Match] = find_services(project.theme, project.wijk)[:PROVISIONS_SHOWN]
    reviews = {
        r.service_id: r
        for r in project.provision_reviews.filter(service__in=[m.service.pk for m in matches])
    }
    return [{"match": m, "review": reviews.get(m.service.pk)} for m in matches]


def _detail(
    request: HttpRequest, project: Project, *, step_form: StepForm | None = None, status: int = 200
) -> HttpResponse:
    viewer = project.viewer_organisation  # type: ignore[attr-defined]
    is_owner = project.viewer_is_owner  # type: ignore[attr-defined]
    staff = can_edit(request.user, viewer)
    partnerships = list(project.partnerships.select_related("organisation"))
    return render(
        request,
        "projects/detail.html",
        {
            "organisation": viewer,
            "current_organisation": viewer,
            "project": project,
            "steps": Step.choices,
            "current": [p for p in partnerships if p.left_on is None],
            "former": [p for p in partnerships if p.left_on is not None],
            "provisions": _provisions(project),
            # Step 1 starts from the wijkbeeld and the rode draden of the theme; those pages
            # are for organisations working in the wijk's gemeente, so only they get the links.
            "wijkbeeld_gemeente": project.wijk.parent
            if project.wijk.parent_id in {g.pk for g in gemeenten_of(viewer)}
            else None,
            "can_edit": staff and is_owner,
            "can_review": staff,
            "step_form": step_form or StepForm(initial={"step": project.step}),
            "involved_form": InvolvedForm(
                initial={
                    "residents_involved": project.residents_involved,
                    "experts_involved": project.experts_involved,
                }
            ),
        },
        status=status,
    )


@login_required
@require_GET
def project_detail(request: HttpRequest, organisation_slug: str, project_id: int) -> HttpResponse:
    return _detail(request, get_project_for_user(request.user, organisation_slug, project_id))


@login_required
@require_POST
def project_step(request: HttpRequest, organisation_slug: str, project_id: int) -> HttpResponse:
    project = get_project_for_user(
        request.user, organisation_slug, project_id, min_role=Role.STAFF, owner_only=True
    )
    form = StepForm(request.POST)
    if form.is_valid():
        services.set_step(project, form.cleaned_data["step"], by=request.user)
        messages.success(request, _("The step has been changed."))
        return redirect("projects:detail", organisation_slug, project.pk)
    return _detail(request, project, step_form=form, status=400)


@login_required
@require_POST
def project_involved(
    request: HttpRequest, organisation_slug: str, project_id: int
) -> HttpResponse:
    project = get_project_for_user(
        request.user, organisation_slug, project_id, min_role=Role.STAFF, owner_only=True
    )
    form = InvolvedForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give numbers from 0 upwards."))
        return _detail(request, project, status=400)
    services.set_involved(project, by=request.user, **form.cleaned_data)
    messages.success(request, _("The numbers have been saved."))
    return redirect("projects:detail", organisation_slug, project.pk)


@login_required
@require_http_methods(["GET", "POST"])
def partners(request: HttpRequest, organisation_slug: str, project_id: int) -> HttpResponse:
    project = get_project_for_user(
        request.user, organisation_slug, project_id, min_role=Role.STAFF, owner_only=True
    )
    status = 200
    if request.method == "POST":
        form = PartnerForm(request.POST, project=project)
        if form.is_valid():
            try:
                services.add_partner(project, form.cleaned_data["organisation"], by=request.user)
            except ServiceError as exc:
                _form_error(form, exc)
            else:
                messages.success(
                    request,
                    _("%(name)s is now a partner and sees the project.")
                    % {"name": form.cleaned_data["organisation"].name},
                )
                return redirect("projects:partners", organisation_slug, project.pk)
        status = 400
    else:
        form = PartnerForm(project=project)
    partnerships = list(project.partnerships.select_related("organisation"))
    return render(
        request,
        "projects/partners.html",
        {
            "organisation": project.owner,
            "current_organisation": project.owner,
            "project": project,
            "current": [p for p in partnerships if p.left_on is None],
            "former": [p for p in partnerships if p.left_on is not None],
            "form": form,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def partner_remove(
    request: HttpRequest, organisation_slug: str, project_id: int, partnership_id: int
) -> HttpResponse:
    partnership: Partnership = get_partnership_for_user(
        request.user, organisation_slug, project_id, partnership_id
    )
    project = partnership.project
    if request.method == "POST":
        try:
            ended = services.remove_partner(partnership, by=request.user)
        except ServiceError as exc:
            messages.error(request, exc.message)
            return redirect("projects:partners", organisation_slug, project.pk)
        messages.success(
            request,
            _("%(name)s is no longer a partner. The project keeps its history.")
            % {"name": partnership.organisation.name},
        )
        # Its people left the werkgroep; a kartrekker among them leaves a gap to fill.
        kartrekkers = ended.kartrekkers_ended  # type: ignore[attr-defined]
        if kartrekkers:
            messages.warning(
                request,
                ngettext(
                    "A kartrekker of %(name)s has left the werkgroep with it. Choose a new "
                    "kartrekker on the plan page, so that two can stand in for each other.",
                    "The %(count)d kartrekkers of %(name)s have left the werkgroep with it. "
                    "Choose two new kartrekkers on the plan page.",
                    kartrekkers,
                )
                % {"name": partnership.organisation.name, "count": kartrekkers},
            )
        # Its open agreements stay; the agreements page asks who keeps them now.
        if project.agreements.filter(
            owner=partnership.organisation, status=AgreementStatus.OPEN
        ).exists():
            messages.warning(
                request,
                _(
                    "%(name)s still had open agreements. They stay on the agreements page: "
                    "choose who keeps them now."
                )
                % {"name": partnership.organisation.name},
            )
        return redirect("projects:partners", organisation_slug, project.pk)
    return render(
        request,
        "projects/partner_remove.html",
        {
            "organisation": project.owner,
            "current_organisation": project.owner,
            "project": project,
            "partnership": partnership,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def review(
    request: HttpRequest, organisation_slug: str, project_id: int, service_id: uuid.UUID
) -> HttpResponse:
    project = get_project_for_user(
        request.user, organisation_slug, project_id, min_role=Role.STAFF
    )
    found = [row for row in _provisions(project) if row["match"].service.pk == service_id]
    if not found:
        raise Http404
    match, existing = found[0]["match"], found[0]["review"]
    status = 200
    if request.method == "POST":
        form = ReviewForm(request.POST)
        if form.is_valid():
            services.save_provision_review(
                project,
                match.service,
                by=request.user,
                organisation=project.viewer_organisation,  # type: ignore[attr-defined]
                **form.cleaned_data,
            )
            messages.success(request, _("The answers have been saved."))
            return redirect("projects:detail", organisation_slug, project.pk)
        status = 400
    else:
        initial = {}
        if existing is not None:
            initial = {
                "fits": existing.fits,
                "works_together": existing.works_together,
                "residents_say": existing.residents_say,
            }
        form = ReviewForm(initial=initial)
    viewer = project.viewer_organisation  # type: ignore[attr-defined]
    return render(
        request,
        "projects/review.html",
        {
            "organisation": viewer,
            "current_organisation": viewer,
            "project": project,
            "match": match,
            "form": form,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def who_acts(request: HttpRequest, organisation_slug: str, project_id: int) -> HttpResponse:
    project = get_project_for_user(
        request.user, organisation_slug, project_id, min_role=Role.STAFF, owner_only=True
    )
    status = 200
    if request.method == "POST":
        form = WhoActsForm(request.POST, project=project)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.set_who_acts(
                    project,
                    by=request.user,
                    who_acts=data["who_acts"],
                    reason=data["reason"],
                    handed_to=data["handed_to"],
                    note=data["note"],
                )
            except ServiceError as exc:
                _form_error(form, exc)
            else:
                messages.success(request, _("Saved who acts."))
                return redirect("projects:detail", organisation_slug, project.pk)
        status = 400
    else:
        form = WhoActsForm(
            project=project,
            initial={
                "who_acts": project.who_acts,
                "reason": project.who_acts_reason,
                "handed_to": project.handed_to_id,
                "note": project.handover_note,
            },
        )
    return render(
        request,
        "projects/who_acts.html",
        {
            "organisation": project.owner,
            "current_organisation": project.owner,
            "project": project,
            "form": form,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def handover(request: HttpRequest, organisation_slug: str, project_id: int) -> HttpResponse:
    """Option c seen by the organisation asked: the question and the note, to answer."""
    min_role = Role.STAFF if request.method == "POST" else Role.READER
    project = get_handover_for_user(request.user, organisation_slug, project_id, min_role=min_role)
    viewer = project.viewer_organisation  # type: ignore[attr-defined]
    status = 200
    if request.method == "POST":
        form = HandoverAnswerForm(request.POST)
        if form.is_valid():
            accept = form.cleaned_data["answer"] == "aanvaarden"
            try:
                services.answer_handover(
                    project, by=request.user, accept=accept, reply=form.cleaned_data["reply"]
                )
            except ServiceError as exc:
                _form_error(form, exc)
            else:
                if accept:
                    messages.success(
                        request, _("You have taken up the question. It is now your project.")
                    )
                    return redirect("projects:detail", organisation_slug, project.pk)
                messages.success(
                    request, _("You have declined. The other organisation sees your reply.")
                )
                return redirect("projects:list", organisation_slug)
        status = 400
    else:
        form = HandoverAnswerForm()
    return render(
        request,
        "projects/handover.html",
        {
            "organisation": viewer,
            "current_organisation": viewer,
            "project": project,
            "form": form,
            "can_edit": can_edit(request.user, viewer),
        },
        status=status,
    )

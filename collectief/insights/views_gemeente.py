"""The gemeente's home, its goals per wijkteam (issue 13 point 8) and its beschikkingen upload."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from collectief.accounts.access import can_edit
from collectief.accounts.models import Organisation, Role
from collectief.areas.models import Area
from collectief.insights import services_goals
from collectief.insights.access import (
    get_counts_gemeente_for_user,
    get_municipality_for_user,
    get_team_goal_for_user,
)
from collectief.insights.counts import import_counts
from collectief.insights.gemeente_home import gemeente_home, shared_with, this_year
from collectief.insights.models import GoalMeasure, TeamGoal
from collectief.insights.services import CbsImportError
from collectief.lib.errors import ServiceError
from collectief.lib.uploads import LimitedFileField
from collectief.signals.access import gemeenten_of


class NamedChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class GoalForm(forms.Form):
    team = NamedChoice(label=gettext_lazy("Wijkteam"), queryset=Organisation.objects.none())
    gemeente = NamedChoice(label=gettext_lazy("Gemeente"), queryset=Area.objects.none())
    measure = forms.ChoiceField(
        label=gettext_lazy("What does the goal count?"),
        choices=GoalMeasure.choices,
        widget=forms.RadioSelect,
    )
    target = forms.IntegerField(label=gettext_lazy("Target"), min_value=1, max_value=1000)
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=2000, max_value=2100)

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        gemeenten = gemeenten_of(organisation)
        team = self.fields["team"]
        assert isinstance(team, forms.ModelChoiceField)
        team.queryset = (
            Organisation.objects.filter(kind=Organisation.Kind.NEIGHBOURHOOD_TEAM)
            .filter(pk__in=[o.pk for g in gemeenten for o in Organisation.objects.working_in(g)])
            .order_by("name")
        )
        gemeente = self.fields["gemeente"]
        assert isinstance(gemeente, forms.ModelChoiceField)
        gemeente.queryset = Area.objects.filter(pk__in=[g.pk for g in gemeenten])


class CountsUploadForm(forms.Form):
    # The same limit as the figures import: a beschikkingen file (areas ×
    # categories × years) of a whole gemeente stays far below it.
    file = LimitedFileField(
        max_mb=5,
        label=gettext_lazy("File with beschikkingen"),
        help_text=gettext_lazy("A CSV file or an Excel workbook (.xlsx), at most 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,.txt"}),
    )


@login_required
@require_http_methods(["GET", "POST"])
def counts_upload(
    request: HttpRequest, organisation_slug: str, gemeente_code: str
) -> HttpResponse:
    """Staff of a gemeente upload its beschikkingen; all or nothing, every problem listed."""
    organisation, gemeente = get_counts_gemeente_for_user(
        request.user, organisation_slug, gemeente_code
    )
    problems: list[str] = []
    message = ""
    filename = ""
    if request.method == "POST":
        form = CountsUploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            filename = upload.name
            # A beschikkingen file is small (areas × categories × years), so it
            # is imported within the request, as the figures import does for
            # small files; the service runs in one transaction.
            try:
                result = import_counts(
                    upload.read(), upload.name, by=request.user, gemeente=gemeente
                )
            except CbsImportError as error:
                message = error.message
                problems = [str(problem) for problem in error.problems]
            else:
                lines = [
                    f"{year} – {name}: {rows}"
                    for (year, name), rows in result.per_year_category.items()
                ]
                messages.success(request, f"{result.summary()} {'; '.join(lines)}.")
                return redirect("insights:gemeente", organisation.slug, gemeente.code)
        elif (refused := request.FILES.get("file")) is not None:
            # The form keeps the name of a refused file (a browser cannot refill it).
            filename = refused.name or ""
    else:
        form = CountsUploadForm()
    return render(
        request,
        "insights/counts_upload.html",
        {
            "organisation": organisation,
            "current_organisation": organisation,
            "gemeente": gemeente,
            "form": form,
            "message": message,
            "problems": problems,
            "filename": filename,
        },
        status=400 if message or form.errors else 200,
    )


@login_required
@require_GET
def home(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    organisation = get_municipality_for_user(request.user, organisation_slug)
    year = this_year()
    return render(
        request,
        "insights/gemeente_home.html",
        {
            "organisation": organisation,
            "current_organisation": organisation,
            "homes": [
                gemeente_home(organisation, g, year=year) for g in gemeenten_of(organisation)
            ],
            "shared": shared_with(organisation),
            "year": year,
            "can_edit": can_edit(request.user, organisation),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def goals(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    organisation = get_municipality_for_user(request.user, organisation_slug, min_role=Role.STAFF)
    status = 200
    if request.method == "POST":
        form = GoalForm(request.POST, organisation=organisation)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services_goals.set_goal(organisation, by=request.user, **data)
            except ServiceError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(request, _("The goal has been saved."))
                return redirect("insights:goals", organisation.slug)
        status = 400
    else:
        form = GoalForm(organisation=organisation, initial={"year": this_year()})
    return render(
        request,
        "insights/goals.html",
        {
            "organisation": organisation,
            "current_organisation": organisation,
            "form": form,
            "goals": TeamGoal.objects.filter(organisation=organisation)
            .select_related("team", "gemeente")
            .order_by("-year", "team__name", "measure"),
        },
        status=status,
    )


def _goal_form(
    request: HttpRequest, organisation: Organisation, form: GoalForm, goal: TeamGoal
) -> HttpResponse:
    return render(
        request,
        "insights/goal_edit.html",
        {
            "organisation": organisation,
            "current_organisation": organisation,
            "form": form,
            "goal": goal,
        },
        status=400 if form.is_bound else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def goal_edit(request: HttpRequest, organisation_slug: str, goal_id: int) -> HttpResponse:
    goal = get_team_goal_for_user(request.user, organisation_slug, goal_id)
    organisation = goal.organisation
    if request.method == "POST":
        form = GoalForm(request.POST, organisation=organisation)
        if form.is_valid():
            try:
                services_goals.update_goal(goal, by=request.user, **form.cleaned_data)
            except ServiceError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(request, _("The goal has been changed."))
                return redirect("insights:goals", organisation.slug)
    else:
        form = GoalForm(
            organisation=organisation,
            initial={
                "team": goal.team_id,
                "gemeente": goal.gemeente_id,
                "measure": goal.measure,
                "target": goal.target,
                "year": goal.year,
            },
        )
    return _goal_form(request, organisation, form, goal)


@login_required
@require_http_methods(["GET", "POST"])
def goal_remove(request: HttpRequest, organisation_slug: str, goal_id: int) -> HttpResponse:
    """Ask first (GET), remove on POST."""
    goal = get_team_goal_for_user(request.user, organisation_slug, goal_id)
    organisation = goal.organisation
    if request.method == "POST":
        services_goals.remove_goal(goal, by=request.user)
        messages.success(request, _("The goal has been removed."))
        return redirect("insights:goals", organisation.slug)
    return render(
        request,
        "insights/goal_remove.html",
        {"organisation": organisation, "current_organisation": organisation, "goal": goal},
    )

from typing import Any

from django.urls import URLPattern, path

from collectief.projects import views, views_edit, views_scan
from collectief.projects import views_plan as plan
from collectief.projects import views_progress as progress
from collectief.projects.views_common import tells_left_partner

app_name = "projects"

base = "o/<slug:organisation_slug>/projecten/"
one = base + "<int:project_id>/"


def project_page(route: str, view: Any, name: str) -> URLPattern:
    """A page of one project. Every one of them tells a partner that left why the
    project is gone (410) instead of a bare "not found"."""
    return path(one + route, tells_left_partner(view), name=name)


urlpatterns = [
    path(base, views.project_list, name="list"),
    path(base + "nieuw/", views.project_create, name="create"),
    project_page("", views.project_detail, name="detail"),
    project_page("wijzigen/", views_edit.project_edit, name="edit"),
    project_page("stap/", views.project_step, name="step"),
    project_page("betrokken/", views.project_involved, name="involved"),
    project_page("partners/", views.partners, name="partners"),
    project_page(
        "partners/<int:partnership_id>/verwijderen/",
        views.partner_remove,
        name="partner_remove",
    ),
    project_page("voorzieningen/<uuid:service_id>/", views.review, name="review"),
    project_page("aan-zet/", views.who_acts, name="who_acts"),
    project_page("overdracht/", views.handover, name="handover"),
    # Randvoorwaarden scan (issue 13 point 6).
    project_page("scan/", views_scan.scan_page, name="scan"),
    project_page("scan/invullen/", views_scan.scan_fill, name="scan_fill"),
    project_page("scan/nieuwe-ronde/", views_scan.scan_round_start, name="scan_round_start"),
    # Step 2: the plan of action.
    project_page("plan/", plan.plan, name="plan"),
    project_page("plan/waarom/", plan.plan_edit, name="plan_edit"),
    project_page("plan/werkgroep/nieuw/", plan.member_add, name="member_add"),
    project_page(
        "plan/werkgroep/<int:member_id>/weghalen/", plan.member_remove, name="member_remove"
    ),
    project_page(
        "plan/werkgroep/<int:member_id>/kartrekker/",
        plan.kartrekker_add,
        name="kartrekker_add",
    ),
    project_page(
        "plan/werkgroep/<int:member_id>/geen-kartrekker/",
        plan.kartrekker_stop,
        name="kartrekker_stop",
    ),
    project_page("plan/rol/", plan.role, name="role"),
    project_page("plan/doelen/nieuw/", plan.goal_add, name="goal_add"),
    project_page("plan/planning/nieuw/", plan.milestone_add, name="milestone_add"),
    project_page(
        "plan/planning/<int:milestone_id>/gehaald/",
        plan.milestone_done,
        name="milestone_done",
    ),
    project_page(
        "plan/werkgroep/<int:member_id>/wijzigen/",
        views_edit.member_edit,
        name="member_edit",
    ),
    project_page("plan/doelen/<int:goal_id>/wijzigen/", views_edit.goal_edit, name="goal_edit"),
    project_page(
        "plan/doelen/<int:goal_id>/weghalen/", views_edit.goal_remove, name="goal_remove"
    ),
    project_page(
        "plan/planning/<int:milestone_id>/wijzigen/",
        views_edit.milestone_edit,
        name="milestone_edit",
    ),
    project_page(
        "plan/planning/<int:milestone_id>/weghalen/",
        views_edit.milestone_remove,
        name="milestone_remove",
    ),
    project_page("plan/veranderverhaal/", plan.story, name="story"),
    project_page("plan-van-aanpak.pdf", plan.plan_pdf, name="plan_pdf"),
    # Uitspreken, afspreken, aanspreken.
    project_page("afspraken/", plan.agreements, name="agreements"),
    project_page("afspraken/nieuw/", plan.agreement_add, name="agreement_add"),
    project_page(
        "afspraken/<int:agreement_id>/nagekomen/",
        plan.agreement_kept,
        name="agreement_kept",
    ),
    project_page(
        "afspraken/<int:agreement_id>/gemist/",
        plan.agreement_missed,
        name="agreement_missed",
    ),
    project_page("afspraken/<int:agreement_id>/vervolg/", plan.follow_up, name="follow_up"),
    project_page(
        "afspraken/<int:agreement_id>/wijzigen/",
        views_edit.agreement_edit,
        name="agreement_edit",
    ),
    project_page(
        "afspraken/<int:agreement_id>/weghalen/",
        views_edit.agreement_remove,
        name="agreement_remove",
    ),
    # Step 3: carrying out.
    project_page("uitvoering/", progress.progress, name="progress"),
    project_page("uitvoering/nieuw/", progress.log_add, name="log_add"),
    project_page("uitvoering/<int:entry_id>/wijzigen/", views_edit.log_edit, name="log_edit"),
    project_page("uitvoering/<int:entry_id>/weghalen/", views_edit.log_remove, name="log_remove"),
    project_page("uitvoering/bijdrage/<int:organisation_id>/", progress.delivers, name="delivers"),
    # Step 4: learn, adjust, finish.
    project_page("afronden/", progress.learn, name="learn"),
    project_page("afronden/effect/", progress.evaluation, name="evaluation"),
    project_page("afronden/besluit/", progress.decision, name="decision"),
    project_page("afronden/lessen/nieuw/", progress.lesson_add, name="lesson_add"),
    project_page(
        "afronden/lessen/<int:lesson_id>/wijzigen/",
        views_edit.lesson_edit,
        name="lesson_edit",
    ),
    project_page(
        "afronden/lessen/<int:lesson_id>/weghalen/",
        views_edit.lesson_remove,
        name="lesson_remove",
    ),
    project_page(
        "afronden/lessen/<int:lesson_id>/publiceren/",
        progress.lesson_publish,
        name="lesson_publish",
    ),
    project_page(
        "afronden/lessen/<int:lesson_id>/niet-publiceren/",
        progress.lesson_withdraw,
        name="lesson_withdraw",
    ),
    path("routekaart/lessen/", progress.lessons, name="lessons"),
]

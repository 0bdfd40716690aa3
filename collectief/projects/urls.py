from django.urls import path

from collectief.projects import views, views_edit, views_scan
from collectief.projects import views_plan as plan
from collectief.projects import views_progress as progress

app_name = "projects"

base = "o/<slug:organisation_slug>/projecten/"
one = base + "<int:project_id>/"
urlpatterns = [
    path(base, views.project_list, name="list"),
    path(base + "nieuw/", views.project_create, name="create"),
    path(one, views.project_detail, name="detail"),
    path(one + "wijzigen/", views_edit.project_edit, name="edit"),
    path(one + "stap/", views.project_step, name="step"),
    path(one + "betrokken/", views.project_involved, name="involved"),
    path(one + "partners/", views.partners, name="partners"),
    path(
        one + "partners/<int:partnership_id>/verwijderen/",
        views.partner_remove,
        name="partner_remove",
    ),
    path(one + "voorzieningen/<uuid:service_id>/", views.review, name="review"),
    path(one + "aan-zet/", views.who_acts, name="who_acts"),
    path(one + "overdracht/", views.handover, name="handover"),
    # Randvoorwaarden scan (issue 13 point 6).
    path(one + "scan/", views_scan.scan_page, name="scan"),
    path(one + "scan/invullen/", views_scan.scan_fill, name="scan_fill"),
    path(one + "scan/nieuwe-ronde/", views_scan.scan_round_start, name="scan_round_start"),
    # Step 2: the plan of action.
    path(one + "plan/", plan.plan, name="plan"),
    path(one + "plan/waarom/", plan.plan_edit, name="plan_edit"),
    path(one + "plan/werkgroep/nieuw/", plan.member_add, name="member_add"),
    path(
        one + "plan/werkgroep/<int:member_id>/weghalen/", plan.member_remove, name="member_remove"
    ),
    path(
        one + "plan/werkgroep/<int:member_id>/kartrekker/",
        plan.kartrekker_add,
        name="kartrekker_add",
    ),
    path(
        one + "plan/werkgroep/<int:member_id>/geen-kartrekker/",
        plan.kartrekker_stop,
        name="kartrekker_stop",
    ),
    path(one + "plan/rol/", plan.role, name="role"),
    path(one + "plan/doelen/nieuw/", plan.goal_add, name="goal_add"),
    path(one + "plan/planning/nieuw/", plan.milestone_add, name="milestone_add"),
    path(
        one + "plan/planning/<int:milestone_id>/gehaald/",
        plan.milestone_done,
        name="milestone_done",
    ),
    path(
        one + "plan/werkgroep/<int:member_id>/wijzigen/",
        views_edit.member_edit,
        name="member_edit",
    ),
    path(one + "plan/doelen/<int:goal_id>/wijzigen/", views_edit.goal_edit, name="goal_edit"),
    path(one + "plan/doelen/<int:goal_id>/weghalen/", views_edit.goal_remove, name="goal_remove"),
    path(
        one + "plan/planning/<int:milestone_id>/wijzigen/",
        views_edit.milestone_edit,
        name="milestone_edit",
    ),
    path(
        one + "plan/planning/<int:milestone_id>/weghalen/",
        views_edit.milestone_remove,
        name="milestone_remove",
    ),
    path(one + "plan/veranderverhaal/", plan.story, name="story"),
    path(one + "plan-van-aanpak.pdf", plan.plan_pdf, name="plan_pdf"),
    # Uitspreken, afspreken, aanspreken.
    path(one + "afspraken/", plan.agreements, name="agreements"),
    path(one + "afspraken/nieuw/", plan.agreement_add, name="agreement_add"),
    path(
        one + "afspraken/<int:agreement_id>/nagekomen/",
        plan.agreement_kept,
        name="agreement_kept",
    ),
    path(
        one + "afspraken/<int:agreement_id>/gemist/",
        plan.agreement_missed,
        name="agreement_missed",
    ),
    path(one + "afspraken/<int:agreement_id>/vervolg/", plan.follow_up, name="follow_up"),
    path(
        one + "afspraken/<int:agreement_id>/wijzigen/",
        views_edit.agreement_edit,
        name="agreement_edit",
    ),
    path(
        one + "afspraken/<int:agreement_id>/weghalen/",
        views_edit.agreement_remove,
        name="agreement_remove",
    ),
    # Step 3: carrying out.
    path(one + "uitvoering/", progress.progress, name="progress"),
    path(one + "uitvoering/nieuw/", progress.log_add, name="log_add"),
    path(one + "uitvoering/<int:entry_id>/wijzigen/", views_edit.log_edit, name="log_edit"),
    path(one + "uitvoering/<int:entry_id>/weghalen/", views_edit.log_remove, name="log_remove"),
    path(one + "uitvoering/bijdrage/<int:organisation_id>/", progress.delivers, name="delivers"),
    # Step 4: learn, adjust, finish.
    path(one + "afronden/", progress.learn, name="learn"),
    path(one + "afronden/effect/", progress.evaluation, name="evaluation"),
    path(one + "afronden/besluit/", progress.decision, name="decision"),
    path(one + "afronden/lessen/nieuw/", progress.lesson_add, name="lesson_add"),
    path(
        one + "afronden/lessen/<int:lesson_id>/wijzigen/",
        views_edit.lesson_edit,
        name="lesson_edit",
    ),
    path(
        one + "afronden/lessen/<int:lesson_id>/weghalen/",
        views_edit.lesson_remove,
        name="lesson_remove",
    ),
    path(
        one + "afronden/lessen/<int:lesson_id>/publiceren/",
        progress.lesson_publish,
        name="lesson_publish",
    ),
    path(
        one + "afronden/lessen/<int:lesson_id>/niet-publiceren/",
        progress.lesson_withdraw,
        name="lesson_withdraw",
    ),
    path("routekaart/lessen/", progress.lessons, name="lessons"),
]

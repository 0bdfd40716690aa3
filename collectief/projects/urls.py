from django.urls import path

from collectief.projects import views, views_scan
from collectief.projects import views_plan as plan

app_name = "projects"

base = "o/<slug:organisation_slug>/projecten/"
one = base + "<int:project_id>/"
urlpatterns = [
    path(base, views.project_list, name="list"),
    path(base + "nieuw/", views.project_create, name="create"),
    path(one, views.project_detail, name="detail"),
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
    # Step 3: carrying out.
    path(one + "uitvoering/", plan.progress, name="progress"),
    path(one + "uitvoering/nieuw/", plan.log_add, name="log_add"),
    path(one + "uitvoering/bijdrage/<int:organisation_id>/", plan.delivers, name="delivers"),
    # Step 4: learn, adjust, finish.
    path(one + "afronden/", plan.learn, name="learn"),
    path(one + "afronden/effect/", plan.evaluation, name="evaluation"),
    path(one + "afronden/besluit/", plan.decision, name="decision"),
    path(one + "afronden/lessen/nieuw/", plan.lesson_add, name="lesson_add"),
    path(
        one + "afronden/lessen/<int:lesson_id>/publiceren/",
        plan.lesson_publish,
        name="lesson_publish",
    ),
    path(
        one + "afronden/lessen/<int:lesson_id>/niet-publiceren/",
        plan.lesson_withdraw,
        name="lesson_withdraw",
    ),
    path("routekaart/lessen/", plan.lessons, name="lessons"),
]

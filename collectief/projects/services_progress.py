"""Steps 3 and 4 of the routekaart, and the reminders of agreements.

Step 3 (uitvoering): the progress log, interim evaluations with residents,
and per organisation "levert ieder zijn bijdrage?". Step 4 (leren,
bijsturen, afronden): the effect evaluation with the figures and
questionnaires an organisation taking part links to the project, the
decision, and lessons learned that may be published (opt-in) for other
wijken and gemeenten. Same rules as ``services_plan``: one transaction, an
audit record without texts, Dutch ``ServiceError`` on a broken rule.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from collectief.accounts.models import Membership, Organisation, Role, User
from collectief.audit.services import record_event
from collectief.directory import services as directory_services
from collectief.directory.models import DirectoryOrganization, Service
from collectief.figures.models import Figure
from collectief.jobs.mail import send_mail_later
from collectief.lib.errors import ServiceError
from collectief.projects.models import (
    ANSWER_MAX_LENGTH,
    NOTE_MAX_LENGTH,
    QUESTION_MAX_LENGTH,
    Agreement,
    AgreementStatus,
    Decision,
    Delivers,
    Lesson,
    LogEntry,
    LogKind,
    PartnerRole,
    Project,
    Step,
)
from collectief.projects.services import MAX_INVOLVED, _text
from collectief.projects.services_plan import _require_taking_part, _touch
from collectief.surveys.models import Survey

# Days before the due date that the owner of an open agreement gets an e-mail.
REMINDER_DAYS = 3


@transaction.atomic
def add_log_entry(
    project: Project,
    *,
    by: User | None,
    organisation: Organisation,
    text: str,
    happened_on: datetime.date | None,
    kind: str = LogKind.PROGRESS,
    residents: int = 0,
) -> LogEntry:
    """A line in the progress log, or an interim evaluation with the residents who took part."""
    values = log_values(kind=kind, text=text, happened_on=happened_on, residents=residents)
    entry = LogEntry.objects.create(project=project, organisation=organisation, **values)
    _touch(project)
    record_event(
        "projects.log.add",
        project,
        by=by,
        organisation_id=organisation.pk,
        details={"entry": entry.pk, "kind": entry.kind},
    )
    return entry


def log_values(
    *, kind: str, text: str, happened_on: datetime.date | None, residents: int
) -> dict[str, Any]:
    """The one check of a log entry, for adding and for changing it."""
    if kind not in LogKind.values:
        raise ServiceError(_("Choose progress or interim evaluation."), field="kind")
    text = _text(text, "text", NOTE_MAX_LENGTH, required=True)
    if happened_on is None:
        raise ServiceError(_("Give the date."), field="happened_on")
    if happened_on > timezone.localdate():
        raise ServiceError(_("The date cannot be in the future."), field="happened_on")
    if not 0 <= residents <= MAX_INVOLVED:
        raise ServiceError(
            _("Give a number from 0 to %(max)d.") % {"max": MAX_INVOLVED}, field="residents"
        )
    if kind == LogKind.INTERIM and residents == 0:
        raise ServiceError(
            _("An interim evaluation is held with residents: how many took part?"),
            field="residents",
        )
    return {"kind": kind, "text": text, "happened_on": happened_on, "residents": residents}


@transaction.atomic
def assess_contribution(
    project: Project,
    partner: Organisation,
    *,
    by: User | None,
    organisation: Organisation,
    delivers: str,
    note: str = "",
) -> PartnerRole:
    """ "Levert ieder zijn bijdrage?" for one organisation taking part."""
    _require_taking_part(project, partner, "partner")
    if delivers not in (Delivers.YES, Delivers.PARTLY, Delivers.NO):
        raise ServiceError(_("Choose yes, partly or no."), field="delivers")
    record, _created = PartnerRole.objects.select_for_update().get_or_create(
        project=project, organisation=partner
    )
    record.delivers = delivers
    record.delivers_note = _text(note, "note", ANSWER_MAX_LENGTH)
    record.save(update_fields=["delivers", "delivers_note", "updated_at"])
    _touch(project)
    record_event(
        "projects.role.delivers",
        project,
        by=by,
        organisation_id=organisation.pk,
        details={"partner": partner.slug, "delivers": delivers},
    )
    return record


def linkable_figures(organisation: Organisation) -> QuerySet[Figure]:
    return Figure.objects.filter(organisation=organisation).order_by("order", "label")


def linkable_surveys(organisation: Organisation) -> QuerySet[Survey]:
    return Survey.objects.filter(organisation=organisation).order_by("-pk")


@transaction.atomic
def save_evaluation(
    project: Project,
    *,
    by: User | None,
    organisation: Organisation,
    effect_summary: str,
    figures: Iterable[Figure] = (),
    surveys: Iterable[Survey] = (),
) -> Project:
    """The effect evaluation; the organisation links (or unlinks) its own figures and surveys.

    Linking shows the figure and the questionnaire's title to everyone in
    the project; the organisation decides that. Another organisation's
    links stay as they are.
    """
    figures, surveys = list(figures), list(surveys)
    if any(f.organisation_id != organisation.pk for f in figures) or any(
        s.organisation_id != organisation.pk for s in surveys
    ):
        raise ServiceError(_("Link only your own organisation's figures and questionnaires."))
    project.effect_summary = _text(effect_summary, "effect_summary", QUESTION_MAX_LENGTH)
    project.save(update_fields=["effect_summary", "updated_at"])
    project.figures.remove(*project.figures.filter(organisation=organisation))
    project.figures.add(*figures)
    project.surveys.remove(*project.surveys.filter(organisation=organisation))
    project.surveys.add(*surveys)
    record_event(
        "projects.evaluation.save",
        project,
        by=by,
        organisation_id=organisation.pk,
        details={"figures": [f.pk for f in figures], "surveys": [s.pk for s in surveys]},
    )
    return project


def _embed(project: Project, *, by: User | None) -> Service:
    """The project becomes an entry of the owner's in the sociale kaart, for its wijk."""
    organization = (
        DirectoryOrganization.objects.owned_by(project.owner).order_by("name", "pk").first()
    )
    if organization is None:
        raise ServiceError(
            _(
                "%(name)s has no entry in the sociale kaart yet. Claim or add your organisation "
                "in the sociale kaart first; then the project can become a regular activity."
            )
            % {"name": project.owner.name},
            field="decision",
        )
    description = "\n\n".join(
        text for text in (project.question, project.desired_result) if text.strip()
    )
    service = directory_services.create_service(
        organization,
        by=by,
        themes=[project.theme],
        name=project.title[:200],
        description=description,
        delivery=Service.Delivery.COLLECTIVE,
        is_public=True,
    )
    directory_services.add_service_area(service, project.wijk, by=by)
    return service


@transaction.atomic
def decide(project: Project, *, by: User | None, decision: str, note: str) -> Project:
    """Step 4: continue, embed in the regular offer, stop, or go back to step 1 (owner only).

    Embedding creates an entry in the sociale kaart (through the directory's
    services) and finishes the project; stopping finishes it; continuing
    keeps it in step 3; going back starts step 1 again.
    """
    project = (
        Project.objects.select_for_update(of=("self",))
        .select_related("owner", "wijk", "theme")
        .get(pk=project.pk)
    )
    if project.finished_on is not None:
        raise ServiceError(_("This project has been finished already."))
    if decision not in Decision.values or decision == Decision.NONE:
        raise ServiceError(_("Choose one of the four decisions."), field="decision")
    project.decision_note = _text(note, "note", NOTE_MAX_LENGTH, required=True)
    project.decision = decision
    if decision == Decision.EMBED:
        project.embedded_service = _embed(project, by=by)
        project.finished_on = timezone.localdate()
        project.step = Step.LEARN
    elif decision == Decision.STOP:
        project.finished_on = timezone.localdate()
        project.step = Step.LEARN
    elif decision == Decision.CONTINUE:
        project.step = Step.CARRY_OUT
    else:
        project.step = Step.EXPLORE
    project.save()
    record_event(
        "projects.project.decision",
        project,
        by=by,
        organisation_id=project.owner_id,
        details={
            "decision": decision,
            "service": str(project.embedded_service_id) if project.embedded_service_id else None,
        },
    )
    return project


def lesson_values(*, text: str, is_public: bool = False) -> dict[str, Any]:
    """The one check of a lesson, for adding and for changing it."""
    return {"text": _text(text, "text", NOTE_MAX_LENGTH, required=True), "is_public": is_public}


@transaction.atomic
def add_lesson(
    project: Project,
    *,
    by: User | None,
    organisation: Organisation,
    text: str,
    is_public: bool = False,
) -> Lesson:
    lesson = Lesson.objects.create(
        project=project,
        organisation=organisation,
        **lesson_values(text=text, is_public=is_public),
    )
    _touch(project)
    record_event(
        "projects.lesson.add",
        project,
        by=by,
        organisation_id=organisation.pk,
        details={"lesson": lesson.pk, "public": is_public},
    )
    return lesson


@transaction.atomic
def set_lesson_public(
    lesson: Lesson, *, by: User | None, organisation: Organisation, is_public: bool
) -> Lesson:
    """Publish or withdraw a lesson; only the organisation that wrote it decides."""
    if lesson.organisation_id != organisation.pk:
        raise ServiceError(_("Only the organisation that wrote a lesson publishes it."))
    lesson.is_public = is_public
    lesson.save(update_fields=["is_public"])
    record_event(
        "projects.lesson.public",
        lesson.project,
        by=by,
        organisation_id=organisation.pk,
        details={"lesson": lesson.pk, "public": is_public},
    )
    return lesson


def public_lessons() -> QuerySet[Lesson]:
    """Published lessons with what a reader from elsewhere needs: theme, wijk, gemeente."""
    return Lesson.objects.filter(is_public=True).select_related(
        "project__theme", "project__wijk__parent", "organisation"
    )


# --- reminders -------------------------------------------------------------------------


def agreements_to_remind(today: datetime.date | None = None) -> QuerySet[Agreement]:
    today = today or timezone.localdate()
    return (
        Agreement.objects.filter(
            status=AgreementStatus.OPEN,
            due_on__gte=today,
            due_on__lte=today + datetime.timedelta(days=REMINDER_DAYS),
            reminded_on__isnull=True,
            project__finished_on__isnull=True,
        )
        # Only while the owner still takes part.
        .filter(
            Q(owner=F("project__owner"))
            | Q(
                project__partnerships__organisation=F("owner"),
                project__partnerships__left_on__isnull=True,
            )
        )
        .select_related("project", "owner")
        .distinct()
        .order_by("owner_id", "due_on", "pk")
    )


def send_agreement_reminders(*, today: datetime.date | None = None) -> int:
    """E-mail the medewerkers and beheerders of each organisation with an agreement due soon.

    One e-mail per organisation, each agreement reminded once. Returns the
    number of e-mails. Safe to run every day.
    """
    today = today or timezone.localdate()
    by_owner: dict[int, list[Agreement]] = defaultdict(list)
    for agreement in agreements_to_remind(today):
        by_owner[agreement.owner_id].append(agreement)
    sent = 0
    for owner_id, agreements in by_owner.items():
        with transaction.atomic():
            owner = Organisation.objects.get(pk=owner_id)
            Agreement.objects.filter(pk__in=[a.pk for a in agreements]).update(reminded_on=today)
            for agreement in agreements:
                record_event(
                    "projects.agreement.remind",
                    agreement.project,
                    by=None,
                    organisation_id=owner_id,
                    details={"agreement": agreement.pk},
                )
            recipients = sorted(
                Membership.objects.filter(
                    organisation=owner, role__in=[Role.STAFF, Role.ADMIN]
                ).values_list("user__email", flat=True)
            ) or ([owner.email] if owner.email else [])
            if not recipients:
                continue
            with override(settings.LANGUAGE_CODE):
                context = {
                    "organisation": owner,
                    "agreements": [
                        {
                            "agreement": a,
                            "url": settings.SITE_URL
                            + reverse("projects:agreements", args=[owner.slug, a.project_id]),
                        }
                        for a in agreements
                    ],
                }
                subject = _("Reminder: agreements in a project are due soon")
                body = render_to_string("projects/email/agreement_reminder.txt", context)
            send_mail_later(subject, body, recipients)
            sent += 1
    return sent

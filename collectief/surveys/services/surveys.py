"""Surveys and waves: create, change, delete, open and close."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from collectief.audit.services import record_event
from collectief.lib.errors import ServiceError
from collectief.surveys.models import (
    Survey,
    Wave,
)
from collectief.surveys.vectors import ensure_layout

# --------------------------------------------------------------------------- surveys

SURVEY_FIELDS = ("title", "intro", "closes_at", "max_responses", "privacy_text", "thank_you_text")


@transaction.atomic
def create_survey(organisation: Any, *, by: Any, title: str, **fields: Any) -> Survey:
    data = {k: v for k, v in fields.items() if k in SURVEY_FIELDS}
    survey = Survey.objects.create(
        organisation=organisation,
        title=title.strip(),
        created_by=by if getattr(by, "is_authenticated", False) else None,
        **data,
    )
    record_event("survey.create", survey, by=by, organisation_id=organisation.pk)
    return survey


@transaction.atomic
def update_survey(survey: Survey, *, by: Any, **fields: Any) -> Survey:
    changed = []
    for name, value in fields.items():
        if name not in SURVEY_FIELDS:
            raise ValueError(f"Unknown survey field {name}")
        if getattr(survey, name) != value:
            setattr(survey, name, value)
            changed.append(name)
    survey.save()
    record_event(
        "survey.update",
        survey,
        by=by,
        organisation_id=survey.organisation_id,
        details={"fields": changed},
    )
    return survey


def survey_delete_blocker(survey: Survey) -> str | None:
    """Why ``survey`` cannot be deleted, or None when it can."""
    if survey.status == Survey.Status.OPEN:
        # A published survey may be in use on posters and phones right now.
        return _("The survey is open. Close it before you delete it.")
    return None


@transaction.atomic
def delete_survey(survey: Survey, *, by: Any) -> None:
    blocker = survey_delete_blocker(survey)
    if blocker:
        raise ServiceError(blocker)
    record_event(
        "survey.delete",
        survey,
        by=by,
        organisation_id=survey.organisation_id,
        details={"title": survey.title, "responses": survey.responses.count()},
    )
    survey.delete()


@transaction.atomic
def set_survey_status(survey: Survey, status: str, *, by: Any) -> Survey:
    status = Survey.Status(status)
    if status == Survey.Status.OPEN:
        if not survey.questions.exists():
            raise ServiceError(_("Add at least one question before you open the survey."))
        if survey.closes_at and survey.closes_at <= timezone.now():
            raise ServiceError(
                _("The closing date has passed. Change it before you open the survey."),
                field="closes_at",
            )
        if survey.opened_at is None:
            survey.opened_at = timezone.now()
        ensure_layout(survey)  # answer vector positions, before the first response
    survey.status = status
    survey.save(update_fields=["status", "opened_at", "updated_at"])
    record_event(
        "survey.status",
        survey,
        by=by,
        organisation_id=survey.organisation_id,
        details={"status": status.value},
    )
    return survey


# --------------------------------------------------------------------------- waves


@transaction.atomic
def add_wave(
    survey: Survey, *, by: Any, name: str, kind: str, starts_at: Any, ends_at: Any = None
) -> Wave:
    if ends_at is not None and ends_at <= starts_at:
        raise ServiceError(_("The end must be after the start."), field="ends_at")
    wave = Wave.objects.create(
        survey=survey, name=name.strip(), kind=kind, starts_at=starts_at, ends_at=ends_at
    )
    record_event("survey.wave.add", wave, by=by, organisation_id=survey.organisation_id)
    return wave


def wave_delete_blocker(wave: Wave) -> str | None:
    """Why ``wave`` cannot be deleted, or None when it can."""
    if wave.responses.exists():
        return _("This measurement has responses. It cannot be deleted.")
    return None


@transaction.atomic
def delete_wave(wave: Wave, *, by: Any) -> None:
    blocker = wave_delete_blocker(wave)
    if blocker:
        raise ServiceError(blocker)
    record_event(
        "survey.wave.delete",
        wave,
        by=by,
        organisation_id=wave.survey.organisation_id,
        details={"name": wave.name},
    )
    wave.delete()

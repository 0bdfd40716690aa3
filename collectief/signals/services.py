"""Writing signals: every route (quick entry, antenne form, API, CLI, import) comes here.

The raw note lives only in the arguments of ``record_signal`` and is
de-identified before anything is written; ``sensitive_variables`` keeps
it out of Django's error reports, the audit event gets no text at all,
and error messages never quote the note.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from collectief.accounts.models import Organisation
from collectief.areas.models import Area
from collectief.audit.services import record_event
from collectief.directory.models import TaxonomyTerm
from collectief.lib.errors import ServiceError
from collectief.signals import deidentify
from collectief.signals.models import (
    MAX_THEMES,
    NOTE_MAX_LENGTH,
    AgeBand,
    Channel,
    Signal,
    SignalTheme,
    SourceRole,
)

SIGNAL_AREA_LEVELS = (Area.Level.WIJK, Area.Level.BUURT)


def theme_terms() -> Any:
    """The one theme list of the product: the sociale-kaart themes."""
    return TaxonomyTerm.objects.themes().order_by("name")


def _check_themes(themes: Sequence[TaxonomyTerm]) -> list[TaxonomyTerm]:
    unique = list({theme.pk: theme for theme in themes}.values())
    if not unique:
        raise ServiceError(_("Choose at least one theme."), field="themes")
    if len(unique) > MAX_THEMES:
        raise ServiceError(
            _("Choose at most %(max)d themes.") % {"max": MAX_THEMES}, field="themes"
        )
    known = set(theme_terms().filter(pk__in=[t.pk for t in unique]).values_list("pk", flat=True))
    if any(theme.pk not in known for theme in unique):
        raise ServiceError(_("This theme is not in the theme list."), field="themes")
    return unique


def check_area(area: Area) -> None:
    if area.level not in SIGNAL_AREA_LEVELS:
        raise ServiceError(_("Choose a wijk or a buurt, not a whole gemeente."), field="area")


def check_date(date: datetime.date) -> None:
    if date > timezone.localdate():
        raise ServiceError(_("The date lies in the future."), field="date")


@sensitive_variables("note", "redacted")
def prepare_note(note: str) -> str:
    """The note as it will be stored: checked and de-identified, or ServiceError.

    The form's preview ("zo wordt het opgeslagen") shows exactly this text.
    """
    note = (note or "").strip()
    if not note:
        return ""
    problem = deidentify.input_problem(note, max_length=NOTE_MAX_LENGTH)
    if problem:
        raise ServiceError(problem, field="note")
    try:
        redacted = deidentify.redact(note)
    except deidentify.NotReadyError as error:
        raise ServiceError(
            _(
                "Notes cannot be saved yet: the server is not ready to remove personal "
                "details. Save the signal without a note, or ask the administrator to run "
                "`collectief signals warmup`."
            ),
            field="note",
        ) from error
    if deidentify.only_placeholders(redacted):
        raise ServiceError(
            _(
                "The note contains only personal details. Describe what is going on, "
                "without names, addresses or numbers."
            ),
            field="note",
        )
    if len(redacted) > NOTE_MAX_LENGTH:
        raise ServiceError(
            _("The note is too long after removing personal details. Make it a little shorter."),
            field="note",
        )
    return redacted


@sensitive_variables("note", "stored_note")
@transaction.atomic
def record_signal(
    organisation: Organisation,
    *,
    by: Any,
    area: Area,
    themes: Iterable[TaxonomyTerm],
    date: datetime.date,
    source_role: str = SourceRole.WIJKTEAM,
    age_band: str = "",
    note: str = "",
    channel: str = Channel.QUICK,
    redacted_note: str | None = None,
) -> Signal:
    """Store one signal; the note only in de-identified form.

    ``redacted_note`` is a note that ``prepare_note`` already gave (an import
    checks every row before it stores any), so it is not de-identified twice.
    """
    check_area(area)
    checked_themes = _check_themes(list(themes))
    check_date(date)
    if source_role not in SourceRole.values:
        raise ServiceError(_("Unknown source."), field="source_role")
    if age_band and age_band not in AgeBand.values:
        raise ServiceError(_("Unknown age group."), field="age_band")
    stored_note = prepare_note(note) if redacted_note is None else redacted_note
    signal = Signal.objects.create(
        organisation=organisation,
        area=area,
        date=date,
        source_role=source_role,
        age_band=age_band,
        note=stored_note,
        channel=channel,
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    SignalTheme.objects.bulk_create(
        SignalTheme(signal=signal, theme=theme) for theme in checked_themes
    )
    # No text in the audit log: only what was recorded, never the note.
    record_event(
        "signal.create",
        signal,
        by=by,
        organisation_id=organisation.pk,
        details={
            "area": area.code,
            "themes": sorted(theme.code for theme in checked_themes),
            "channel": channel,
            "with_note": bool(stored_note),
        },
    )
    return signal


@transaction.atomic
def purge_notes(*, now: datetime.datetime | None = None, days: int | None = None) -> int:
    """Empty the notes older than the retention period; the signals stay as counts.

    Returns how many notes were removed. Safe to run at any time (daily task,
    ``collectief signals purge``). One audit event per organisation says how many.
    """
    from django.conf import settings

    now = now or timezone.now()
    days = settings.SIGNAL_NOTE_RETENTION_DAYS if days is None else days
    old = Signal.objects.filter(created_at__lt=now - datetime.timedelta(days=days)).exclude(
        note=""
    )
    per_organisation: dict[int, int] = {}
    for organisation_id in old.values_list("organisation_id", flat=True):
        per_organisation[organisation_id] = per_organisation.get(organisation_id, 0) + 1
    removed = old.update(note="", note_removed_at=now)
    for organisation in Organisation.objects.filter(pk__in=per_organisation):
        record_event(
            "signal.notes_purged",
            organisation,
            by=None,
            organisation_id=organisation.pk,
            details={"count": per_organisation[organisation.pk], "days": days},
        )
    return removed

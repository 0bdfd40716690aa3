"""Mark open answers as quotes for the report (services with an audit record)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from collectief.audit.services import record_event
from collectief.lib.errors import ServiceError
from collectief.surveys.models import Answer, Question, Quote


@transaction.atomic
def mark_quote(answer: Answer, *, by: Any) -> Quote:
    if answer.question.type not in Question.TEXT_TYPES or not (answer.text or "").strip():
        raise ServiceError(_("Only open answers can be quotes."))
    quote, created = Quote.objects.get_or_create(
        answer=answer,
        defaults={"marked_by": by if getattr(by, "is_authenticated", False) else None},
    )
    if created:
        record_event(
            "survey.quote.mark",
            quote,
            by=by,
            organisation_id=answer.question.survey.organisation_id,
            details={"answer": answer.pk},
        )
    return quote


@transaction.atomic
def unmark_quote(answer: Answer, *, by: Any) -> None:
    quote = Quote.objects.filter(answer=answer).first()
    if quote is None:
        return
    record_event(
        "survey.quote.unmark",
        quote,
        by=by,
        organisation_id=answer.question.survey.organisation_id,
        details={"answer": answer.pk},
    )
    quote.delete()

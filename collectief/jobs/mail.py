"""E-mail from the worker: queued once the transaction commits, tried again when the server is down."""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)

MAX_MAIL_ATTEMPTS = 5


def send_mail_later(subject: str, body: str, recipients: Iterable[str]) -> None:
    """Send an e-mail from the worker once the current transaction has committed.

    Subject and body are rendered by the caller, in the language of the person
    who caused the e-mail; the worker only delivers them.
    """
    to = list(recipients)
    transaction.on_commit(lambda: send_email_task.enqueue(subject, body, to))


def deliver_mail(subject: str, body: str, recipients: list[str]) -> int:
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)


@task()
def send_email_task(subject: str, body: str, recipients: list[str], attempt: int = 1) -> int:
    """Send one e-mail; a mail server that is down is tried again later (5, 10, 20 ... minutes)."""
    try:
        return deliver_mail(subject, body, recipients)
    except (smtplib.SMTPException, OSError):
        backend = send_email_task.get_backend()
        if attempt < MAX_MAIL_ATTEMPTS and backend.supports_defer:
            later = timezone.now() + timedelta(minutes=5 * 2 ** (attempt - 1))
            send_email_task.using(run_after=later).enqueue(
                subject, body, recipients, attempt=attempt + 1
            )
            logger.warning("E-mail %r not sent (attempt %d); trying again", subject, attempt)
        raise

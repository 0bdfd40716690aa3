"""Demo scharrelruimte (issue 13 point 11): Het Badhuis asks the gemeente Haarlem.

One request picked up by the gemeente (contact with the gemeente about the
building), one still open (volunteers for the seniorenkoor). Safe to run
again: a request with the same question is not asked twice.
"""

from __future__ import annotations

from typing import TextIO

from django.db import transaction
from django.utils.translation import gettext

from collectief.accounts.models import Organisation
from collectief.signals.access import gemeenten_of
from collectief.support import services
from collectief.support.models import Kind, Status, SupportRequest

REQUESTS = [
    (
        Kind.GEMEENTE,
        "De huur van het pand loopt eind volgend jaar af. Met wie bij de gemeente kunnen we "
        "praten over een nieuw contract?",
        "gemeente-haarlem",
        "Ik kom volgende week langs in het Badhuis. Groet, de wijkregisseur.",
    ),
    (
        Kind.VOLUNTEERS,
        "Het seniorenkoor zoekt twee mensen die de koffie en de zaal regelen op dinsdagochtend.",
        None,
        "",
    ),
]


@transaction.atomic
def load_demo(stdout: TextIO) -> None:
    badhuis = Organisation.objects.filter(slug="het-badhuis").first()
    gemeenten = gemeenten_of(badhuis) if badhuis else []
    if badhuis is None or not gemeenten:
        stdout.write(
            gettext("Demo support: Het Badhuis or its gemeente is missing, skipped.") + "\n"
        )
        return
    for kind, question, handler_slug, note in REQUESTS:
        if SupportRequest.objects.filter(organisation=badhuis, question=question).exists():
            continue
        asked = services.ask_support(
            badhuis, by=None, gemeente=gemeenten[0], kind=kind, question=question
        )
        handler = Organisation.objects.filter(slug=handler_slug).first() if handler_slug else None
        if handler is not None:
            services.pick_up_request(asked, handler, by=None, note=note)
    open_count = SupportRequest.objects.filter(organisation=badhuis, status=Status.OPEN).count()
    stdout.write(
        gettext("Demo support: open requests of Het Badhuis: %(count)d.") % {"count": open_count}
        + "\n"
    )

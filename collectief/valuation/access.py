"""Access checks for the valuation (see collectief/accounts/access.py for the rules).

Readers of an organisation look; medewerkers and beheerders change. An input
or outcome of another organisation is a 404, also through one's own address.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404

from collectief.accounts.access import get_organisation_for_user
from collectief.accounts.models import Organisation, Role
from collectief.valuation.models import Input, Outcome, Valuation


def get_valuation_for_user(
    user: Any, organisation_slug: str, *, min_role: str = Role.READER
) -> tuple[Organisation, Valuation | None]:
    """The organisation and its valuation (None when it has none yet)."""
    organisation = get_organisation_for_user(user, organisation_slug, min_role=min_role)
    valuation = Valuation.objects.filter(organisation=organisation).first()
    if valuation is not None:
        valuation.organisation = organisation
    return organisation, valuation


def get_existing_valuation_for_user(
    user: Any, organisation_slug: str, *, min_role: str = Role.READER
) -> Valuation:
    """The organisation's valuation, or 404 when there is none yet."""
    _organisation, valuation = get_valuation_for_user(user, organisation_slug, min_role=min_role)
    if valuation is None:
        raise Http404
    return valuation


def get_input_for_user(
    user: Any, organisation_slug: str, input_id: int, *, min_role: str = Role.STAFF
) -> Input:
    valuation = get_existing_valuation_for_user(user, organisation_slug, min_role=min_role)
    item = Input.objects.filter(pk=input_id, valuation=valuation).first()
    if item is None:
        raise Http404
    item.valuation = valuation
    return item


def get_outcome_for_user(
    user: Any, organisation_slug: str, outcome_id: int, *, min_role: str = Role.STAFF
) -> Outcome:
    valuation = get_existing_valuation_for_user(user, organisation_slug, min_role=min_role)
    outcome = Outcome.objects.filter(pk=outcome_id, valuation=valuation).first()
    if outcome is None:
        raise Http404
    outcome.valuation = valuation
    return outcome

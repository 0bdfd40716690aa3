"""The sociale kaart: who offers what, where and when in a wijk.

The tables follow the Human Services Data Specification (HSDS) 3.1 of Open
Referral, so that a directory can be exchanged with other systems: the
primary key of each HSDS table is the HSDS ``id`` (a UUID), the column names
are the HSDS field names, and a child points at its parents with nullable
foreign keys named like the HSDS ``<parent>_id`` columns (a phone may belong
to a service, a location and a contact at the same time, as in the HSDS
tabular format).

HSDS fields that Collectief does not use keep their value in the JSON column
``extra`` so that an export gives back what an import received. HSDS tables
that Collectief does not model (funding, program, url, …) are kept whole in
:class:`HsdsRecord`.

Collectief adds its own fields next to the HSDS ones: the prevention type of
the magazine (primair/secundair/tertiair, universeel/selectief/geïndiceerd),
formal or informal, collective or individual, referral and registration,
a free flag, accessibility flags, the CBS buurt of a location, and when an
entry was last checked and by whom.

The package holds one module per part: ``base`` (fixed ids, the HSDS base
model), ``taxonomy``, ``organisations``, ``services``, ``locations`` (with
services at locations and service areas), ``schedules``, ``details``
(contacts, phones, languages, costs, attributes), ``hsds_records`` and
``upkeep`` (claims, error reports). Every model is imported here, so Django
finds them and ``from collectief.directory.models import X`` works as before.
"""

from __future__ import annotations

# isort: off
# In the order of the former single models.py, so that Django registers the
# models in (almost) the same order as before the split.
from collectief.directory.models.base import (
    REMINDER_INTERVAL,
    STALE_AFTER,
    TARGET_GROUPS_TAXONOMY_ID,
    THEMES_TAXONOMY_ID,
    HsdsModel,
    term_uuid,
)
from collectief.directory.models.taxonomy import Taxonomy, TaxonomyTerm, TaxonomyTermQuerySet
from collectief.directory.models.organisations import (
    DirectoryOrganization,
    DirectoryOrganizationQuerySet,
)
from collectief.directory.models.services import Service, ServiceQuerySet
from collectief.directory.models.locations import (
    Accessibility,
    Address,
    Location,
    ServiceArea,
    ServiceAtLocation,
)
from collectief.directory.models.schedules import Schedule, schedule_order_errors
from collectief.directory.models.details import Attribute, Contact, CostOption, Language, Phone
from collectief.directory.models.hsds_records import HsdsImport, HsdsRecord
from collectief.directory.models.upkeep import Claim, Coordination, ErrorReport

# isort: on

__all__ = [
    "REMINDER_INTERVAL",
    "STALE_AFTER",
    "TARGET_GROUPS_TAXONOMY_ID",
    "THEMES_TAXONOMY_ID",
    "Accessibility",
    "Address",
    "Attribute",
    "Claim",
    "Contact",
    "Coordination",
    "CostOption",
    "DirectoryOrganization",
    "DirectoryOrganizationQuerySet",
    "ErrorReport",
    "HsdsImport",
    "HsdsModel",
    "HsdsRecord",
    "Language",
    "Location",
    "Phone",
    "Schedule",
    "Service",
    "ServiceArea",
    "ServiceAtLocation",
    "ServiceQuerySet",
    "Taxonomy",
    "TaxonomyTerm",
    "TaxonomyTermQuerySet",
    "schedule_order_errors",
    "term_uuid",
]

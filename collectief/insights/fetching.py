"""Fetching a Kerncijfers Wijken en Buurten table from the CBS OData v3 API (issue 12 point 1).

``collectief wijkbeeld fetch TABLE_ID`` reads the ``UntypedDataSet`` (it
keeps the CBS signs ``.`` ``x`` ``-``, which the typed set turns into
``null``) and the ``DataProperties`` of the table, follows every
``odata.nextLink`` (the API pages its answers), and hands both to the same
all-or-nothing ``import_cbs`` as a file would go to. Tests never call the
network: they pass an ``httpx.MockTransport`` with recorded pages.
"""

from __future__ import annotations

import json
import re
from typing import Any

import httpx
from django.utils.translation import gettext as _

from collectief.insights.importing import KWB_TABLES, TABLE_YEARS

BASE_URL = "https://opendata.cbs.nl/ODataApi/odata"
TABLE_ID = re.compile(r"^[0-9]{5}[A-Z]{3}$")
# A full year is about 17,500 rows in pages of 10,000; more pages than this is not CBS.
MAX_PAGES = 50
TIMEOUT_SECONDS = 60.0


class FetchError(ValueError):
    """The table could not be fetched; the message is for the user."""


def check_table(table_id: str) -> str:
    table = table_id.strip().upper()
    if not TABLE_ID.fullmatch(table) or table not in TABLE_YEARS:
        raise FetchError(
            _(
                "Table %(table)s is not a table of Kerncijfers Wijken en Buurten. "
                "Known tables: %(known)s."
            )
            % {"table": table, "known": ", ".join(f"{t} ({y})" for y, t in KWB_TABLES.items())}
        )
    return table


def _get_json(client: httpx.Client, url: str, budget: list[int]) -> dict[str, Any]:
    try:
        response = client.get(url)
    except httpx.HTTPError as exc:
        raise FetchError(
            _("CBS could not be reached (%(error)s). Try again later.") % {"error": exc}
        ) from exc
    if response.status_code != 200:
        raise FetchError(
            _("CBS answered %(status)s for %(url)s.")
            % {"status": response.status_code, "url": url}
        )
    budget[0] -= len(response.content)
    if budget[0] < 0:
        raise FetchError(_("The table is larger than the import limit; nothing was imported."))
    try:
        document = response.json()
    except ValueError as exc:
        raise FetchError(
            _("CBS answered with something that is not JSON: %(url)s.") % {"url": url}
        ) from exc
    if not isinstance(document, dict) or not isinstance(document.get("value"), list):
        raise FetchError(_("CBS answered without a list of values: %(url)s.") % {"url": url})
    return document


def _all_pages(client: httpx.Client, url: str, budget: list[int]) -> dict[str, Any]:
    """The first page's document with the values of every following page."""
    document = _get_json(client, url, budget)
    values: list[Any] = list(document["value"])
    next_link = document.get("odata.nextLink")
    pages = 1
    while next_link:
        if not str(next_link).startswith(BASE_URL + "/"):
            raise FetchError(
                _("CBS sent a next page on another address: %(url)s.") % {"url": next_link}
            )
        pages += 1
        if pages > MAX_PAGES:
            raise FetchError(
                _("CBS sent more than %(max)s pages; nothing was imported.") % {"max": MAX_PAGES}
            )
        page = _get_json(client, str(next_link), budget)
        values.extend(page["value"])
        next_link = page.get("odata.nextLink")
    return {"odata.metadata": document.get("odata.metadata", ""), "value": values}


def fetch_table(
    table_id: str, *, max_bytes: int, transport: httpx.BaseTransport | None = None
) -> tuple[bytes, bytes]:
    """(UntypedDataSet JSON, DataProperties JSON) of a kwb table, every page joined."""
    table = check_table(table_id)
    budget = [max_bytes]
    with httpx.Client(transport=transport, timeout=TIMEOUT_SECONDS) as client:
        data = _all_pages(client, f"{BASE_URL}/{table}/UntypedDataSet", budget)
        properties = _all_pages(client, f"{BASE_URL}/{table}/DataProperties", budget)
    return json.dumps(data).encode(), json.dumps(properties).encode()

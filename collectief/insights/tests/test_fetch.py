"""``collectief wijkbeeld fetch``: recorded CBS pages through a mocked transport, never the network."""

from __future__ import annotations

import io
import json
from typing import Any

import httpx
import pytest
from django.core.management.base import CommandError

from collectief.insights.cli import fetch
from collectief.insights.fetching import BASE_URL, FetchError, fetch_table
from collectief.insights.models import IndicatorValue
from collectief.insights.tests.conftest import fixture_bytes

pytestmark = pytest.mark.django_db

TABLE = "85984NED"


def recorded_pages() -> dict[str, Any]:
    """The recorded UntypedDataSet split over two pages, as the API pages it, and DataProperties."""
    untyped = json.loads(fixture_bytes("kwb_2024_untyped.json"))
    rows = untyped["value"]
    second = f"{BASE_URL}/{TABLE}/UntypedDataSet?$skiptoken=Guid'2'"
    return {
        f"{BASE_URL}/{TABLE}/UntypedDataSet": {
            "odata.metadata": untyped["odata.metadata"],
            "value": rows[:2],
            "odata.nextLink": second,
        },
        second: {"odata.metadata": untyped["odata.metadata"], "value": rows[2:]},
        f"{BASE_URL}/{TABLE}/DataProperties": json.loads(
            fixture_bytes("kwb_2024_properties.json")
        ),
    }


def transport(pages: dict[str, Any], asked: list[str] | None = None) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        url = str(request.url).replace("%27", "'")
        if asked is not None:
            asked.append(url)
        if url not in pages:
            return httpx.Response(404)
        return httpx.Response(200, json=pages[url])

    return httpx.MockTransport(handler)


def test_fetch_follows_next_links_and_imports_all_or_nothing(almere: Any) -> None:
    asked: list[str] = []
    out = io.StringIO()
    command = type("Command", (), {"stdout": out})()
    fetch.run(command, {"table": TABLE}, transport=transport(recorded_pages(), asked))  # type: ignore[arg-type]
    assert len(asked) == 3  # two pages of data, one of properties
    assert "CBS-tabel 85984NED (2024) ingelezen" in out.getvalue()
    stored = IndicatorValue.objects.filter(table_id=TABLE)
    # Rows of both pages arrived: the gemeente is on the first page, the buurt on the second.
    regions = set(stored.values_list("region", flat=True))
    assert {"GM0034", "BU00340201"} <= regions
    assert stored.filter(status="secret").exists()


def test_the_pages_are_joined_into_one_document() -> None:
    data, properties = fetch_table(TABLE, max_bytes=10**7, transport=transport(recorded_pages()))
    joined = json.loads(data)
    assert len(joined["value"]) == len(json.loads(fixture_bytes("kwb_2024_untyped.json"))["value"])
    assert "UntypedDataSet" in joined["odata.metadata"]
    assert json.loads(properties)["value"]


@pytest.mark.parametrize("table", ["83765NEX", "12345NED", "x"])
def test_a_table_that_is_not_kwb_is_refused_before_any_request(table: str) -> None:
    asked: list[str] = []
    with pytest.raises(FetchError, match="geen tabel van Kerncijfers Wijken en Buurten"):
        fetch_table(table, max_bytes=10**7, transport=transport({}, asked))
    assert asked == []


def test_a_next_link_to_another_host_is_refused() -> None:
    pages = recorded_pages()
    pages[f"{BASE_URL}/{TABLE}/UntypedDataSet"]["odata.nextLink"] = "https://example.org/steal"
    with pytest.raises(FetchError, match="ander adres"):
        fetch_table(TABLE, max_bytes=10**7, transport=transport(pages))


def test_too_large_and_server_errors_import_nothing(almere: Any) -> None:
    with pytest.raises(FetchError, match="groter dan"):
        fetch_table(TABLE, max_bytes=500, transport=transport(recorded_pages()))
    command = type("Command", (), {"stdout": io.StringIO()})()
    with pytest.raises(CommandError, match="CBS antwoordde 404"):
        fetch.run(command, {"table": TABLE}, transport=transport({}))  # type: ignore[arg-type]
    assert not IndicatorValue.objects.exists()

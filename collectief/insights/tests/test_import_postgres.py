"""PostgreSQL's bulk path of the CBS import: foreign keys checked in one pass, never lost.

A large import drops the two foreign keys of IndicatorValue inside its
transaction and adds them again, validated (insights/bulk_postgres.py). These
tests lower the threshold so the recorded fixture takes that path, and run
with committed data (transaction=True): in a test's own transaction the
fixtures' inserts leave pending checks, and then the import falls back to the
row-by-row checks, which is tested as well.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from django.db import IntegrityError, connection

from collectief.insights import bulk_postgres, services
from collectief.insights.catalogue import ensure_catalogue
from collectief.insights.models import IndicatorValue
from collectief.insights.services import import_cbs
from collectief.insights.tests.conftest import fixture_bytes

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL import path"),
    pytest.mark.django_db(transaction=True),
]

PROPS = fixture_bytes("kwb_2024_properties.json")
TYPED = fixture_bytes("kwb_2024_typed.json")


def foreign_keys() -> list[tuple[str, str, bool]]:
    """IndicatorValue's foreign keys as the catalogue has them: name, definition, validated."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid), convalidated FROM pg_constraint "
            "WHERE conrelid = 'insights_indicatorvalue'::regclass AND contype = 'f' "
            "ORDER BY conname"
        )
        return [(str(name), str(definition), bool(valid)) for name, definition, valid in cursor]


@pytest.fixture
def bulk(db: None, monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Take the bulk path for any import that adds rows; records what _drop_foreign_keys did.

    The indicator catalogue is made (and committed) first, as on a server: an import that
    creates it queues checks on insights_indicator and then keeps to the row checks.
    """
    ensure_catalogue()
    monkeypatch.setattr(bulk_postgres, "BULK_MIN_NEW_ROWS", 1)
    calls: list[Any] = []
    drop = bulk_postgres._drop_foreign_keys

    def recording(cursor: Any, table: str) -> Any:
        calls.append(drop(cursor, table))
        return calls[-1]

    monkeypatch.setattr(bulk_postgres, "_drop_foreign_keys", recording)
    return calls


def test_the_migrations_foreign_keys_are_deferred_and_validated(db: None) -> None:
    keys = foreign_keys()
    assert [definition.split(" REFERENCES ")[1] for _name, definition, _valid in keys] == [
        "insights_indicator(id) DEFERRABLE INITIALLY DEFERRED",
        "areas_area(id) DEFERRABLE INITIALLY DEFERRED",
    ]
    assert all(valid for _name, _definition, valid in keys)


def test_a_large_import_ends_with_the_same_foreign_keys(almere: Any, bulk: list[Any]) -> None:
    before = foreign_keys()
    result = import_cbs(TYPED, "typed.json", properties=PROPS)
    assert result.values == 25
    assert IndicatorValue.objects.count() == 25
    # The bulk path was taken: both constraints were dropped, and they are back as they were.
    assert [name for name, _definition in bulk[0]] == [name for name, _d, _v in before]
    assert foreign_keys() == before


def test_importing_the_same_year_again_keeps_the_row_checks(almere: Any, bulk: list[Any]) -> None:
    import_cbs(TYPED, "typed.json", properties=PROPS)
    import_cbs(fixture_bytes("kwb_2024_untyped.json"), "untyped.json", properties=PROPS)
    # Every row of the second import exists already: an update with the same keys is not
    # checked again, so dropping the constraints would only cost a validation and a lock.
    assert len(bulk) == 1
    assert IndicatorValue.objects.get(region="WK003401", indicator__key="WmoClienten").status == (
        "nil"
    )


def test_a_value_pointing_nowhere_rolls_the_whole_import_back(
    almere: Any, bulk: list[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    before = foreign_keys()
    rows = services._rows

    def one_wrong_area(*args: Any) -> Iterator[tuple[Any, ...]]:
        for n, row in enumerate(rows(*args)):
            # The last row gets an area id that does not exist (COPY does not check it).
            yield (*row[:2], 10**9, *row[3:]) if n == 24 else row

    monkeypatch.setattr(services, "_rows", one_wrong_area)
    with pytest.raises(IntegrityError, match="insights_indicatorvalue_area_id"):
        import_cbs(TYPED, "typed.json", properties=PROPS)
    assert bulk[0] is not None  # the constraints had been dropped, and the validation failed
    assert not IndicatorValue.objects.exists()
    assert foreign_keys() == before


def test_a_locked_areas_table_falls_back_to_the_row_checks(
    almere: Any, bulk: list[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bulk_postgres, "LOCK_TIMEOUT", "200ms")
    settings = connection.settings_dict
    other = psycopg.connect(
        dbname=settings["NAME"],
        user=settings["USER"],
        password=settings["PASSWORD"],
        host=settings["HOST"],
        port=settings["PORT"] or None,
    )
    try:
        # A long read of the areas in another session: the import must not wait for it.
        other.execute("BEGIN")
        other.execute("SELECT count(*) FROM areas_area")
        before = foreign_keys()
        result = import_cbs(TYPED, "typed.json", properties=PROPS)
    finally:
        other.close()
    assert bulk == [None]  # the locks were refused, so nothing was dropped
    assert result.values == 25
    assert foreign_keys() == before


def test_pending_checks_in_the_same_transaction_fall_back(almere: Any, bulk: list[Any]) -> None:
    from django.db import transaction

    from collectief.areas.models import Area

    before = foreign_keys()
    with transaction.atomic():
        # A new area in the same transaction queues a deferred check on areas_area, and
        # PostgreSQL refuses to alter a table with pending checks.
        Area.objects.create(
            code="BU00340202", name="Bloemenbuurt", level="buurt", parent=almere["stad"], year=2024
        )
        result = import_cbs(TYPED, "typed.json", properties=PROPS)
    assert bulk == [None]
    assert result.values == 25
    assert foreign_keys() == before

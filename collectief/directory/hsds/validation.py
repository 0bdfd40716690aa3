"""Checks over all rows of an HSDS import, before anything is saved.

:func:`_check` looks at the rows as a whole: every reference to another
object must be in the file or the database (strictly for the links an import
cannot do without, :data:`STRICT_REFERENCES`; other missing links are kept as
text and reported as a note), schedules must not end before they start and a
service's maximum age must not be below its minimum age.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from collectief.directory import models as m
from collectief.directory.hsds.mapping import (
    FK_TARGET_TYPE,
    MODEL_FOR_TYPE,
    SCHEDULE_TIMES,
    from_hsds,
    hsds_fields,
    text_problem,
    value_problem,
    wall_time,
)
from collectief.directory.hsds.problems import _path
from collectief.directory.hsds.reading import Reader
from collectief.directory.hsds.schema import uri_columns
from collectief.lib.safe_urls import url_problem

# References an import cannot do without: a service's organisation, the two
# sides of a service at a location, the term of an attribute and the service
# of a cost. Other links to objects that are not in the file or the database
# (a phone's contact, a term's parent, …) are kept as text in ``extra`` and
# reported as a note, because HSDS data sets often hold partial extracts.
STRICT_REFERENCES = {
    ("service", "organization_id"),
    ("service_at_location", "service_id"),
    ("service_at_location", "location_id"),
    ("attribute", "taxonomy_term_id"),
    ("cost_option", "service_id"),
}


def _check(reader: Reader) -> None:
    tables = reader.tables
    missing: dict[str, set[str]] = {}
    wanted: list[
        tuple[str, str, str, str, str, str]
    ] = []  # where, column, target, id, type, row id
    for type_name, rows in tables.items():
        _check_storable(reader, type_name, rows)
        if type_name not in MODEL_FOR_TYPE:
            for row_id, row in rows.items():
                for column, value in row.items():
                    target = column.removesuffix("_id")
                    if (
                        column.endswith("_id")
                        and target in MODEL_FOR_TYPE
                        and isinstance(value, str)
                    ):
                        wanted.append(
                            (
                                reader.origins[(type_name, row_id)],
                                column,
                                target,
                                value,
                                type_name,
                                row_id,
                            )
                        )
            continue
        fields = hsds_fields(type_name)
        for row_id, row in rows.items():
            where = reader.origins[(type_name, row_id)]
            for column, fk in fields.items():
                if isinstance(fk, models.ForeignKey) and row.get(column) is not None:
                    target = FK_TARGET_TYPE[fk.name]
                    wanted.append((where, column, target, str(row[column]), type_name, row_id))
            if type_name == "schedule":
                values = {
                    name: from_hsds(fields[name], row.get(name))
                    for name in (
                        "valid_from",
                        "valid_to",
                        "dtstart",
                        "until",
                        "opens_at",
                        "closes_at",
                    )
                }
                for name in SCHEDULE_TIMES:
                    if values[name] is not None:
                        values[name] = wall_time(values[name], row)
                for name, message in m.schedule_order_errors(**values).items():
                    reader.problem(_column(reader, where, name), str(message))
            if type_name == "service":
                low, high = row.get("minimum_age"), row.get("maximum_age")
                if isinstance(low, int | float) and isinstance(high, int | float) and high < low:
                    reader.problem(
                        _column(reader, where, "maximum_age"),
                        _("The maximum age must not be lower than the minimum age."),
                    )
    for _where, _column_name, target, value, _source, _row_id in wanted:
        if value not in tables.get(target, {}):
            missing.setdefault(target, set()).add(value)
    found: dict[str, set[str]] = {}
    for target, ids in missing.items():
        valid = []
        for value in ids:
            try:
                valid.append(uuid.UUID(value))
            except ValueError:
                continue
        model = MODEL_FOR_TYPE[target]
        found[target] = set()
        for chunk in _chunks(valid, 5000):
            found[target] |= {
                str(pk) for pk in model.objects.filter(pk__in=chunk).values_list("pk", flat=True)
            }
    for where, column, target, value, source, row_id in wanted:
        if value in missing.get(target, set()) and value not in found.get(target, set()):
            if (source, column) in STRICT_REFERENCES:
                reader.problem(
                    _column(reader, where, column),
                    _("Refers to %(type)s %(id)s, which does not exist.")
                    % {"type": target, "id": value},
                )
            else:
                reader.dangling.setdefault((source, row_id), set()).add(column)
                reader.notes.append(
                    _("%(where)s: %(type)s %(id)s does not exist; the link is kept as text.")
                    % {"where": _column(reader, where, column), "type": target, "id": value}
                )


def _check_storable(reader: Reader, type_name: str, rows: dict[str, dict[str, Any]]) -> None:
    """Report every value the database cannot hold, instead of failing on save."""
    fields = hsds_fields(type_name) if type_name in MODEL_FOR_TYPE else {}
    urls = uri_columns(type_name)
    for row_id, row in rows.items():
        where = reader.origins[(type_name, row_id)]
        for column, raw in row.items():
            field = fields.get(column)
            problem = text_problem(raw) or (value_problem(field, raw) if field else None)
            if not problem and column in urls and isinstance(raw, str):
                # A javascript: or data: link would end up in an href.
                problem = url_problem(raw)
            if problem:
                reader.problem(_column(reader, where, column), problem)


def _column(reader: Reader, where: str, column: str) -> str:
    if reader.tabular and " " in where:
        return _("%(where)s, column %(column)s") % {"where": where, "column": column}
    return _path(where, [column])


def _chunks(items: list[Any], size: int) -> Iterable[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]

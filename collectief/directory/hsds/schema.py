"""The HSDS 3.1 JSON Schemas shipped with Collectief, and what they tell us.

The schema files (CC BY-SA 4.0, Open Referral) live in
``collectief/directory/data/hsds-schema/``. From them we derive, per HSDS
object type: its scalar fields, its nested children (arrays of other
objects) and its single nested objects (``service.organization``), so that
import and export walk every object generically.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft7Validator, FormatChecker
from referencing import Registry
from referencing.jsonschema import DRAFT7

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "data" / "hsds-schema"
HSDS_VERSION = "3.1"

# Single nested objects that are not in the schema but appear in the
# examples of the HSDS API (organization_full, service_at_location_full),
# and the children the API nests under an organization.
EXTRA_SINGLE = {("service_at_location", "service"): "service"}
EXTRA_ARRAYS = {("organization", "services"): "service"}

# The link column a single nested object fills on its parent.
SINGLE_LINK_COLUMN = {
    "organization": "organization_id",
    "program": "program_id",
    "location": "location_id",
    "service": "service_id",
    "taxonomy_term": "taxonomy_term_id",
    "taxonomy_detail": "taxonomy_id",
    "unit": "unit_id",
}


@dataclass
class TypeInfo:
    name: str
    table: str  # CSV file name, e.g. "services.csv"
    schema: dict[str, Any]
    scalars: list[str] = field(default_factory=list)
    arrays: dict[str, str] = field(default_factory=dict)  # property -> child type
    singles: dict[str, str] = field(default_factory=dict)  # property -> child type
    required: list[str] = field(default_factory=list)
    tabular_required: list[str] = field(default_factory=list)
    order: int = 99

    def enum(self, name: str) -> list[str] | None:
        return self.schema["properties"].get(name, {}).get("enum")

    def prop(self, name: str) -> dict[str, Any]:
        return self.schema["properties"].get(name, {})


def _type_of_ref(ref: str) -> str:
    return ref.rsplit("/", 1)[-1].removesuffix(".json")


@cache
def types() -> dict[str, TypeInfo]:
    result: dict[str, TypeInfo] = {}
    for path in sorted(SCHEMA_DIR.glob("*.json")):
        if path.name == "openapi.json":
            continue
        schema = json.loads(path.read_text(encoding="utf-8"))
        info = TypeInfo(
            name=path.stem,
            table=schema.get("path", f"{path.stem}.csv"),
            schema=schema,
            required=list(schema.get("required", [])),
            tabular_required=list(schema.get("tabular_required", [])),
            order=schema.get("datapackage_metadata", {}).get("order", 99),
        )
        for name, prop in schema.get("properties", {}).items():
            if prop.get("type") == "array" and "$ref" in prop.get("items", {}):
                info.arrays[name] = _type_of_ref(prop["items"]["$ref"])
            elif "$ref" in prop:
                info.singles[name] = _type_of_ref(prop["$ref"])
            else:
                info.scalars.append(name)
        for (parent, prop_name), child in EXTRA_ARRAYS.items():
            if parent == info.name:
                info.arrays[prop_name] = child
        for (parent, prop_name), child in EXTRA_SINGLE.items():
            if parent == info.name:
                info.singles[prop_name] = child
        result[info.name] = info
    return result


@cache
def uri_columns(type_name: str) -> frozenset[str]:
    """Columns the standard describes as ``format: uri``: websites, logos, links.

    Collectief accepts only http(s) there (``collectief.lib.safe_urls``),
    whether the table is modelled or kept as raw HSDS rows.
    """
    info = types().get(type_name)
    if info is None:
        return frozenset()
    return frozenset(
        name for name in info.scalars if info.prop(name).get("format") in ("uri", "url")
    )


def type_for_table(table: str) -> TypeInfo | None:
    for info in types().values():
        if info.table == table:
            return info
    return None


@cache
def registry() -> Registry:
    resources = []
    for path in SCHEMA_DIR.glob("*.json"):
        if path.name == "openapi.json":
            continue
        contents = json.loads(path.read_text(encoding="utf-8"))
        resources.append((path.name, DRAFT7.create_resource(contents)))
    return Registry().with_resources(resources)


@cache
def validator(type_name: str) -> Draft7Validator:
    """A validator for one HSDS object type, resolving refs to the other files."""
    return Draft7Validator(
        {"$ref": f"{type_name}.json"},
        registry=registry(),
        format_checker=FormatChecker(formats=["uuid", "date", "email"]),
    )


def flat_schema(type_name: str) -> dict[str, Any]:
    """The schema of a row in the tabular (CSV) form: scalars only."""
    info = types()[type_name]
    properties = {name: info.schema["properties"][name] for name in info.scalars}
    return {
        "type": "object",
        "properties": properties,
        "required": [r for r in info.required if r in properties],
    }


@cache
def row_validator(type_name: str) -> Draft7Validator:
    return Draft7Validator(
        flat_schema(type_name), format_checker=FormatChecker(formats=["uuid", "date", "email"])
    )

"""Build the OpenAPI 3.1 document from the URL configuration.

Every view decorated with ``@api_endpoint`` under /api/ appears, with the
path taken from the URL pattern, so the document cannot drift from the
routes that exist.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from django import forms
from django.urls import URLPattern, URLResolver, get_resolver

from collectief.lib.api import EndpointSpec
from collectief.lib.safe_urls import SafeURLFormField

_CONVERTER = re.compile(r"<(?:(?P<conv>[^>:]+):)?(?P<name>[^>]+)>")
_CONVERTER_TYPES = {"int": {"type": "integer"}, "uuid": {"type": "string", "format": "uuid"}}


def _walk(patterns: list[Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield route, pattern.callback


def form_schema(form_class: type[forms.Form]) -> dict[str, Any]:
    """A JSON schema for the fields of a Django form."""
    properties: dict[str, Any] = {}
    required: list[str] = []
    for name, field in form_class.base_fields.items():
        schema: dict[str, Any]
        if isinstance(field, forms.BooleanField):
            schema = {"type": "boolean"}
        elif isinstance(field, forms.IntegerField):
            schema = {"type": "integer"}
            # The form refuses what lies outside its bounds; the document says so.
            if field.min_value is not None:
                schema["minimum"] = field.min_value
            if field.max_value is not None:
                schema["maximum"] = field.max_value
        elif isinstance(field, forms.DecimalField | forms.FloatField):
            schema = {"type": "number"}
        elif isinstance(field, forms.ModelMultipleChoiceField | forms.MultipleChoiceField):
            schema = {"type": "array", "items": {"type": "string"}}
        elif isinstance(field, forms.ModelChoiceField):
            schema = {"type": "string"}
        elif isinstance(field, forms.ChoiceField):
            choices = list(field.choices)  # type: ignore[arg-type]
            schema = {"type": "string", "enum": [str(k) for k, _ in choices if k != ""]}
        elif isinstance(field, forms.DateTimeField):
            # RFC 3339 allows a lower-case "t" and "z"; Django's parser does not.
            schema = {"type": "string", "format": "date-time", "pattern": "^[^a-z]*$"}
        elif isinstance(field, forms.DateField):
            schema = {"type": "string", "format": "date"}
        elif isinstance(field, forms.EmailField):
            schema = {"type": "string", "format": "email"}
        elif isinstance(field, forms.URLField | SafeURLFormField):
            # Only http(s) (collectief/lib/safe_urls.py); empty when optional.
            schema = {"type": "string", "format": "uri", "pattern": "^(https?://.+)?$"}
            if field.max_length:
                schema["maxLength"] = field.max_length
        else:
            schema = {"type": "string"}
            max_length = getattr(field, "max_length", None)
            if max_length:
                schema["maxLength"] = max_length
        if field.label:
            schema["title"] = str(field.label)
        if field.help_text:
            schema["description"] = str(field.help_text)
        if field.required:
            required.append(name)
        else:
            # validate_form reads null as "not given", which an optional field allows.
            schema["type"] = [schema["type"], "null"]
            if "enum" in schema:
                schema["enum"] = [*schema["enum"], None]
        properties[name] = schema
    return {"type": "object", "properties": properties, "required": required}


def endpoints() -> list[tuple[str, EndpointSpec]]:
    """(OpenAPI path, spec) for every API endpoint, in URL order."""
    found = []
    for route, callback in _walk(get_resolver().url_patterns, "/"):
        spec = getattr(callback, "api_spec", None)
        if spec is None:
            continue
        path = _CONVERTER.sub(lambda m: "{" + m.group("name") + "}", route)
        found.append((path, spec))
    return found


def _path_parameters(route: str) -> list[dict[str, Any]]:
    return [
        {"name": name, "in": "path", "required": True, "schema": {"type": "string"}}
        for name in re.findall(r"\{([^}]+)\}", route)
    ]


def _success_schema(spec: EndpointSpec, method: str) -> dict[str, Any]:
    if method == "POST" and spec.created_response is not None:
        return spec.created_response
    return spec.response or {}


def build_document() -> dict[str, Any]:
    paths: dict[str, Any] = {}
    for route, spec in endpoints():
        item = paths.setdefault(route, {})
        for method in spec.methods:
            operation: dict[str, Any] = {
                "summary": spec.summary,
                "tags": list(spec.tags),
                "parameters": _path_parameters(route)
                + [
                    {
                        "name": p.name,
                        "in": "query",
                        "required": p.required,
                        "description": p.description,
                        "schema": p.schema,
                    }
                    for p in spec.parameters
                    if method == "GET"
                ],
                "responses": {
                    "200" if method != "POST" else "201": {
                        "description": "OK",
                        "content": {"application/json": {"schema": _success_schema(spec, method)}},
                    },
                    "400": {"$ref": "#/components/responses/Error"},
                    "401": {"$ref": "#/components/responses/Error"},
                    "403": {"$ref": "#/components/responses/Error"},
                    "404": {"$ref": "#/components/responses/Error"},
                    "405": {"$ref": "#/components/responses/Error"},
                    "429": {"$ref": "#/components/responses/TooManyRequests"},
                },
            }
            if spec.request_form is not None and method in ("POST", "PUT", "PATCH"):
                body = form_schema(spec.request_form)
                if spec.closed_body:
                    body["additionalProperties"] = False
                operation["requestBody"] = {
                    "required": True,
                    "content": {"application/json": {"schema": body}},
                }
            if spec.auth_required or method not in ("GET", "HEAD"):
                operation["security"] = [{"token": []}]
            item[method.lower()] = operation
    error = _error_response()
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Collectief API",
            "version": "1",
            "description": (
                "Read public data without a token. Send `Authorization: Bearer <token>` "
                "to act as a user; a token sees exactly what its user sees."
            ),
            "license": {"name": "EUPL-1.2", "identifier": "EUPL-1.2"},
        },
        "servers": [{"url": "/"}],
        "paths": paths,
        "components": {
            "securitySchemes": {"token": {"type": "http", "scheme": "bearer"}},
            "responses": {
                "Error": error,
                "TooManyRequests": {
                    **error,
                    "description": (
                        "Too many requests from this token (or from this address without "
                        "a token) in the current hour; try again after `Retry-After` seconds."
                    ),
                    "headers": {
                        "Retry-After": {
                            "description": "Seconds until the next hour, when counting starts again.",
                            "schema": {"type": "integer", "minimum": 1},
                        }
                    },
                },
            },
        },
    }


def _error_response() -> dict[str, Any]:
    return {
        "description": (
            "Problem details (RFC 9457) with a title and detail in the user's "
            "language; `error` repeats the detail and `errors` holds messages "
            "per field."
        ),
        "content": {
            "application/problem+json": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "type": {"type": "string"},
                        "title": {"type": "string"},
                        "status": {"type": "integer"},
                        "detail": {"type": "string"},
                        "error": {"type": "string"},
                        "errors": {"type": "object"},
                    },
                    "required": ["type", "title", "status", "detail"],
                }
            }
        },
    }
